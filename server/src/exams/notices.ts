// Messages about exam windows: when an exam opens, everyone in its audience is told; a day
// before it closes, those who have not yet sat it are reminded. Queued in the outbox after the
// fact, once per exam, person and stage.
import type { Db } from '../db/client.ts';
import { enqueueNotifications, type NotificationItem } from '../notifications/outbox.ts';
import { audienceMembers } from '../organizations/audience.ts';
import { shanghaiMinute } from '../clock.ts';
import { miniprogramPages } from '../notifications/miniprogram-pages.ts';

const DAY_MS = 86_400_000;

function message(exam: { id: number; title: string; closesAt: Date }, userId: number, stage: 'open' | 'closing', text: string): NotificationItem {
  return {
    userId, kind: stage === 'open' ? 'exam_open' : 'exam_closing', dedupeKey: `exam:${exam.id}:${stage}:${userId}`,
    payload: { examId: exam.id, title: exam.title, closesAt: exam.closesAt.toISOString(), text, subscribe: { template: 'task', page: miniprogramPages.exam(exam.id), data: { thing1: exam.title.slice(0, 20), time2: shanghaiMinute(exam.closesAt) } } },
  };
}

export async function queueExamNotices(db: Db, now: Date, dailyBudget?: number) {
  const opened = await db.exam.findMany({ where: { opensAt: { lte: now, gt: new Date(now.getTime() - DAY_MS) }, closesAt: { gt: now } }, include: { audience: true } });
  const closing = await db.exam.findMany({ where: { closesAt: { gt: now, lte: new Date(now.getTime() + DAY_MS) }, opensAt: { lte: now } }, include: { audience: true, attempts: { select: { userId: true } } } });
  const items: NotificationItem[] = [];
  for (const exam of closing) {
    const sat = new Set(exam.attempts.map((a) => a.userId));
    for (const userId of await audienceMembers(db, exam)) if (!sat.has(userId)) items.push(message(exam, userId, 'closing', `考试“${exam.title}”将于 ${shanghaiMinute(exam.closesAt)} 结束，您尚未参加`));
  }
  for (const exam of opened) {
    for (const userId of await audienceMembers(db, exam)) items.push(message(exam, userId, 'open', `考试“${exam.title}”已开始，截止 ${shanghaiMinute(exam.closesAt)}`));
  }
  return enqueueNotifications(db, items, now, { dailyBudget });
}
