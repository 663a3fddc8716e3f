// A short-lived cache of resolved actors per token, so an exam's saves and the study heartbeats
// (one per learner every 30 s) do not read the token, user and roles on every call. Entries live
// a minute; a revocation (logout, disabled account, changed roles) evicts them at once on the
// process that made it and, through the revocation feed (revocations.ts), on every other worker
// and instance within a second.
import type { Db } from '../db/client.ts';
import type { Actor } from './actor.ts';
import { perDb } from '../db/per-db.ts';

const TTL_MS = 60_000;
const MAX_ENTRIES = 200_000;

type Entry = { actor: Actor; until: number };
const cacheOf = perDb(() => new Map<string, Entry>());

/** What a revocation drops: one token, or every session of a user. */
export type Revocation = { userId?: number | null; tokenId?: number | null };

export function cachedActor(db: Db, tokenHash: string, now: number): Actor | null {
  const entry = cacheOf(db).get(tokenHash);
  if (!entry) return null;
  if (entry.until > now) return entry.actor;
  cacheOf(db).delete(tokenHash);
  return null;
}

export function rememberActor(db: Db, tokenHash: string, actor: Actor, tokenExpiresAt: number, now: number): void {
  const cache = cacheOf(db);
  // Maps iterate in insertion order, so the first key is the oldest entry.
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(tokenHash, { actor, until: Math.min(now + TTL_MS, tokenExpiresAt) });
}

/** Drops the cached sessions the revocations name, in one pass over the cache. */
export function forgetActors(db: Db, revocations: Revocation[]): void {
  const userIds = new Set(revocations.map((r) => r.userId).filter((id) => id != null));
  const tokenIds = new Set(revocations.map((r) => r.tokenId).filter((id) => id != null));
  const cache = cacheOf(db);
  for (const [hash, entry] of cache) {
    if (userIds.has(entry.actor.userId) || tokenIds.has(entry.actor.tokenId)) cache.delete(hash);
  }
}

/** Does any of the revocations concern this actor? */
export function revokes(revocations: Revocation[], actor: Pick<Actor, 'userId' | 'tokenId'>): boolean {
  return revocations.some((r) => r.userId === actor.userId || r.tokenId === actor.tokenId);
}
