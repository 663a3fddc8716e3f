// What a periodic job is. Each job lives in its own module under jobs/ and is listed once in
// registry.ts; the scheduler (scheduler.ts) fires it with node-cron on every instance and
// lets exactly one instance run each firing. `run` is plain service code: tests call it
// directly, with whatever deps and slot time they like.
import type { Prisma } from '../../generated/mysql/client.ts';
import type { AppDeps } from '../deps.ts';

/**
 * What happens to firings missed while no instance was running, on the next start:
 * - 'latest': run once, for the latest missed firing (sweeps that bring state up to date);
 * - 'each': run every missed firing in order, at most MAX_CATCH_UP of the latest ones
 *   (jobs whose firings each mean something, e.g. one report per day);
 * - 'none': skip them.
 */
export type CatchUp = 'latest' | 'each' | 'none';

/** A JSON object stored with the run (JobRun.summary) and shown in GET /api/job-runs. */
export type JobSummary = Prisma.InputJsonObject;

export type JobDefinition = {
  /** Stable id: the JobRun key and node-cron's coordination key, kebab-case, at most 64 characters. */
  name: string;
  /** node-cron expression: 5 fields, or 6 with seconds first. */
  schedule: string;
  /** IANA time zone the schedule is read in. */
  timezone: string;
  catchUp: CatchUp;
  /**
   * Does the work for the firing at `scheduledAt`. It must be safe to run twice for the same
   * slot (a crash between the work and the run record, or an operator re-run, repeats it) and
   * concurrently with the next slot on another instance. Reads the time from deps.clock.
   */
  run(deps: AppDeps, scheduledAt: Date): Promise<JobSummary>;
};

/** The time zone all of Xuefa's schedules use. */
export const SHANGHAI = 'Asia/Shanghai';

/** Most missed firings a 'each' job catches up on one start; older ones are skipped with a warning. */
export const MAX_CATCH_UP = 100;

/** Identity function that checks a job module's export against JobDefinition. */
export function defineJob(job: JobDefinition): JobDefinition {
  return job;
}
