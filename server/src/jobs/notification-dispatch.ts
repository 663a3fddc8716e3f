// Sends due mini-program subscribe messages from the notification outbox. Claims make a run
// safe next to the following firing on another instance; see notifications/dispatch.ts.
import { runNotificationDispatch } from '../notifications/dispatch.ts';
import { defineJob, SHANGHAI } from './job.ts';

export const notificationDispatch = defineJob({
  name: 'notification-dispatch',
  schedule: '*/30 * * * * *',
  timezone: SHANGHAI,
  // After downtime one run is enough: each run takes everything that is due.
  catchUp: 'latest',
  run: async (deps) => ({ ...(await runNotificationDispatch(deps, deps.clock.now())) }),
});
