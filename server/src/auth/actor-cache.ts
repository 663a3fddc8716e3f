// A short-lived cache of resolved actors per token, so an exam's saves and the study heartbeats
// (one per learner every 30 s) do not read the token, user and roles on every call. Entries live
// a minute, longer than the heartbeat interval; revocation and changes made on this instance
// evict at once, and other instances catch up within the TTL.
import type { Db } from '../db/client.ts';
import type { Actor } from './actor.ts';
import { perDb } from '../db/per-db.ts';

const TTL_MS = 60_000;
const MAX_ENTRIES = 200_000;

type Entry = { actor: Actor; until: number };
const cacheOf = perDb(() => new Map<string, Entry>());

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

/** Drops every cached session of a user (disabled, roles changed) or one token (logout). */
export function forgetActors(db: Db, match: { userId?: number; tokenId?: number }): void {
  const cache = cacheOf(db);
  for (const [hash, entry] of cache) {
    if (entry.actor.userId === match.userId || entry.actor.tokenId === match.tokenId) cache.delete(hash);
  }
}
