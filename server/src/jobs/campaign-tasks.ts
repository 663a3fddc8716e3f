// Creates the current period's campaign tasks (for recurring requirements, at each firing of
// their recurrence; for newcomers to an audience, at the next run) and queues a message for
// each new task. Creation is idempotent by the (requirement, person, period) key.
import { ensureCampaignTasks } from '../campaigns/generate.ts';
import { notifyNewTasks } from '../campaigns/notify.ts';
import { defineJob, SHANGHAI } from './job.ts';

export const campaignTasks = defineJob({
  name: 'campaign-tasks',
  schedule: '0 */5 * * * *',
  timezone: SHANGHAI,
  catchUp: 'latest',
  async run(deps) {
    const now = deps.clock.now();
    const created = await ensureCampaignTasks(deps.db, now);
    const messages = await notifyNewTasks(deps.db, created.map((t) => t.id), now, deps.config.NOTIFY_DAILY_BUDGET);
    return { created: created.length, queued: messages.queued };
  },
});
