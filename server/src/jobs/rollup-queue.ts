// Adds graded attempts still queued to the roll-ups (rollups/attempt-queue.ts). A grading schedules
// this itself right after its commit; the minute's run catches a process stopped in between.
import { applyQueuedAttempts } from '../rollups/attempt-queue.ts';
import { defineJob, SHANGHAI } from './job.ts';

export const rollupQueue = defineJob({
  name: 'rollup-queue',
  schedule: '30 * * * * *',
  timezone: SHANGHAI,
  catchUp: 'latest',
  async run(deps) {
    return { added: await applyQueuedAttempts(deps.db) };
  },
});
