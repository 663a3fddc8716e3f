// The task roll-up (campaigns/task-rollup.ts) against a fresh judgement of every task from the raw
// rows, also as the dashboard counts them, after each kind of change: tasks generated, study credit
// completing a task, a lecture verified and then rejected, a 述法 report returned and scored, an
// exam passed, a late make-up graded, attendance, a cadre moved to another unit, the campaign
// edited, the next period's tasks; and the rebuild command gives what the incremental path kept.
// On both databases.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluateTasks } from '../../../server/src/campaigns/evaluate.ts';
import { ensureCampaignTasks } from '../../../server/src/campaigns/generate.ts';
import { rebuildTaskRollup } from '../../../server/src/campaigns/task-rollup.ts';
import type { Db } from '../../../server/src/db/client.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';
import { studier } from '../study/support.ts';
import { queueApplier } from '../../../server/src/rollups/attempt-queue.ts';

const QUARTERLY = '0 0 1 1,4,7,10 *';
const RUBRIC = [{ name: '学法用法', maxScore: 50 }, { name: '依法决策', maxScore: 50 }];
const REPORT_TEXT = '本人认真履行推进法治建设第一责任人职责，'.repeat(5);
/** 2027 in Beijing time. */
const YEAR = { from: '2026-12-31T16:00:00.000Z', to: '2027-12-31T16:00:00.000Z' };
type Context = { app: TestApp; organiser: string; cadre: string; cadreId: number; bureau: string; eastId: number; campaignId: number; blueprintId: number };

/** Every task judged now from its evidence, counted per requirement, period, the cadre's unit and deadline. */
async function judgedCounts(db: Db) {
  const tasks = await db.taskInstance.findMany({ include: { requirement: { select: { id: true, kind: true, params: true } }, user: { select: { organizationId: true } } } });
  const evaluations = await evaluateTasks(db, tasks, new Date());
  const counts = new Map<string, { tasks: number; done: number }>();
  for (const task of tasks) {
    const key = `${task.requirementId}|${task.periodKey}|${task.user.organizationId}|${task.dueAt.toISOString()}`;
    const count = counts.get(key) ?? { tasks: 0, done: 0 };
    count.tasks++;
    if (evaluations.get(task.id)!.state === 'done') count.done++;
    counts.set(key, count);
  }
  return [...counts].sort(([a], [b]) => (a < b ? -1 : 1));
}

async function rolledCounts(db: Db) {
  const rows = await db.taskRollup.findMany();
  return rows.map((r) => [`${r.requirementId}|${r.periodKey}|${r.organizationId}|${r.dueAt.toISOString()}`, { tasks: r.tasks, done: r.done }] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1));
}

/** The dashboard's task figures for the east county's 2027: its active cadres' tasks due then, judged one by one. */
async function judgedDashboardTasks(db: Db) {
  const east = await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E' } });
  const tasks = await db.taskInstance.findMany({
    where: { dueAt: { gte: new Date(YEAR.from), lt: new Date(YEAR.to) }, user: { status: 'active', roles: { some: { role: 'cadre' } }, organization: { path: { startsWith: east.path } } } },
    include: { requirement: { select: { id: true, kind: true, params: true } } },
  });
  const evaluations = await evaluateTasks(db, tasks, new Date());
  const groups: Record<string, { total: number; done: number }> = { study: { total: 0, done: 0 }, lecture: { total: 0, done: 0 }, report: { total: 0, done: 0 }, exam: { total: 0, done: 0 } };
  for (const task of tasks) {
    const group = groups[task.requirement.kind === 'meeting' ? 'study' : task.requirement.kind]!;
    group.total++;
    if (evaluations.get(task.id)!.state === 'done') group.done++;
  }
  return { eastId: east.id, groups };
}

async function assertAgrees(app: TestApp, after: string) {
  const db = app.running.deps.db;
  await queueApplier(app.running.deps).idle();
  assert.equal(await rolledCounts(db), await judgedCounts(db), `the roll-up agrees with the raw rows after ${after}`);
  const { eastId, groups } = await judgedDashboardTasks(db);
  const shown = await app.call('GET', `/api/dashboard?organizationId=${eastId}&from=${YEAR.from}&to=${YEAR.to}`, { token: await app.tokenFor({ username: 'bureau' }) });
  assert.equal(shown.body.data.totals.tasks, groups, `the dashboard's tasks agree with the raw rows after ${after}`);
}

