// The person's own message list. One logical message is queued once per channel; the list
// shows it once, with how each channel fared.
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import type { PageInput } from '../http/schemas.ts';
import { notGroupPost } from './outbox.ts';

type RowStatus = 'pending' | 'claimed' | 'sent' | 'failed' | 'cancelled';
type Channel = 'bot' | 'wechat_subscribe';

/** The logical key of a row: its dedupe key without the `:channel` suffix added at enqueue. */
function logicalKey(row: { dedupeKey: string; channel: Channel }): string {
  const suffix = `:${row.channel}`;
  return row.dedupeKey.endsWith(suffix) ? row.dedupeKey.slice(0, -suffix.length) : row.dedupeKey;
}

/** Sent if any channel got it through; pending while any channel is still trying. */
function overallStatus(statuses: RowStatus[]): 'pending' | 'sent' | 'failed' | 'cancelled' {
  if (statuses.includes('sent')) return 'sent';
  if (statuses.some((s) => s === 'pending' || s === 'claimed')) return 'pending';
  if (statuses.includes('failed')) return 'failed';
  return 'cancelled';
}

/**
 * The signed-in person's messages, newest first. Rows are grouped in memory: the daily budget
 * bounds a person's rows to a few per day, and the keys alone are small.
 */
export async function listMyNotifications(db: Db, actor: Actor, page: PageInput) {
  const rows = await db.notificationOutbox.findMany({
    where: { userId: actor.userId, ...notGroupPost },
    select: { id: true, dedupeKey: true, channel: true, status: true },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
  const groups = new Map<string, Array<(typeof rows)[number]>>();
  for (const row of rows) {
    const key = logicalKey(row);
    const group = groups.get(key);
    if (group) group.push(row); else groups.set(key, [row]);
  }
  const window = [...groups.values()].slice((page.page - 1) * page.pageSize, page.page * page.pageSize);
  const details = await db.notificationOutbox.findMany({
    where: { id: { in: window.map((group) => group[0]!.id) } },
    select: { id: true, kind: true, payload: true, createdAt: true },
  });
  const byId = new Map(details.map((row) => [row.id, row]));
  const items = window.map((group) => {
    const first = byId.get(group[0]!.id)!;
    const channels = [...group].sort((a, b) => a.channel.localeCompare(b.channel)).map((row) => ({ channel: row.channel, status: row.status }));
    return {
      id: String(first.id), kind: first.kind, payload: first.payload, createdAt: first.createdAt.toISOString(),
      status: overallStatus(group.map((row) => row.status)), channels,
    };
  });
  return { items, total: groups.size, ...page };
}
