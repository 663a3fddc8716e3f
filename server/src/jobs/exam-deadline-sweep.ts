// Submits attempts whose time ran out while their sitter was away. Each attempt is closed by a
// compare-and-set, so a repeated or concurrent sweep closes nothing twice.
import { sweepExpiredAttempts } from '../exams/finalize.ts';
import { defineJob, SHANGHAI } from './job.ts';

export const examDeadlineSweep = defineJob({
  name: 'exam-deadline-sweep',
  schedule: '*/15 * * * * *',
  timezone: SHANGHAI,
  // After an outage one sweep closes everything overdue; replaying each missed one adds nothing.
  catchUp: 'latest',
  async run(deps) {
    const closed = await sweepExpiredAttempts(deps, deps.clock.now());
    if (closed) deps.logger.info({ closed }, 'attempts submitted at their deadline');
    return { closed };
  },
});