/** The cadre's tasks of a kind that the roll-up counts as done (a pass counts once its attempt leaves the queue). */
async function doneOf(c: Context, kind: 'study' | 'meeting' | 'lecture' | 'report' | 'exam') {
  await queueApplier(c.app.running.deps).idle();
  return c.app.running.deps.db.taskInstance.count({ where: { userId: c.cadreId, countedDone: true, requirement: { kind } } });
}

for (const dialect of testDialects()) {
  const test = suite<Context>(`task roll-up [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'full', PRESENCE_CHECK_RATE: '0', ACCESS_TOKEN_TTL_HOURS: '2160' });
    context.app.clock.set(new Date('2027-01-15T02:00:00Z'));
    const db = context.app.running.deps.db;
    context.eastId = (await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E' } })).id;
    context.organiser = await context.app.tokenFor({ username: 'organiser-east' });
    context.bureau = await context.app.tokenFor({ username: 'bureau' });
    context.cadre = await context.app.tokenFor({ phone: '13900000011' });
    context.cadreId = (await db.user.findUniqueOrThrow({ where: { phone: '13900000011' } })).id;
    const blueprint = await context.app.call('POST', '/api/blueprints', { token: context.organiser, body: {
      name: '季度考试', organizationId: context.eastId, kind: 'random', rules: [{ type: 'judge', count: 2 }], points: { single: 1, multiple: 1, judge: 1, fill: 1 }, passMark: 2, timeLimitMinutes: 30,
    } });
    context.blueprintId = blueprint.body.data.id;
  });
  test.after(async ({ app }) => app.close());

  test('tasks generated with a campaign are counted', async (c) => {
    const created = await c.app.call('POST', '/api/campaigns', { token: c.organiser, body: {
      organizationId: c.eastId, name: '2027 年度领导干部学法用法', period: '2027 年度', startsAt: '2026-12-31T16:00:00Z', endsAt: '2027-12-31T16:00:00Z',
      audience: { organizationIds: [c.eastId], keyMinorityOnly: true }, requirements: [
        { kind: 'study', title: '每季度学法 60 分钟', params: { minutes: 60 }, recurrence: QUARTERLY },
        { kind: 'meeting', title: '每季度会前学法', params: { count: 1 }, recurrence: QUARTERLY },
        { kind: 'lecture', title: '年度讲法', params: { count: 1 }, dueAt: '2027-12-15T16:00:00Z' },
        { kind: 'report', title: '年度述法', params: { rubric: RUBRIC }, dueAt: '2027-12-15T16:00:00Z' },
        { kind: 'exam', title: '季度考法', params: { blueprintId: c.blueprintId, windowDays: 30, attemptsAllowed: 1 }, recurrence: QUARTERLY },
      ],
    } });
    assert.is(created.status, 201, JSON.stringify(created.body));
    c.campaignId = created.body.data.id;
    const db = c.app.running.deps.db;
    assert.ok((await db.taskRollup.aggregate({ _sum: { tasks: true } }))._sum.tasks! > 0);
    assert.is(await db.taskInstance.count({ where: { countedOrganizationId: null } }), 0, 'every task is counted when it is made');
    await assertAgrees(c.app, 'the campaign was created');
  });

  test('study credit completing the study task', async (c) => {
    const s = studier(c.app, c.cadre);
    await s.open();
    for (let i = 0; i < 121; i++) await s.beat();
    await s.end();
    assert.is(await doneOf(c, 'study'), 1, 'the task is done');
    await assertAgrees(c.app, 'a study session closed');
  });

  test('a lecture verified, then rejected after all', async (c) => {
    const recorded = await c.app.call('POST', '/api/lectures', { token: c.cadre, body: { title: '行政复议法修订要点', givenAt: '2027-01-10T01:00:00Z', audienceSize: 35, statutes: ['xingzheng-fuyi-fa'], campaignId: c.campaignId } });
    await assertAgrees(c.app, 'a lecture was recorded');
    const verify = await c.app.call('POST', `/api/lectures/${recorded.body.data.id}/review`, { token: c.organiser, body: { decision: 'verify' } });
    assert.is(verify.status, 200);
    assert.is(await doneOf(c, 'lecture'), 1);
    await assertAgrees(c.app, 'a lecture was verified');
    await c.app.call('POST', `/api/lectures/${recorded.body.data.id}/review`, { token: c.organiser, body: { decision: 'reject', note: '材料不全' } });
    assert.is(await doneOf(c, 'lecture'), 0);
    await assertAgrees(c.app, 'the lecture was rejected');
  });

  test('a 述法 report returned, then scored', async (c) => {
    const task = (await c.app.call('GET', '/api/my/tasks?pageSize=50', { token: c.cadre })).body.data.find((t: { requirement: { kind: string } }) => t.requirement.kind === 'report');
    const report = (await c.app.call('PUT', '/api/law-reports', { token: c.cadre, body: { taskId: task.id, content: REPORT_TEXT } })).body.data;
    await c.app.call('POST', `/api/law-reports/${report.id}/review`, { token: c.bureau, body: { decision: 'return', note: '请补充事例' } });
    await assertAgrees(c.app, 'a report was returned');
    await c.app.call('PUT', '/api/law-reports', { token: c.cadre, body: { taskId: task.id, content: `${REPORT_TEXT}补充。` } });
    const scored = await c.app.call('POST', `/api/law-reports/${report.id}/review`, { token: c.bureau, body: { decision: 'score', scores: { 学法用法: 40, 依法决策: 45 } } });
    assert.is(scored.body.data.status, 'scored');
    assert.is(await doneOf(c, 'report'), 1);
    await assertAgrees(c.app, 'a report was scored');
  });

  test('an exam attempt graded, and a late make-up graded', async (c) => {
    const db = c.app.running.deps.db;
    const sit = async (token: string, examId: number, right: boolean, late = false) => {
      const paper = (await c.app.call('POST', `/api/exams/${examId}/attempts`, { token })).body.data;
      const items = await db.attemptItem.findMany({ where: { attemptId: paper.id }, include: { questionVersion: true } });
      for (const item of items) await c.app.call('PUT', `/api/attempts/${paper.id}/answers/${item.ordinal}`, { token, body: { response: right ? item.questionVersion.answer : !item.questionVersion.answer, seq: 1 } });
      if (late) c.app.clock.advance(31 * 60_000);
      return (await c.app.call('POST', `/api/attempts/${paper.id}/submit`, { token })).body.data;
    };
    const task = (await c.app.call('GET', '/api/my/tasks?pageSize=50', { token: c.cadre })).body.data.find((t: { requirement: { kind: string } }) => t.requirement.kind === 'exam');
    await sit(c.cadre, task.examId, true);
    assert.is(await doneOf(c, 'exam'), 1);
    await assertAgrees(c.app, 'a passing attempt was graded');
    const other = await c.app.tokenFor({ phone: '13900000012' });
    assert.is((await sit(other, task.examId, false)).passed, false);
    await assertAgrees(c.app, 'a failing attempt was graded');
    const now = c.app.clock.now().getTime();
    const makeUp = await c.app.call('POST', `/api/exams/${task.examId}/make-up`, { token: c.organiser, body: { opensAt: new Date(now).toISOString(), closesAt: new Date(now + 7_200_000).toISOString() } });
    assert.is(makeUp.status, 201);
    const late = await sit(other, makeUp.body.data.id, true, true);
    assert.equal([late.autoSubmitted, late.passed], [true, true], 'submitted after its deadline, graded at it');
    await assertAgrees(c.app, 'a late make-up was graded');
  });

  test('attendance at a meeting', async (c) => {
    const db = c.app.running.deps.db;
    const unit = await db.user.findUniqueOrThrow({ where: { id: c.cadreId }, select: { organizationId: true } });
    const now = c.app.clock.now().getTime();
    const meeting = await c.app.call('POST', '/api/meetings', { token: c.organiser, body: {
      organizationId: unit.organizationId, topic: '会前学法：民法典', statutes: ['xianfa'], place: '三楼会议室',
      startsAt: new Date(now - 600_000).toISOString(), endsAt: new Date(now + 3_000_000).toISOString(), creditMinutes: 45, inviteeIds: [c.cadreId],
    } });
    assert.is(meeting.status, 201, JSON.stringify(meeting.body));
    const recorded = await c.app.call('POST', `/api/meetings/${meeting.body.data.id}/attendance`, { token: c.organiser, body: { userId: c.cadreId, reason: '现场签到二维码故障' } });
    assert.is(recorded.status, 200, JSON.stringify(recorded.body));
    assert.is(await doneOf(c, 'meeting'), 1, 'the 会前学法 task is done');
    await assertAgrees(c.app, 'attendance was recorded');
  });

  test('a cadre moved to another unit takes their tasks along', async (c) => {
    const db = c.app.running.deps.db;
    const target = await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E-GA' } });
    const before = await db.user.findUniqueOrThrow({ where: { id: c.cadreId }, select: { organizationId: true } });
    assert.not.equal(before.organizationId, target.id);
    const moved = await c.app.call('PATCH', `/api/users/${c.cadreId}`, { token: c.organiser, body: { organizationId: target.id } });
    assert.is(moved.status, 200, JSON.stringify(moved.body));
    assert.ok(await db.taskRollup.count({ where: { organizationId: target.id } }));
    await assertAgrees(c.app, 'a cadre moved');
  });

  test('a campaign edited: a lower requirement, a later deadline, people taken out', async (c) => {
    const db = c.app.running.deps.db;
    const li = await c.app.tokenFor({ phone: '13900000012' });
    const liId = (await db.user.findUniqueOrThrow({ where: { phone: '13900000012' } })).id;
    const s = studier(c.app, li);
    await s.open();
    for (let i = 0; i < 61; i++) await s.beat();
    await s.end();
    await assertAgrees(c.app, 'a second cadre studied half the requirement');
    const campaign = (await c.app.call('GET', `/api/campaigns/${c.campaignId}`, { token: c.organiser })).body.data;
    const body = {
      name: campaign.name, period: campaign.period, startsAt: campaign.startsAt, endsAt: campaign.endsAt,
      audience: { organizationIds: [], userIds: [liId], keyMinorityOnly: true },
      requirements: campaign.requirements.map((r: { id: number; kind: string; title: string; params: Record<string, unknown>; recurrence: string | null; dueAt: string | null }) => ({
        id: r.id, kind: r.kind, title: r.title,
        params: r.kind === 'study' ? { ...r.params, minutes: 30 } : r.params,
        ...(r.recurrence ? { recurrence: r.recurrence } : { dueAt: r.kind === 'report' ? '2027-12-20T16:00:00.000Z' : r.dueAt }),
      })),
    };
    const before = await db.taskInstance.count({ where: { userId: c.cadreId } });
    const edited = await c.app.call('PUT', `/api/campaigns/${c.campaignId}`, { token: c.organiser, body });
    assert.is(edited.status, 200, JSON.stringify(edited.body));
    assert.ok(await db.taskInstance.count({ where: { userId: c.cadreId } }) < before, 'the cadre taken out lost unfinished tasks');
    assert.is(await db.taskInstance.count({ where: { userId: liId, countedDone: true, requirement: { kind: 'study' } } }), 1, '30 minutes now complete the task');
    assert.ok(await db.taskRollup.count({ where: { dueAt: new Date('2027-12-20T16:00:00Z') } }), 'the report tasks moved to the new deadline');
    await assertAgrees(c.app, 'the campaign was edited');
  });

  test('the next period\'s tasks, and completion read from the roll-up', async (c) => {
    c.app.clock.set(new Date('2027-04-01T00:30:00Z'));
    assert.ok((await ensureCampaignTasks(c.app.running.deps.db, c.app.clock.now())).length > 0);
    await assertAgrees(c.app, 'the next period began');
    const completion = (await c.app.call('GET', `/api/campaigns/${c.campaignId}/completion`, { token: c.bureau })).body.data;
    const study = completion.requirements.find((r: { kind: string }) => r.kind === 'study');
    assert.is(study.periodKey, '2027-04-01');
    const rows = await c.app.running.deps.db.taskRollup.findMany({ where: { requirementId: study.id, periodKey: '2027-04-01' } });
    assert.is(study.byOrganization.reduce((n: number, u: { people: number }) => n + u.people, 0), rows.reduce((n, r) => n + r.tasks, 0));
  });

  test('the rebuild gives what the incremental path kept, and repairs a damaged roll-up', async (c) => {
    const db = c.app.running.deps.db;
    const kept = await rolledCounts(db);
    assert.ok(kept.length > 0);
    await rebuildTaskRollup(c.app.running.deps);
    assert.equal(await rolledCounts(db), kept, 'rebuilt = kept');
    await db.taskRollup.updateMany({ data: { done: 0 } });
    await db.taskInstance.updateMany({ data: { countedDone: null, countedOrganizationId: null, countedDueAt: null } });
    await rebuildTaskRollup(c.app.running.deps);
    assert.equal(await rolledCounts(db), kept, 'rebuilt from the raw rows alone');
    await assertAgrees(c.app, 'the rebuild');
  });

  test.run();
}
