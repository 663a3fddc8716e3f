// Closes study sessions whose client went silent, at their last heartbeat. Closing is
// conditional on the session still being open, so repeats are harmless.
import { closeSilentSessions } from '../study/sessions.ts';
import { defineJob, SHANGHAI } from './job.ts';

export const studySilenceSweep = defineJob({
  name: 'study-silence-sweep',
  schedule: '0 * * * * *',
  timezone: SHANGHAI,
  catchUp: 'latest',
  async run(deps) {
    const closed = await closeSilentSessions(deps);
    if (closed) deps.logger.info({ closed }, 'silent study sessions closed');
    return { closed };
  },
});
