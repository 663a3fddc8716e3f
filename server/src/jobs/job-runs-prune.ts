// Keeps job_runs small: the sweeps alone add about 7,200 rows a day. Each job's latest run
// survives, because catch-up reads it to know where the job stopped.
import { defineJob, SHANGHAI } from './job.ts';
import { pruneJobRuns } from './runs.ts';

export const JOB_RUN_RETENTION_DAYS = 30;

export const jobRunsPrune = defineJob({
  name: 'job-runs-prune',
  schedule: '0 17 3 * * *',
  timezone: SHANGHAI,
  catchUp: 'latest',
  async run(deps) {
    const before = new Date(deps.clock.now().getTime() - JOB_RUN_RETENTION_DAYS * 86_400_000);
    return { deleted: await pruneJobRuns(deps.db, before), before: before.toISOString() };
  },
});
