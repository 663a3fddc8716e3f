// Writing to the notification outbox. A row is one message to one person over one channel;
// delivery (the bot's claim/ack API, the WeChat dispatch job) reads the rows later, so nothing
// here talks to the network.
import { Prisma, type Db, type Tx } from '../db/client.ts';

export const CHANNELS = ['bot', 'wechat_subscribe'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The budget when the caller passes none; the server's setting is NOTIFY_DAILY_BUDGET. */
export const DEFAULT_DAILY_BUDGET = 3;

/**
 * Kinds starting with this are posts to a WeChat group, filed under the organiser who linked
 * the group (every row needs a person): they are not that person's messages, so they count
 * against no one's daily budget and are not listed among their messages.
 */
export const GROUP_POST_KIND_PREFIX = 'group_';
export const notGroupPost = { NOT: { kind: { startsWith: GROUP_POST_KIND_PREFIX } } };

/** Longest logical key: the column holds 191 characters, and the channel suffix takes some. */
export const MAX_DEDUPE_KEY_LENGTH = 191 - ':wechat_subscribe'.length;

export type NotificationItem = {
  userId: number;
  /** What the message is about, e.g. `task_reminder`; at most 40 characters. */
  kind: string;
  /** Same logical message → same key (e.g. `task:42:stage:due-1d`), so re-runs queue nothing new. */
  dedupeKey: string;
  payload: Record<string, unknown>;
  /** Defaults to both channels. */
  channels?: Channel[];
};

export type EnqueueOptions = { dailyBudget?: number };

/** Counted in rows, i.e. per item and channel. */
export type EnqueueResult = { queued: number; duplicates: number; overBudget: number };

const SHANGHAI_OFFSET_MS = 8 * 3_600_000; // China keeps UTC+8 all year
const DAY_MS = 86_400_000;

/** The Asia/Shanghai calendar day containing `at`, as a half-open UTC interval. */
export function shanghaiDayOf(at: Date): { start: Date; end: Date } {
  const start = Math.floor((at.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
  return { start: new Date(start), end: new Date(start + DAY_MS) };
}

/** The key stored for one channel of a logical message. */
export function channelKey(dedupeKey: string, channel: Channel): string {
  return `${dedupeKey}:${channel}`;
}

/**
 * Queues messages: one pending row per item and channel, available at `now`, keyed
 * `${dedupeKey}:${channel}` so the same message is never queued twice, and at most
 * `dailyBudget` rows per person, channel and Asia/Shanghai day (rows created that day, whatever
 * became of them) so a run of reminders cannot flood anyone. Over-budget rows are dropped and
 * counted; items are taken in the order given, so put the most important first.
 *
 * Schedulers call this AFTER their own transaction has committed: a rolled-back run must not
 * leave messages behind, and enqueueing must not hold the scheduler's locks. It only writes
 * rows — nothing is ever sent from here; delivery reads the outbox later. A `tx` is accepted
 * for a caller that needs the rows to commit atomically with its own writes.
 *
 * The budget is checked, not locked: two enqueues for the same person at the same instant may
 * together exceed it by the size of the smaller batch. The dedupe key, by contrast, is enforced
 * by the unique index, so duplicates are impossible even under races.
 */
export async function enqueueNotifications(db: Db | Tx, items: NotificationItem[], now: Date, options: EnqueueOptions = {}): Promise<EnqueueResult> {
  const budget = options.dailyBudget ?? DEFAULT_DAILY_BUDGET;
  const rows = items.flatMap((item) => {
    if (item.dedupeKey.length > MAX_DEDUPE_KEY_LENGTH) throw new Error(`notification dedupeKey longer than ${MAX_DEDUPE_KEY_LENGTH}: ${item.dedupeKey}`);
    if (item.kind.length > 40) throw new Error(`notification kind longer than 40: ${item.kind}`);
    return [...new Set(item.channels ?? CHANNELS)].map((channel) => ({ ...item, channel, key: channelKey(item.dedupeKey, channel) }));
  });
  if (!rows.length) return { queued: 0, duplicates: 0, overBudget: 0 };

  const existing = new Set((await db.notificationOutbox.findMany({
    where: { dedupeKey: { in: [...new Set(rows.map((row) => row.key))] } }, select: { dedupeKey: true },
  })).map((row) => row.dedupeKey));

  const day = shanghaiDayOf(now);
  const usedToday = new Map<string, number>();
  const counts = await db.notificationOutbox.groupBy({
    by: ['userId', 'channel'], _count: { _all: true },
    where: { userId: { in: [...new Set(rows.map((row) => row.userId))] }, createdAt: { gte: day.start, lt: day.end }, ...notGroupPost },
  });
  for (const count of counts) usedToday.set(`${count.userId}:${count.channel}`, count._count._all);

  let duplicates = 0, overBudget = 0;
  const toCreate: Prisma.NotificationOutboxCreateManyInput[] = [];
  for (const row of rows) {
    // A key already queued is a duplicate, not a budget hit: re-running a scheduler is normal.
    if (existing.has(row.key)) { duplicates++; continue; }
    existing.add(row.key);
    const slot = `${row.userId}:${row.channel}`;
    const used = usedToday.get(slot) ?? 0;
    const budgeted = !row.kind.startsWith(GROUP_POST_KIND_PREFIX);
    if (budgeted && used >= budget) { overBudget++; continue; }
    if (budgeted) usedToday.set(slot, used + 1);
    toCreate.push({
      userId: row.userId, channel: row.channel, kind: row.kind, dedupeKey: row.key, payload: row.payload as Prisma.InputJsonObject,
      status: 'pending', availableAt: now, createdAt: now,
    });
  }
  if (!toCreate.length) return { queued: 0, duplicates, overBudget };

  try {
    await db.notificationOutbox.createMany({ data: toCreate });
    return { queued: toCreate.length, duplicates, overBudget };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  // Another enqueue wrote some of these keys between our check and our insert (SQLite has no
  // skipDuplicates). The batch insert failed as a whole, so insert row by row and count the losers.
  let queued = 0;
  for (const data of toCreate) {
    try {
      await db.notificationOutbox.create({ data, select: { id: true } });
      queued++;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      duplicates++;
    }
  }
  return { queued, duplicates, overBudget };
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
