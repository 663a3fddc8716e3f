// Claiming outbox rows for delivery and recording the outcome. Deliverers (the Wechaty bot over
// HTTP, the WeChat dispatch job in each server instance) may run side by side, so every state
// change is a compare-and-set on the row's status, claimer and attempt count: two deliverers
// never hold the same row, and a late answer from a claimer who timed out changes nothing.
import type { Db } from '../db/client.ts';
import type { Channel } from './outbox.ts';

/** Deliveries tried this often end failed. */
export const MAX_ATTEMPTS = 5;
/** A failed delivery waits this long times the number of attempts so far before the next try. */
export const RETRY_BACKOFF_MS = 60_000;

export type ClaimOptions = {
  channel: Channel;
  limit: number;
  claimedBy: string;
  now: Date;
  /** A claim not settled within this time is given up, and the row returns to the queue. */
  claimTimeoutMs: number;
};

export type ClaimedRow = { id: bigint; userId: number; kind: string; payload: unknown; attempts: number; claimedBy: string };

/**
 * Claims up to `limit` rows of a channel that are due: pending rows whose availableAt has
 * come, and rows whose claim has timed out (the claimer crashed or lost its answer). A timed-out
 * row that has used up its attempts is marked failed instead of being handed out again.
 */
export async function claimNotifications(db: Db, options: ClaimOptions): Promise<ClaimedRow[]> {
  const { channel, limit, claimedBy, now } = options;
  const staleBefore = new Date(now.getTime() - options.claimTimeoutMs);
  const claimed: ClaimedRow[] = [];
  const tried = new Set<bigint>();
  // Rows lost to a concurrent claimer leave room: look again a few times to fill the batch.
  for (let round = 0; round < 3 && claimed.length < limit; round++) {
    const candidates = await db.notificationOutbox.findMany({
      where: {
        channel,
        id: tried.size ? { notIn: [...tried] } : undefined,
        OR: [{ status: 'pending', availableAt: { lte: now } }, { status: 'claimed', claimedAt: { lt: staleBefore } }],
      },
      orderBy: [{ availableAt: 'asc' }, { id: 'asc' }],
      take: limit - claimed.length,
      select: { id: true, userId: true, kind: true, payload: true, status: true, attempts: true },
    });
    if (!candidates.length) break;
    for (const row of candidates) {
      tried.add(row.id);
      // Every claim increments attempts, so (status, attempts) identifies the state we read.
      const unchanged = { id: row.id, status: row.status, attempts: row.attempts };
      if (row.status === 'claimed' && row.attempts >= MAX_ATTEMPTS) {
        await db.notificationOutbox.updateMany({ where: unchanged, data: { status: 'failed', lastError: `领取 ${row.attempts} 次均未确认送达` } });
        continue;
      }
      const { count } = await db.notificationOutbox.updateMany({
        where: unchanged,
        data: { status: 'claimed', claimedAt: now, claimedBy, attempts: { increment: 1 } },
      });
      if (count === 1) claimed.push({ id: row.id, userId: row.userId, kind: row.kind, payload: row.payload, attempts: row.attempts + 1, claimedBy });
    }
  }
  return claimed;
}

export type Settlement =
  | { outcome: 'sent' }
  /** Try again later, unless the attempts are used up. */
  | { outcome: 'retry'; error: string }
  /** Will never succeed (the person refused the message): no more tries. */
  | { outcome: 'failed'; error: string }
  /** Nothing to deliver to (e.g. no WeChat bound): given up, not a delivery failure. */
  | { outcome: 'cancelled'; error: string };

export type SettledStatus = 'sent' | 'pending' | 'failed' | 'cancelled';

/**
 * Records how a claimed delivery went. Only the current claim may settle the row: returns null
 * when the row is not claimed by `claim.claimedBy` with `claim.attempts` any more (it timed out
 * and was claimed again, or was settled already).
 */
export async function settleNotification(
  db: Db, claim: { id: bigint; claimedBy: string; attempts: number }, settlement: Settlement, now: Date,
): Promise<{ status: SettledStatus; availableAt: Date | null } | null> {
  const where = { id: claim.id, status: 'claimed' as const, claimedBy: claim.claimedBy, attempts: claim.attempts };
  let status: SettledStatus;
  let availableAt: Date | null = null;
  let data;
  if (settlement.outcome === 'sent') {
    status = 'sent';
    data = { status, sentAt: now };
  } else if (settlement.outcome === 'retry' && claim.attempts < MAX_ATTEMPTS) {
    status = 'pending';
    availableAt = new Date(now.getTime() + RETRY_BACKOFF_MS * claim.attempts);
    data = { status, availableAt, lastError: settlement.error };
  } else {
    status = settlement.outcome === 'cancelled' ? 'cancelled' : 'failed';
    data = { status, lastError: settlement.error };
  }
  const { count } = await db.notificationOutbox.updateMany({ where, data });
  return count === 1 ? { status, availableAt } : null;
}
