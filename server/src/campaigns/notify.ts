// Messages about campaign tasks: a new task, and reminders before its deadline. They are
// queued in the outbox after the work that caused them, never inside it; the dedupe keys make
// every (task, stage) message at most once however often the jobs run.
import type { Db } from '../db/client.ts';
import { enqueueNotifications, type NotificationItem } from '../notifications/outbox.ts';
import { evaluateTasks } from './evaluate.ts';
import { shanghaiMinute } from '../clock.ts';
import { miniprogramPages } from '../notifications/miniprogram-pages.ts';

const DAY_MS = 86_400_000;
/** Reminder stages, in days before the deadline; only the nearest stage still ahead is sent. */
export const REMINDER_STAGES = [7, 1] as const;

function taskMessage(task: { id: number; userId: number; dueAt: Date; title: string }, kind: string, stage: string, text: string): NotificationItem {
  return {
    userId: task.userId, kind, dedupeKey: `task:${task.id}:${stage}`,
    payload: {
      taskId: task.id, title: task.title, dueAt: task.dueAt.toISOString(), text,
      // Subscribe-message fields: thing values are at most 20 characters on WeChat.
      subscribe: { template: 'task', page: miniprogramPages.task(task.id), data: { thing1: task.title.slice(0, 20), time2: shanghaiMinute(task.dueAt) } },
    },
  };
}

export async function notifyNewTasks(db: Db, taskIds: number[], now: Date, dailyBudget?: number) {
  if (!taskIds.length) return { queued: 0, duplicates: 0, overBudget: 0 };
  const tasks = await db.taskInstance.findMany({ where: { id: { in: taskIds } }, select: { id: true, userId: true, dueAt: true, requirement: { select: { title: true } } } });
  return enqueueNotifications(db, tasks.map((t) => taskMessage({ ...t, title: t.requirement.title }, 'task_new', 'new', `新任务：${t.requirement.title}，截止 ${shanghaiMinute(t.dueAt)}`)), now, { dailyBudget });
}

/** Reminds everyone whose task is not done and whose deadline falls within a reminder stage. */
export async function remindDueTasks(db: Db, now: Date, dailyBudget?: number) {
  const horizon = new Date(now.getTime() + Math.max(...REMINDER_STAGES) * DAY_MS);
  const tasks = await db.taskInstance.findMany({
    where: { dueAt: { gt: now, lte: horizon } },
    include: { requirement: { select: { id: true, kind: true, params: true, title: true } } },
  });
  const evaluations = await evaluateTasks(db, tasks, now);
  const items = tasks.flatMap((task) => {
    const evaluation = evaluations.get(task.id)!;
    if (evaluation.state === 'done' || evaluation.state === 'submitted') return [];
    const daysLeft = (task.dueAt.getTime() - now.getTime()) / DAY_MS;
    const stage = Math.min(...REMINDER_STAGES.filter((d) => daysLeft <= d));
    return [taskMessage({ ...task, title: task.requirement.title }, 'task_reminder', `due-${stage}d`, `提醒：${task.requirement.title} 将于 ${shanghaiMinute(task.dueAt)} 截止，${evaluation.missing ?? ''}`)];
  });
  // Nearest deadlines first: the daily budget keeps the most urgent messages.
  items.sort((a, b) => String(a.payload.dueAt).localeCompare(String(b.payload.dueAt)));
  return enqueueNotifications(db, items, now, { dailyBudget });
}
