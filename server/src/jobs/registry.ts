// Every periodic job, in one list. To add a job: write jobs/<job-name>.ts exporting a
// defineJob({ name, schedule, timezone, catchUp, run }) and add it here. The scheduler checks
// the list at start (names, expressions, time zones) and refuses to start on a mistake.
import type { JobDefinition } from './job.ts';
import { examDeadlineSweep } from './exam-deadline-sweep.ts';
import { jobRunsPrune } from './job-runs-prune.ts';
import { studySilenceSweep } from './study-silence-sweep.ts';
import { campaignTasks } from './campaign-tasks.ts';
import { taskReminders } from './task-reminders.ts';
import { examNotices } from './exam-notices.ts';
import { notificationDispatch } from './notification-dispatch.ts';
import { botDailyQuestion } from './bot-daily-question.ts';
import { rollupQueue } from './rollup-queue.ts';

export const registeredJobs: readonly JobDefinition[] = [
  examDeadlineSweep,
  studySilenceSweep,
  campaignTasks,
  taskReminders,
  examNotices,
  jobRunsPrune,
  notificationDispatch,
  botDailyQuestion,
  rollupQueue,
];
