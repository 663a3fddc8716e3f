// Firings missed while no instance ran: on start, a 'latest' job runs once for the latest one, an
// 'each' job once per missed firing (at most MAX_CATCH_UP), a 'none' job not at all; two
// schedulers starting together on one database still catch up once.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { defineJob, MAX_CATCH_UP, SHANGHAI, type CatchUp } from '../../../server/src/jobs/job.ts';
import { startScheduler } from '../../../server/src/jobs/scheduler.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';

type Context = { app: TestApp };

/** The server clock during these tests: 2030-03-10 12:00 in Shanghai. */
const NOW = new Date('2030-03-10T12:00:00+08:00');
const DAILY = '0 0 3 * * *'; // 03:00 Shanghai; the slot of 2030-03-10 has passed at NOW
const HOURLY = '0 0 * * * *';
const HOUR = 3_600_000, DAY = 24 * HOUR;
/** 03:00 Shanghai, n days before NOW's day. */
const dailySlot = (daysBefore: number) => new Date(new Date('2030-03-10T03:00:00+08:00').getTime() - daysBefore * DAY);

/** A test job that counts its executions; live firings (real clock) fall outside the counted range. */
function countingJob(name: string, schedule: string, catchUp: CatchUp) {
  const executed: string[] = [];
  const job = defineJob({ name, schedule, timezone: SHANGHAI, catchUp, async run(_deps, scheduledAt) {
    executed.push(scheduledAt.toISOString());
    return { slot: scheduledAt.toISOString() };
  } });
  return { job, executed: () => executed.filter((slot) => slot <= NOW.toISOString()) };
}

async function seedLastRun(app: TestApp, jobName: string, scheduledAt: Date) {
  await app.running.deps.db.jobRun.create({ data: { jobName, scheduledAt, instanceId: 'before-the-outage', status: 'succeeded', startedAt: scheduledAt, finishedAt: scheduledAt } });
}

async function runsAfter(app: TestApp, jobName: string, after: Date) {
  return app.running.deps.db.jobRun.findMany({ where: { jobName, scheduledAt: { gt: after, lte: NOW } }, orderBy: { scheduledAt: 'asc' } });
}

/** Starts schedulers for the job together, waits for their catch-up, stops them. */
async function startTogether(app: TestApp, job: ReturnType<typeof countingJob>['job'], instances = 1) {
  const schedulers = Array.from({ length: instances }, (_, i) => startScheduler(app.running.deps, { jobs: [job], instanceId: `catch-up-${i + 1}` }));
  await Promise.all(schedulers.map((s) => s.caughtUp));
  await Promise.all(schedulers.map((s) => s.stop()));
}

for (const dialect of testDialects()) {
  const test = suite<Context>(`catch-up of missed firings [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect);
    context.app.clock.set(NOW);
  });
  test.after(async ({ app }) => app.close());

  test("'latest' runs once, for the latest missed firing", async ({ app }) => {
    const { job, executed } = countingJob('catch-up-latest', DAILY, 'latest');
    await seedLastRun(app, job.name, dailySlot(5));
    await startTogether(app, job);
    assert.equal(executed(), [dailySlot(0).toISOString()]);
    const runs = await runsAfter(app, job.name, dailySlot(5));
    assert.equal(runs.map((r) => [r.scheduledAt.toISOString(), r.status, r.instanceId]), [[dailySlot(0).toISOString(), 'succeeded', 'catch-up-1']]);
    await startTogether(app, job);
    assert.is(executed().length, 1, 'a second start finds nothing missed');
  });

  test("'each' runs every missed firing, oldest first", async ({ app }) => {
    const { job, executed } = countingJob('catch-up-each', DAILY, 'each');
    await seedLastRun(app, job.name, dailySlot(5));
    await startTogether(app, job);
    const expected = [4, 3, 2, 1, 0].map((n) => dailySlot(n).toISOString());
    assert.equal(executed(), expected);
    assert.equal((await runsAfter(app, job.name, dailySlot(5))).map((r) => r.scheduledAt.toISOString()), expected);
  });

  test("'each' is bounded: only the latest MAX_CATCH_UP firings run", async ({ app }) => {
    const { job, executed } = countingJob('catch-up-each-bounded', HOURLY, 'each');
    await seedLastRun(app, job.name, new Date(NOW.getTime() - 130 * HOUR));
    await startTogether(app, job);
    assert.is(executed().length, MAX_CATCH_UP);
    assert.is(executed()[0], new Date(NOW.getTime() - (MAX_CATCH_UP - 1) * HOUR).toISOString());
    assert.is(executed().at(-1), NOW.toISOString(), 'a slot at exactly now counts as missed');
  });

  test("'none' skips missed firings, and a job that never ran has nothing to catch up", async ({ app }) => {
    const none = countingJob('catch-up-none', DAILY, 'none');
    await seedLastRun(app, none.job.name, dailySlot(5));
    const fresh = countingJob('catch-up-fresh', DAILY, 'each');
    await startTogether(app, none.job);
    await startTogether(app, fresh.job);
    assert.equal([none.executed(), fresh.executed()], [[], []]);
    assert.is(await app.running.deps.db.jobRun.count({ where: { jobName: { in: ['catch-up-none', 'catch-up-fresh'] }, scheduledAt: { lte: NOW } } }), 1);
  });

  test('two schedulers starting together catch up once', async ({ app }) => {
    const latest = countingJob('together-latest', DAILY, 'latest');
    const each = countingJob('together-each', DAILY, 'each');
    await seedLastRun(app, latest.job.name, dailySlot(5));
    await seedLastRun(app, each.job.name, dailySlot(5));
    await Promise.all([startTogether(app, latest.job, 2), startTogether(app, each.job, 3)]);
    assert.equal(latest.executed(), [dailySlot(0).toISOString()]);
    assert.equal([...each.executed()].sort(), [4, 3, 2, 1, 0].map((n) => dailySlot(n).toISOString()));
    const eachRuns = await runsAfter(app, each.job.name, dailySlot(5));
    assert.is(eachRuns.length, 5);
    assert.ok(eachRuns.every((r) => r.status === 'succeeded'));
  });

  test.run();
}
