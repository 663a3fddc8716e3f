// Tells each exam's audience when its window opens, and reminds those who have not sat it a day
// before it closes. The dedupe keys make every message once, however often this runs.
import { queueExamNotices } from '../exams/notices.ts';
import { defineJob, SHANGHAI } from './job.ts';

export const examNotices = defineJob({
  name: 'exam-notices',
  schedule: '0 * * * * *',
  timezone: SHANGHAI,
  catchUp: 'latest',
  async run(deps) {
    return { ...(await queueExamNotices(deps.db, deps.clock.now(), deps.config.NOTIFY_DAILY_BUDGET)) };
  },
});
