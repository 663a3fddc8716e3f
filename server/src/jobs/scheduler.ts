// Scheduled jobs of this instance. The deadline sweep is a compare-and-set per attempt, so
// every instance may run it: an attempt is closed by exactly one of them.
import cron, { type ScheduledTask } from 'node-cron';
import type { AppDeps } from '../deps.ts';
import { sweepExpiredAttempts } from '../exams/finalize.ts';
import { closeSilentSessions } from '../study/sessions.ts';

export type Scheduler = { stop(): Promise<void> };

export function startScheduler(deps: AppDeps): Scheduler {
  const tasks: ScheduledTask[] = [
    cron.schedule('*/15 * * * * *', async () => {
      const closed = await sweepExpiredAttempts(deps.db, deps.clock.now());
      if (closed) deps.logger.info({ closed }, 'attempts submitted at their deadline');
    }, { name: 'exam-deadline-sweep', noOverlap: true, timezone: 'Asia/Shanghai' }),
    cron.schedule('0 * * * * *', async () => {
      const closed = await closeSilentSessions(deps);
      if (closed) deps.logger.info({ closed }, 'silent study sessions closed');
    }, { name: 'study-silence-sweep', noOverlap: true, timezone: 'Asia/Shanghai' }),
  ];
  return { async stop() { await Promise.all(tasks.map((task) => task.destroy())); } };
}
