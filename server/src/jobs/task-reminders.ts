// Every morning at 09:00 (Beijing time), reminds people of unfinished tasks due within a week or
// a day. The dedupe key per (task, stage) and the daily budget keep reminders from repeating.
import { remindDueTasks } from '../campaigns/notify.ts';
import { defineJob, SHANGHAI } from './job.ts';

export const taskReminders = defineJob({
  name: 'task-reminders',
  schedule: '0 0 9 * * *',
  timezone: SHANGHAI,
  catchUp: 'latest',
  async run(deps) {
    const result = await remindDueTasks(deps.db, deps.clock.now(), deps.config.NOTIFY_DAILY_BUDGET);
    return { ...result };
  },
});
