// Runs the registered jobs on this instance with node-cron, so that each firing of each job
// runs on exactly one of the instances sharing the database.
//
// Every instance schedules every job with `distributed: true`. Before a firing, node-cron asks
// the task's RunCoordinator `shouldRun("<job>:<slot ISO>")`; ours inserts the job_runs row for
// that (job, slot) and answers yes only if the insert won the unique key. The slot comes from
// the key, not from the clock, so all instances claim the same row. The coordinator is passed
// per task (`runCoordinator` in TaskOptions, which node-cron prefers over the process-global
// `setRunCoordinator`): each scheduler's coordinator is bound to its own deps and database, so
// several apps in one process (tests) cannot route claims to each other's databases.
//
// Firings missed while no instance ran are caught up at start, per the job's policy, through
// the same rows: two instances starting together claim each missed slot once. Firings missed
// while the database was away (the claim itself failed) are caught up the same way once it
// answers again, retried every few seconds.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import cron, { type Logger as CronLogger, type RunCoordinator, type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { AppDeps } from '../deps.ts';
import { MAX_CATCH_UP, type JobDefinition } from './job.ts';
import { registeredJobs } from './registry.ts';
import { claimRun, finishRun, lastScheduledAt, type RunOutcome } from './runs.ts';
import { firingsBetween, validateSchedule } from './schedule.ts';

export type Scheduler = {
  /** Written to job_runs.instance_id for the runs this instance claims. */
  instanceId: string;
  /** Settles once missed firings have been caught up (or skipped); never rejects. */
  caughtUp: Promise<void>;
  /** Destroys the tasks, claims nothing more, and waits for the runs under way (at most `timeoutMs`, default 30 s). */
  stop(timeoutMs?: number): Promise<void>;
};

export type SchedulerOptions = {
  /** The jobs to run; the registry's by default (tests pass their own). */
  jobs?: readonly JobDefinition[];
  instanceId?: string;
};

const JOB_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;
const MISSED_RETRY_MS = 2_000;

/** Refuses to start with a job that could never run as declared; names every problem. */
export function assertValidJobs(jobs: readonly JobDefinition[]): void {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const job of jobs) {
    if (!JOB_NAME.test(job.name)) problems.push(`任务名“${job.name}”应为小写字母、数字和连字符，不超过 64 个字符`);
    if (seen.has(job.name)) problems.push(`任务名“${job.name}”重复`);
    seen.add(job.name);
    const invalid = validateSchedule(job.schedule, job.timezone);
    if (invalid) problems.push(`任务“${job.name}”：${invalid}`);
    if (!['latest', 'each', 'none'].includes(job.catchUp)) problems.push(`任务“${job.name}”的补跑策略“${String(job.catchUp)}”无效`);
  }
  if (problems.length) throw new Error(`定时任务配置无效：${problems.join('；')}`);
}

function defaultInstanceId(): string {
  const suffix = `/${process.pid}/${randomBytes(3).toString('hex')}`;
  return `${hostname().slice(0, 64 - suffix.length)}${suffix}`;
}

/** node-cron logs (missed firings, overlaps) go to our logger instead of the console. */
function cronLogger(logger: Logger): CronLogger {
  const line = (message: string | Error, err?: Error) => [{ err: err ?? (message instanceof Error ? message : undefined) }, String(message instanceof Error ? message.message : message)] as const;
  return {
    info: (message) => logger.info(message),
    warn: (message) => logger.warn(message),
    error: (message, err) => logger.error(...line(message, err)),
    debug: (message, err) => logger.debug(...line(message, err)),
  };
}

type Claim = { runId: bigint; executed: boolean; release(): void };

