// The job_runs table: one row per (job, scheduled time). Inserting the row is the claim that
// makes a firing run exactly once across instances (the unique key refuses the second
// instance), and the same row then records how the run ended.
import type { Prisma } from '../../generated/mysql/client.ts';
import type { JobRunStatus } from '../../generated/mysql/enums.ts';
import type { Db } from '../db/client.ts';
import { pageWindow, type PageInput } from '../http/schemas.ts';

export type ClaimRunOptions = { db: Db; jobName: string; scheduledAt: Date; instanceId: string; now: Date };

/**
 * Claims a firing for this instance: inserts its run row as running. Returns the row id, or
 * null when another instance (or an earlier start) already has that slot. Other database
 * errors propagate, so a caller that cannot reach the database does not run the job.
 */
export async function claimRun({ db, jobName, scheduledAt, instanceId, now }: ClaimRunOptions): Promise<bigint | null> {
  try {
    const row = await db.jobRun.create({ data: { jobName, scheduledAt, instanceId, status: 'running', startedAt: now }, select: { id: true } });
    return row.id;
  } catch (error) {
    // P2002 on both dialects (the metadata differs, so only the code is read).
    if ((error as { code?: string }).code === 'P2002') return null;
    throw error;
  }
}

/** Longest error text kept on a run; the full error goes to the log. */
const MAX_ERROR_LENGTH = 2000;

export type RunOutcome = { status: 'succeeded'; summary: Prisma.InputJsonObject } | { status: 'failed'; error: unknown };

/** Records how a claimed run ended. */
export async function finishRun(db: Db, runId: bigint, outcome: RunOutcome, now: Date): Promise<void> {
  await db.jobRun.update({
    where: { id: runId },
    data: outcome.status === 'succeeded'
      ? { status: 'succeeded', finishedAt: now, summary: outcome.summary }
      : { status: 'failed', finishedAt: now, error: describeError(outcome.error) },
  });
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, MAX_ERROR_LENGTH);
}

/** The latest slot any instance claimed for a job, whatever became of it; catch-up starts after it. */
export async function lastScheduledAt(db: Db, jobName: string): Promise<Date | null> {
  const row = await db.jobRun.findFirst({ where: { jobName }, orderBy: { scheduledAt: 'desc' }, select: { scheduledAt: true } });
  return row?.scheduledAt ?? null;
}

export type ListJobRunsOptions = { db: Db; page: PageInput; filter: { jobName?: string; status?: JobRunStatus } };

/** Runs of all jobs, newest claim first, for the console. Job runs belong to no organisation. */
export async function listJobRuns({ db, page, filter }: ListJobRunsOptions) {
  const where: Prisma.JobRunWhereInput = {
    ...(filter.jobName ? { jobName: filter.jobName } : {}),
    ...(filter.status ? { status: filter.status } : {}),
  };
  const [items, total] = await db.$transaction([
    db.jobRun.findMany({ where, orderBy: { id: 'desc' }, ...pageWindow(page) }),
    db.jobRun.count({ where }),
  ]);
  return { items, total, ...page };
}

/**
 * Deletes runs scheduled before `before`, except each job's latest run, which catch-up needs
 * to know where the job stopped. Returns how many rows went.
 */
export async function pruneJobRuns(db: Db, before: Date): Promise<number> {
  const latest = await db.jobRun.groupBy({ by: ['jobName'], _max: { scheduledAt: true } });
  let deleted = 0;
  for (const { jobName, _max } of latest) {
    const keepFrom = _max.scheduledAt && _max.scheduledAt < before ? _max.scheduledAt : before;
    deleted += (await db.jobRun.deleteMany({ where: { jobName, scheduledAt: { lt: keepFrom } } })).count;
  }
  return deleted;
}
