// Shared helpers of the notification tests: demo people by phone, reminders to enqueue.
import type { NotificationItem } from '../../../server/src/notifications/outbox.ts';
import type { TestApp } from '../../support/app.ts';

export const BOT_KEY = 'test-bot-key';

export async function userIdByPhone(app: TestApp, phone: string): Promise<number> {
  return (await app.running.deps.db.user.findUniqueOrThrow({ where: { phone } })).id;
}

/** A task reminder, with the subscribe-message fields the dispatch job needs. */
export function reminder(userId: number, key: string, overrides: Partial<NotificationItem> = {}): NotificationItem {
  return {
    userId, kind: 'task_reminder', dedupeKey: key,
    payload: { title: '学习《宪法》第一章', text: '请在 3 月 31 日前完成', subscribe: { page: 'pages/tasks/index', data: { thing1: '学习《宪法》第一章', time2: '2025-03-31 18:00' } } },
    ...overrides,
  };
}

/** Beijing wall-clock time as a Date, e.g. at('2025-03-03 23:30'). */
export function at(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+08:00`);
}