/** Starts every job on this instance. Throws at once if a job's declaration is invalid. */
export function startScheduler(deps: AppDeps, options: SchedulerOptions = {}): Scheduler {
  const jobs = options.jobs ?? registeredJobs;
  assertValidJobs(jobs);
  const instanceId = options.instanceId ?? defaultInstanceId();
  const logger = deps.logger.child({ module: 'scheduler', instanceId });
  const jobsByName = new Map(jobs.map((job) => [job.name, job]));
  const tasks: ScheduledTask[] = [];
  /** Claims node-cron's coordinator took and the task function has not finished yet. */
  const claims = new Map<string, Claim>();
  /** Runs under way on this instance, per job name. */
  const executing = new Map<string, number>();
  /** Everything stop() must wait for: claims being taken, runs, the catch-up. */
  const inFlight = new Set<Promise<unknown>>();
  let stopping = false;
  /** Per job, the earliest firing whose claim failed and that is not caught up yet. */
  const missed = new Map<string, Date>();
  let missedRetry: NodeJS.Timeout | null = null;

  function track<T>(promise: Promise<T>): Promise<T> {
    inFlight.add(promise);
    promise.finally(() => inFlight.delete(promise)).catch(() => undefined);
    return promise;
  }

  async function claim(job: JobDefinition, scheduledAt: Date): Promise<bigint | null> {
    if (stopping) return null;
    return claimRun({ db: deps.db, jobName: job.name, scheduledAt, instanceId, now: deps.clock.now() });
  }

  /** Runs a claimed slot and records the outcome on its row; never throws. */
  async function execute(job: JobDefinition, runId: bigint, scheduledAt: Date, trigger: 'schedule' | 'catch-up'): Promise<void> {
    const log = logger.child({ job: job.name, scheduledAt: scheduledAt.toISOString(), trigger });
    let outcome: RunOutcome;
    executing.set(job.name, (executing.get(job.name) ?? 0) + 1);
    try {
      outcome = { status: 'succeeded', summary: await job.run(deps, scheduledAt) };
      log.debug({ summary: outcome.summary }, 'job run succeeded');
    } catch (error) {
      outcome = { status: 'failed', error };
      log.error({ err: error }, 'job run failed');
    } finally {
      executing.set(job.name, executing.get(job.name)! - 1);
    }
    try {
      await finishRun(deps.db, runId, outcome, deps.clock.now());
    } catch (error) {
      log.error({ err: error, runId: String(runId) }, 'could not record how the job run ended; its row stays "running"');
    }
  }

  const coordinator: RunCoordinator = {
    shouldRun(key) {
      return track((async () => {
        // node-cron's key is `${name}:${slot.toISOString()}`; names contain no colon.
        const separator = key.indexOf(':');
        const job = jobsByName.get(key.slice(0, separator));
        const scheduledAt = new Date(key.slice(separator + 1));
        if (!job || Number.isNaN(scheduledAt.getTime())) throw new Error(`unexpected run coordination key ${key}`);
        // Still running this job's previous firing: leave this one to another instance rather
        // than run two at once here. (If no other instance takes it, the firing is skipped, as
        // node-cron's noOverlap would skip it.)
        if (executing.get(job.name)) {
          logger.info({ job: job.name, scheduledAt: scheduledAt.toISOString() }, 'still running the previous firing; this one is left to other instances');
          return false;
        }
        const runId = await claim(job, scheduledAt).catch((error: unknown) => {
          rememberMissed(job, scheduledAt);
          throw error;
        });
        if (runId === null) return false;
        let release!: () => void;
        track(new Promise<void>((resolve) => { release = resolve; }));
        claims.set(key, { runId, executed: false, release });
        return true;
      })());
    },
    async onComplete(key) {
      const taken = claims.get(key);
      if (!taken) return;
      claims.delete(key);
      // node-cron calls the task after a yes; should it not have, the row must not stay "running".
      if (!taken.executed) await finishRun(deps.db, taken.runId, { status: 'failed', error: new Error('claimed but not executed') }, deps.clock.now()).catch(() => undefined);
      taken.release();
    },
  };

  function startTask(job: JobDefinition): void {
    const task = cron.schedule(job.schedule, async (context) => {
      // context.date is the slot node-cron fired for, the one the coordinator just claimed.
      const key = `${job.name}:${context.date.toISOString()}`;
      const taken = claims.get(key);
      if (!taken || taken.executed) {
        logger.warn({ job: job.name, key }, 'job fired without a claim; not run');
        return;
      }
      taken.executed = true;
      await execute(job, taken.runId, context.date, 'schedule');
    }, {
      // Not node-cron's noOverlap: it counts the claim as part of the run, so while claims are
      // slow (a cold start, a slow database) every instance blocks the next firing and nobody
      // runs it. The coordinator steps aside only while this instance executes the job.
      name: job.name, timezone: job.timezone, noOverlap: false,
      distributed: true, runCoordinator: coordinator, logger: cronLogger(logger.child({ job: job.name })),
    });
    tasks.push(task);
  }

  /** The slots a job missed up to `now`, per its policy. */
  async function missedSlots(job: JobDefinition, now: Date): Promise<Date[]> {
    if (job.catchUp === 'none') return [];
    const last = await lastScheduledAt(deps.db, job.name);
    // A job that never ran anywhere missed nothing: its history starts now.
    if (!last) return [];
    const limit = job.catchUp === 'latest' ? 1 : MAX_CATCH_UP;
    const slots = firingsBetween(job.schedule, job.timezone, last, now, limit + 1);
    if (slots.length > limit && job.catchUp === 'each') {
      logger.warn({ job: job.name, since: last.toISOString(), kept: limit }, 'more missed firings than are caught up; the older ones are skipped');
    }
    return slots.slice(-limit);
  }

  async function catchUp(job: JobDefinition, slots: Date[]): Promise<void> {
    for (const slot of slots) {
      if (stopping) return;
      const runId = await claim(job, slot);
      if (runId !== null) await execute(job, runId, slot, 'catch-up');
    }
  }

  function rememberMissed(job: JobDefinition, slot: Date): void {
    if (job.catchUp === 'none' || stopping) return;
    const earliest = missed.get(job.name);
    if (!earliest || slot < earliest) missed.set(job.name, slot);
    missedRetry ??= setTimeout(() => void track(catchUpMissed()), MISSED_RETRY_MS);
  }

  /** Claims (or finds claimed) every firing since the earliest missed one; keeps what still fails for the next try. */
  async function catchUpMissed(): Promise<void> {
    missedRetry = null;
    for (const [name, earliest] of missed) {
      const job = jobsByName.get(name)!;
      const slots = firingsBetween(job.schedule, job.timezone, new Date(earliest.getTime() - 1), deps.clock.now(), job.catchUp === 'latest' ? 1 : MAX_CATCH_UP);
      try {
        await catchUp(job, slots);
        if (missed.get(name) === earliest) missed.delete(name);
      } catch (error) {
        logger.warn({ err: error, job: name }, 'missed firings not caught up yet; retrying');
      }
    }
    if (missed.size && !stopping) missedRetry ??= setTimeout(() => void track(catchUpMissed()), MISSED_RETRY_MS);
  }

  // The missed slots are worked out before the tasks start, so that a live run cannot move
  // "the last recorded run" past them; the live tasks take every slot after `now`.
  const caughtUp = track((async () => {
    const now = deps.clock.now();
    const planned = await Promise.all(jobs.map(async (job) => {
      try {
        return { job, slots: await missedSlots(job, now) };
      } catch (error) {
        logger.error({ err: error, job: job.name }, 'could not work out missed firings; none caught up');
        return { job, slots: [] };
      }
    }));
    if (stopping) return;
    for (const job of jobs) startTask(job);
    await Promise.all(planned.map(({ job, slots }) => catchUp(job, slots).catch((error) => {
      logger.error({ err: error, job: job.name }, 'catch-up stopped');
    })));
  })().catch((error) => {
    logger.error({ err: error }, 'scheduler start failed');
  }));

  return {
    instanceId,
    caughtUp,
    async stop(timeoutMs = 30_000) {
      stopping = true;
      if (missedRetry) clearTimeout(missedRetry);
      for (const task of tasks) await task.destroy();
      const settled = (async () => { while (inFlight.size) await Promise.allSettled([...inFlight]); })();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<true>((resolve) => { timer = setTimeout(() => resolve(true), timeoutMs); });
      if (await Promise.race([settled, timedOut])) {
        logger.warn({ executing: Object.fromEntries([...executing].filter(([, n]) => n > 0)) }, 'stopped without the runs still under way; their rows stay "running"');
      }
      clearTimeout(timer);
    },
  };
}
