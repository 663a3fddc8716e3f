// The revocation feed: a logout, a disabled account or a changed role is written as a row of
// `token_revocations`, and every process (cluster worker or instance on the same database)
// reads the rows it has not seen once a second with one primary-key range query and evicts the
// named sessions from its actor cache. So the cache saves the token reads at exam peak, yet a
// revoked session is refused everywhere within about a second.
import type { AppDeps } from '../deps.ts';
import type { Db } from '../db/client.ts';
import { perDb } from '../db/per-db.ts';
import { forgetActors, revokes, type Revocation } from './actor-cache.ts';

const POLL_MS = 1_000;
/** Rows older than this are deleted: every process has long applied them. */
const KEEP_MS = 24 * 3_600_000;
const PURGE_EVERY_POLLS = 600;
/** Commits can land out of id order; re-reading a few ids below the last seen catches a late one. */
const OVERLAP = 64n;
const RECENT_KEPT = 1_000;

type Seen = Revocation & { id: bigint };
type FeedState = { lastId: bigint; recent: Seen[]; running: boolean; failing: boolean };
const feedOf = perDb((): FeedState => ({ lastId: 0n, recent: [], running: false, failing: false }));

/** Records a revocation: this process forgets the sessions at once, the others at their next poll. */
export async function publishRevocation(db: Db, revocation: Revocation): Promise<void> {
  forgetActors(db, [revocation]);
  await db.tokenRevocation.create({ data: { userId: revocation.userId ?? null, tokenId: revocation.tokenId ?? null } });
}

/** The feed position before a token read: see `revokedSince`. */
export function feedPosition(db: Db): bigint {
  return feedOf(db).lastId;
}

/**
 * Was this actor revoked by an event applied after `position`? A token read that raced with a
 * revocation must not be cached, or the stale actor would outlive the eviction.
 */
export function revokedSince(db: Db, position: bigint, actor: { userId: number; tokenId: number }): boolean {
  const feed = feedOf(db);
  if (feed.lastId === position) return false;
  return revokes(feed.recent.filter((event) => event.id > position), actor);
}

async function poll(deps: Pick<AppDeps, 'db'>, feed: FeedState, count: number): Promise<void> {
  const rows = await deps.db.tokenRevocation.findMany({ where: { id: { gt: feed.lastId - OVERLAP } }, orderBy: { id: 'asc' }, take: 5_000, select: { id: true, userId: true, tokenId: true } });
  const seen = new Set(feed.recent.map((event) => event.id));
  const fresh = rows.filter((row) => !seen.has(row.id));
  if (fresh.length) {
    forgetActors(deps.db, fresh);
    feed.recent = [...feed.recent, ...fresh].slice(-RECENT_KEPT);
    feed.lastId = fresh.reduce((max, row) => (row.id > max ? row.id : max), feed.lastId);
  }
  // Wall-clock time, like the database's own default for created_at: this is housekeeping, not a rule.
  if (count % PURGE_EVERY_POLLS === 0) await deps.db.tokenRevocation.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - KEEP_MS) } } });
}

/** Starts polling the feed for this process's database client; `stop` ends it. */
export async function startRevocationFeed(deps: Pick<AppDeps, 'db' | 'logger'>): Promise<{ stop(): void }> {
  const feed = feedOf(deps.db);
  const newest = await deps.db.tokenRevocation.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
  // Sessions cached before the start cannot exist: the process starts with an empty cache.
  feed.lastId = newest?.id ?? 0n;
  let count = 0;
  const timer = setInterval(() => {
    if (feed.running) return;
    feed.running = true;
    poll(deps, feed, ++count)
      .then(() => {
        if (feed.failing) deps.logger.info('revocation feed reading again');
        feed.failing = false;
      })
      // Logged once per outage, not every second of it.
      .catch((error: unknown) => {
        if (!feed.failing) deps.logger.warn({ err: error }, 'revocation feed cannot read the database; retrying every second');
        feed.failing = true;
      })
      .finally(() => { feed.running = false; });
  }, POLL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
