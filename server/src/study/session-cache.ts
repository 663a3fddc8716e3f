// What the heartbeat path needs to know about a session — its owner and whether it is open —
// cached per instance for longer than the 30 s heartbeat interval, so a heartbeat costs no read.
// A session closed on another instance is noticed within the TTL (heartbeats in between are
// stored but were not part of the closing analysis); one closed here is evicted at once.
import { rawDate } from '../db/raw-values.ts';
import type { Db } from '../db/client.ts';
import { GroupCommit } from '../db/group-commit.ts';
import { placeholders, rawSql, type RawSql } from '../db/raw-sql.ts';
import type { AppDeps } from '../deps.ts';
import { perDb, perDeps } from '../db/per-db.ts';

/**
 * `pendingUntil`: when the unanswered check in flight expires (null: none in flight).
 * `retryCheck`: the last check was answered wrong or let expire, so the next heartbeat asks again —
 * a bot earns the same from silence as from a wrong answer.
 */
export type SessionState = { id: number; userId: number; open: boolean; lastCheckAt: number | null; pendingUntil: number | null; retryCheck: boolean };

const TTL_MS = 90_000;
const cacheOf = perDb(() => new Map<number, { state: SessionState; until: number }>());

type SessionRow = {
  id: number; userId: number; status: string;
  askedAt: Date | string | null; answeredAt: Date | string | null; expiresAt: Date | string | null; correct: boolean | number | null;
};

/**
 * Sessions with their latest presence check, for every cache miss of one moment in one statement
 * (the heartbeat path's only read on a miss).
 */
async function sessionRows(sql: RawSql, ids: number[]): Promise<Array<SessionRow | null>> {
  const rows = await sql.rows<SessionRow>(
    `SELECT s.id AS id, s.user_id AS userId, s.status AS status,
       c.asked_at AS askedAt, c.answered_at AS answeredAt, c.expires_at AS expiresAt, c.correct AS correct
     FROM study_sessions s
     LEFT JOIN presence_checks c ON c.id = (SELECT p.id FROM presence_checks p WHERE p.session_id = s.id ORDER BY p.asked_at DESC, p.id DESC LIMIT 1)
     WHERE s.id IN (${placeholders(ids.length)})`, ids);
  const byId = new Map(rows.map((row) => [Number(row.id), row]));
  return ids.map((id) => byId.get(id) ?? null);
}

const sessionLoader = perDeps((deps) => new GroupCommit((ids: number[]) => sessionRows(rawSql(deps), ids), { maxBatch: 200, maxInFlight: 2 }));

/** The session and its latest presence check, cached; misses are read in batches. */
export async function sessionState(deps: Pick<AppDeps, 'db' | 'rawMysql'>, id: number, now: number): Promise<SessionState | null> {
  const cache = cacheOf(deps.db);
  const hit = cache.get(id);
  if (hit && hit.until > now) return hit.state;
  const row = await sessionLoader(deps).submit(id);
  if (!row) { cache.delete(id); return null; }
  const state: SessionState = {
    id: row.id, userId: row.userId, open: row.status === 'open', lastCheckAt: row.askedAt === null ? null : rawDate(row.askedAt).getTime(),
    pendingUntil: row.askedAt !== null && row.answeredAt === null ? rawDate(row.expiresAt!).getTime() : null,
    retryCheck: row.correct !== null && !Number(row.correct),
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
