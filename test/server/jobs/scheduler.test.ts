// The jobs framework on a real database: the jobs' run() called directly, the claim that makes a
// firing run once, node-cron firing two schedulers on one database, failures recorded on the
// run, stop() waiting for runs under way, pruning, and GET /api/job-runs.
import { setTimeout as sleep } from 'node:timers/promises';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { saveQuestions } from '../../../server/src/questions/store.ts';
import { examDeadlineSweep } from '../../../server/src/jobs/exam-deadline-sweep.ts';
import { defineJob, SHANGHAI } from '../../../server/src/jobs/job.ts';
import { jobRunsPrune } from '../../../server/src/jobs/job-runs-prune.ts';
import { claimRun } from '../../../server/src/jobs/runs.ts';
import { startScheduler } from '../../../server/src/jobs/scheduler.ts';
import { studySilenceSweep } from '../../../server/src/jobs/study-silence-sweep.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';

type Context = { app: TestApp; admin: string };

for (const dialect of testDialects()) {
  const test = suite<Context>(`jobs and job runs [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'statutes' });
    context.admin = await context.app.tokenFor({ username: 'admin' });
  });
  test.after(async ({ app }) => app.close());

  test('exam-deadline-sweep run() submits an attempt whose time ran out, as of the deps clock', async ({ app }) => {
    const db = app.running.deps.db;
    const east = await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E' } });
    await saveQuestions(db, [{ id: 'jobs-judge', type: 'judge', stem: '国家维护社会主义法制的统一和尊严。', answer: true, difficulty: 1, tags: [], explanation: '宪法第五条。', citations: [{ law: 'xianfa', article: 5, paragraph: 2 }] } as never], { owner: { kind: 'organization', organizationId: east.id }, actorId: null });
    const organiser = await app.tokenFor({ username: 'organiser-east' });
    const blueprint = (await app.call('POST', '/api/blueprints', { token: organiser, body: { name: '定时任务测试', organizationId: east.id, kind: 'random', rules: [{ type: 'judge', count: 1 }], points: { single: 1, multiple: 1, judge: 1, fill: 1 }, passMark: 1, timeLimitMinutes: 10 } })).body.data;
    const now = app.clock.now().getTime();
    const exam = (await app.call('POST', '/api/exams', { token: organiser, body: { title: '定时任务测试', blueprintId: blueprint.id, opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 3_600_000).toISOString(), audience: { organizationIds: [east.id] } } })).body.data;
    const paper = (await app.call('POST', `/api/exams/${exam.id}/attempts`, { token: await app.tokenFor({ phone: '13900000011' }) })).body.data;
    assert.equal(await examDeadlineSweep.run(app.running.deps, app.clock.now()), { closed: 0 });
    app.clock.advance(11 * 60_000);
    assert.equal(await examDeadlineSweep.run(app.running.deps, app.clock.now()), { closed: 1 });
    assert.is((await db.attempt.findUniqueOrThrow({ where: { id: paper.id } })).status, 'submitted');
  });

  test('study-silence-sweep run() closes a session that went silent', async ({ app }) => {
    const db = app.running.deps.db;
    const cadre = await db.user.findUniqueOrThrow({ where: { phone: '13900000012' } });
    const session = await db.studySession.create({ data: { userId: cadre.id, statuteSlug: 'xianfa', startedAt: app.clock.now(), status: 'open' } });
    assert.equal(await studySilenceSweep.run(app.running.deps, app.clock.now()), { closed: 0 });
    app.clock.advance(10 * 60_000);
    assert.equal(await studySilenceSweep.run(app.running.deps, app.clock.now()), { closed: 1 });
    assert.is((await db.studySession.findUniqueOrThrow({ where: { id: session.id } })).closedReason, 'silence');
  });

  test('a slot is claimed once: the second claim of the same slot is refused', async ({ app }) => {
    const db = app.running.deps.db;
    const scheduledAt = new Date('2030-01-01T00:00:15.000Z');
    const claim = (instanceId: string) => claimRun({ db, jobName: 'claim-once', scheduledAt, instanceId, now: app.clock.now() });
    const results = await Promise.all([claim('a'), claim('b'), claim('c')]);
    assert.is(results.filter((id) => id !== null).length, 1, 'one of three concurrent claims wins');
    assert.is(await claim('d'), null, 'a later claim is refused too');
    const rows = await db.jobRun.findMany({ where: { jobName: 'claim-once' } });
    assert.is(rows.length, 1);
    assert.equal([rows[0]!.status, rows[0]!.scheduledAt.toISOString()], ['running', scheduledAt.toISOString()]);
    assert.ok(await claimRun({ db, jobName: 'claim-once', scheduledAt: new Date('2030-01-01T00:00:30.000Z'), instanceId: 'a', now: app.clock.now() }), 'the next slot is free');
  });

  test('two schedulers on one database: node-cron fires both, each slot runs once; failures are recorded; stop() waits', async ({ app }) => {
    const deps = app.running.deps;
    const executions: Array<{ slot: string; instance: string }> = [];
    let finished = 0;
    const tick = (instance: string) => defineJob({
      name: 'test-tick', schedule: '* * * * * *', timezone: SHANGHAI, catchUp: 'none',
      async run(_deps, scheduledAt) {
        executions.push({ slot: scheduledAt.toISOString(), instance });
        await sleep(600); // still running when stop() comes
        finished++;
        return { instance };
      },
    });
    const failing = defineJob({ name: 'test-failing', schedule: '* * * * * *', timezone: SHANGHAI, catchUp: 'none', async run() { throw new Error('故意失败：数据库不可用'); } });
    const one = startScheduler(deps, { jobs: [tick('one'), failing], instanceId: 'scheduler-one' });
    const two = startScheduler(deps, { jobs: [tick('two'), failing], instanceId: 'scheduler-two' });
    await Promise.all([one.caughtUp, two.caughtUp]);
    await sleep(3300);
    await Promise.all([one.stop(), two.stop()]);

    const runs = await deps.db.jobRun.findMany({ where: { jobName: 'test-tick' }, orderBy: { scheduledAt: 'asc' } });
    assert.ok(runs.length >= 3, `${runs.length} slots fired`);
    assert.is(executions.length, runs.length, 'one execution per slot');
    assert.is(new Set(executions.map((e) => e.slot)).size, executions.length, 'no slot executed twice');
    assert.equal(runs.map((r) => r.scheduledAt.toISOString()), executions.map((e) => e.slot).sort());
    assert.ok(runs.every((r) => r.scheduledAt.getMilliseconds() === 0), 'slots are whole seconds');
    assert.is(finished, executions.length, 'stop() waited for the executions under way');
    assert.ok(runs.every((r) => r.status === 'succeeded' && r.finishedAt), 'every run recorded as succeeded');
    for (const run of runs) assert.equal(run.summary, { instance: executions.find((e) => e.slot === run.scheduledAt.toISOString())!.instance });
    assert.ok(runs.every((r) => r.instanceId === `scheduler-${(r.summary as { instance: string }).instance}`), 'the row names the instance that ran it');

    const failed = await deps.db.jobRun.findMany({ where: { jobName: 'test-failing' } });
    assert.ok(failed.length >= 3);
    assert.ok(failed.every((r) => r.status === 'failed' && r.error === 'Error: 故意失败：数据库不可用' && r.finishedAt && r.summary === null));
  });

  test('an instance runs one firing of a job at a time; firings meanwhile are left to other instances', async ({ app }) => {
    let running = 0, most = 0, executions = 0;
    const slow = defineJob({ name: 'test-slow', schedule: '* * * * * *', timezone: SHANGHAI, catchUp: 'none', async run() {
      executions++;
      most = Math.max(most, ++running);
      await sleep(1500);
      running--;
      return {};
    } });
    const scheduler = startScheduler(app.running.deps, { jobs: [slow], instanceId: 'slow-one' });
    await sleep(4200);
    await scheduler.stop();
    assert.is(most, 1, 'never two at once here');
    assert.ok(executions >= 2 && executions <= 3, `${executions} executions in 4.2 s`);
    assert.is(await app.running.deps.db.jobRun.count({ where: { jobName: 'test-slow' } }), executions, 'firings it left were not claimed');
  });

  test('stop() gives up on a run that hangs after its timeout; the row stays running', async ({ app }) => {
    let started = false;
    const hanging = defineJob({ name: 'test-hanging', schedule: '* * * * * *', timezone: SHANGHAI, catchUp: 'none', async run() {
      started = true;
      return new Promise(() => undefined);
    } });
    const scheduler = startScheduler(app.running.deps, { jobs: [hanging], instanceId: 'hanging-one' });
    while (!started) await sleep(50);
    const before = performance.now();
    await scheduler.stop(300);
    assert.ok(performance.now() - before < 2000, 'stop() returned');
    const rows = await app.running.deps.db.jobRun.findMany({ where: { jobName: 'test-hanging' } });
    assert.equal(rows.map((r) => r.status), ['running']);
  });

  test('GET /api/job-runs lists runs newest first, filters by job and status, shows errors', async ({ app, admin }) => {
    const all = await app.call('GET', '/api/job-runs?pageSize=5', { token: admin });
    assert.is(all.status, 200);
    assert.is(all.body.data.length, 5);
    assert.ok(all.body.pagination.total >= 8);
    const ids = all.body.data.map((r: { id: string }) => BigInt(r.id));
    assert.equal(ids, [...ids].sort((a: bigint, b: bigint) => (a > b ? -1 : 1)), 'newest first');
    const failed = await app.call('GET', '/api/job-runs?jobName=test-failing&status=failed', { token: admin });
    assert.ok(failed.body.data.length >= 3);
    const run = failed.body.data[0];
    assert.equal(Object.keys(run).sort(), ['error', 'finishedAt', 'id', 'instanceId', 'jobName', 'scheduledAt', 'startedAt', 'status', 'summary']);
    assert.equal([run.jobName, run.status, run.error, run.summary], ['test-failing', 'failed', 'Error: 故意失败：数据库不可用', null]);
    const ticks = await app.call('GET', '/api/job-runs?jobName=test-tick&status=succeeded', { token: admin });
    assert.is(ticks.status, 200);
    assert.ok(ticks.body.data.every((r: { summary: { instance: string } }) => ['one', 'two'].includes(r.summary.instance)));
    assert.is((await app.call('GET', '/api/job-runs?jobName=test-tick&status=failed', { token: admin })).body.pagination.total, 0);
    const bad = await app.call('GET', '/api/job-runs?status=done', { token: admin });
    assert.is(bad.status, 400);
    assert.is(bad.body.error.details[0].path, 'query.status');
    assert.is((await app.call('GET', '/api/job-runs', { token: await app.tokenFor({ phone: '13900000011' }) })).status, 403);
    // Runs are system-wide and name hosts: a county organiser or the city bureau does not see them.
    for (const username of ['organiser-west', 'bureau']) assert.is((await app.call('GET', '/api/job-runs', { token: await app.tokenFor({ username }) })).status, 403, username);
  });

  test('job-runs-prune deletes old runs but keeps each job\'s latest', async ({ app }) => {
    const db = app.running.deps.db;
    const now = app.clock.now().getTime();
    const day = 86_400_000;
    const row = (jobName: string, daysAgo: number) => ({ jobName, scheduledAt: new Date(now - daysAgo * day), instanceId: 'prune-test', status: 'succeeded' as const, startedAt: new Date(now - daysAgo * day) });
    await db.jobRun.createMany({ data: [row('prune-a', 40), row('prune-a', 35), row('prune-a', 1), row('prune-b', 50), row('prune-b', 45)] });
    const summary = await jobRunsPrune.run(app.running.deps, app.clock.now());
    assert.ok((summary.deleted as number) >= 3);
    const left = await db.jobRun.findMany({ where: { jobName: { in: ['prune-a', 'prune-b'] } }, orderBy: { scheduledAt: 'asc' } });
    assert.equal(left.map((r) => [r.jobName, Math.round((now - r.scheduledAt.getTime()) / day)]), [['prune-b', 45], ['prune-a', 1]]);
    assert.ok(await db.jobRun.count({ where: { jobName: 'test-tick' } }) > 0, 'recent runs stay');
  });

  test.run();
}
