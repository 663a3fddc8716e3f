// Every minute, opens the daily question in groups whose schedule has come and closes rounds
// whose answer time is over. Each group keeps its own time (BotGroup.dailyCron), so the job
// runs often and asks each group; a missed minute is caught up by the next run.
import { closeDailyRounds, openDailyRounds } from '../bot/daily.ts';
import { defineJob, SHANGHAI } from './job.ts';

export const botDailyQuestion = defineJob({
  name: 'bot-daily-question',
  schedule: '0 * * * * *',
  timezone: SHANGHAI,
  catchUp: 'latest',
  async run(deps) {
    const now = deps.clock.now();
    const opened = await openDailyRounds(deps, now);
    const closed = await closeDailyRounds(deps, now);
    return { opened, closed };
  },
});
