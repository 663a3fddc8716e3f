// What the heartbeat path needs to know about a session — its owner and whether it is open —
// cached per instance for longer than the 30 s heartbeat interval, so a heartbeat costs no read.
// A session closed on another instance is noticed within the TTL (heartbeats in between are
// stored but were not part of the closing analysis); one closed here is evicted at once.
import type { Db } from '../db/client.ts';

/** `retryCheck`: the last presence check was answered wrong, so the next heartbeat asks again. */
export type SessionState = { id: number; userId: number; open: boolean; lastCheckAt: number | null; pendingCheck: boolean; retryCheck: boolean };

const TTL_MS = 90_000;
const caches = new WeakMap<Db, Map<number, { state: SessionState; until: number }>>();

function cacheOf(db: Db) {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  return cache;
}

export async function sessionState(db: Db, id: number, now: number): Promise<SessionState | null> {
  const cache = cacheOf(db);
  const hit = cache.get(id);
  if (hit && hit.until > now) return hit.state;
  const row = await db.studySession.findUnique({
    where: { id },
    select: { id: true, userId: true, status: true, checks: { orderBy: { askedAt: 'desc' }, take: 1, select: { askedAt: true, answeredAt: true, expiresAt: true, correct: true } } },
  });
  if (!row) { cache.delete(id); return null; }
  const last = row.checks[0];
  const state: SessionState = {
    id: row.id, userId: row.userId, open: row.status === 'open', lastCheckAt: last?.askedAt.getTime() ?? null,
    pendingCheck: Boolean(last && !last.answeredAt && last.expiresAt.getTime() > now),
    retryCheck: last?.correct === false,
  };
  cache.set(id, { state, until: now + TTL_MS });
  return state;
}

export function updateSessionState(db: Db, id: number, change: Partial<SessionState>): void {
  const hit = cacheOf(db).get(id);
  if (hit) Object.assign(hit.state, change);
}

export function forgetSession(db: Db, id: number): void {
  cacheOf(db).delete(id);
}
