// The organiser's tools around an exam: live pool counts and a sample paper for the blueprint
// editor, the audience head-count, the monitor during the window, reminders, results and export.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';
import { createBlueprint, createExam, eastFixture } from './support.ts';

type Fixture = Awaited<ReturnType<typeof eastFixture>>;
type Context = { app: TestApp; f: Fixture; people: Array<{ id: number; token: string }>; unitId: number; west: string };

for (const dialect of testDialects()) {
  const test = suite<Context>(`exam oversight [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'full' });
    context.f = await eastFixture(context.app);
    context.west = await context.app.tokenFor({ username: 'organiser-west' });
    const db = context.app.running.deps.db;
    context.unitId = (await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E-GA' } })).id;
    context.people = [];
    for (const n of [1, 2, 3, 4]) {
      const user = await db.user.create({ data: { name: `监考${n}`, phone: `1365000000${n}`, organizationId: context.unitId, roles: { create: { role: 'cadre' } } } });
      context.people.push({ id: user.id, token: await context.app.tokenFor({ userId: user.id }) });
    }
  });
  test.after(async ({ app }) => app.close());

  test('a rule over the whole bank (every single-choice question) is counted and previewed', async ({ app, f }) => {
    const body = { organizationId: f.eastId, rules: [{ type: 'single', count: 3 }] };
    const counts = await app.call('POST', '/api/blueprints/pool-counts', { token: f.organiser, body });
    assert.is(counts.status, 200, JSON.stringify(counts.body));
    assert.ok(counts.body.data.rows[0].available > 1000, 'more questions than SQLite binds in one statement');
    const preview = await app.call('POST', '/api/blueprints/preview', { token: f.organiser, body });
    assert.is(preview.status, 200, JSON.stringify(preview.body));
  });

  test('"best" scoring counts the better attempt, not the last one', async ({ app, f }) => {
    const db = app.running.deps.db;
    const user = await db.user.create({ data: { name: '两次考', phone: '13650000099', organizationId: (await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E-GA' } })).id, roles: { create: { role: 'cadre' } } } });
    const token = await app.tokenFor({ userId: user.id });
    const blueprint = await createBlueprint(app, f.organiser, { organizationId: f.eastId, kind: 'random', rules: [{ type: 'judge', count: 2 }], passMark: 2 });
    const exam = await createExam(app, f.organiser, { blueprintId: blueprint.id, audience: { userIds: [user.id] }, attemptsAllowed: 2, scoring: 'best', reviewAfterSubmit: { score: true, correctness: false, keys: false, explanations: false } });
    for (const right of [2, 0]) {
      const paper = (await app.call('POST', `/api/exams/${exam.id}/attempts`, { token })).body.data;
      const items = await db.attemptItem.findMany({ where: { attemptId: paper.id }, include: { questionVersion: true }, orderBy: { ordinal: 'asc' } });
      for (const [i, item] of items.entries()) {
        const key = item.questionVersion.answer as boolean;
        await app.call('PUT', `/api/attempts/${paper.id}/answers/${item.ordinal}`, { token, body: { response: i < right ? key : !key, seq: 1 } });
      }
      assert.is((await app.call('POST', `/api/attempts/${paper.id}/submit`, { token })).status, 200);
    }
    const results = (await app.call('GET', `/api/exams/${exam.id}/results`, { token: f.organiser })).body.data;
    assert.equal([results.totals.passed, results.byOrganization[0].meanScore], [1, 2], 'the first attempt (2 of 2) counts');
    const mine = (await app.call('GET', '/api/my/exams', { token })).body.data.find((e: { id: number }) => e.id === exam.id);
    assert.equal([mine.countedScore, mine.passed], [2, true]);
    const makeUp = await app.call('POST', `/api/exams/${exam.id}/make-up`, { token: f.organiser, body: { opensAt: app.clock.now().toISOString(), closesAt: new Date(app.clock.now().getTime() + 3_600_000).toISOString() } });
    assert.equal([makeUp.status, makeUp.body.error?.message], [400, '原考试没有不及格或缺考的人员，无需补考'], 'a person who passed once is not sent to a make-up');
  });

  /** The pool counted independently of the server: active national questions whose current version matches. */
  const judgeOnXianfa = (app: TestApp) => app.running.deps.db.question.count({
    where: { status: 'active', organizationId: null, versions: { some: { isCurrent: true, type: 'judge', citations: { some: { statute: { slug: 'xianfa' } } } } } },
  });

  test('pool counts: each row counted, rows that cannot be filled explained, other counties and cadres refused', async ({ app, f, west }) => {
    const available = await judgeOnXianfa(app);
    assert.ok(available > 3);
    const rules = [{ statute: 'xianfa', type: 'judge', count: available - 1 }, { statute: 'xianfa', type: 'judge', count: 2 }, { type: 'single', count: 0 }];
    const counts = await app.call('POST', '/api/blueprints/pool-counts', { token: f.organiser, body: { organizationId: f.eastId, rules } });
    assert.is(counts.status, 200);
    assert.equal(counts.body.data.rows.map((r: { available: number }) => r.available).slice(0, 2), [available, available]);
    assert.ok(counts.body.data.rows[2].available > 0);
    assert.equal(counts.body.data.rows.map((r: { problem: string | null }) => r.problem), [null, `第 2 行要求 2 道，可用题目只有 1 道`, null]);
    assert.is(counts.body.data.feasible, false);
    const refusedOnSave = await app.call('POST', '/api/blueprints', { token: f.organiser, body: { name: '不可能', organizationId: f.eastId, kind: 'random', rules: rules.slice(0, 2), points: { single: 1, multiple: 1, judge: 1, fill: 1 }, passMark: 1, timeLimitMinutes: 10 } });
    assert.is(refusedOnSave.status, 400, 'the save refuses what the counts refused');
    assert.is((await app.call('POST', '/api/blueprints/pool-counts', { token: west, body: { organizationId: f.eastId, rules } })).status, 404);
    assert.is((await app.call('POST', '/api/blueprints/pool-counts', { token: f.cadre, body: { organizationId: f.eastId, rules } })).status, 403);
  });

  test('a preview draws one paper by the rules, without keys', async ({ app, f }) => {
    const preview = await app.call('POST', '/api/blueprints/preview', { token: f.organiser, body: { organizationId: f.eastId, rules: [{ statute: 'xianfa', type: 'judge', count: 3 }, { type: 'single', count: 2 }] } });
    assert.is(preview.status, 200);
    const items = preview.body.data.items;
    assert.equal(items.map((i: { type: string }) => i.type), ['judge', 'judge', 'judge', 'single', 'single']);
    assert.equal(items.slice(0, 3).map((i: { statute: string }) => i.statute), Array(3).fill('中华人民共和国宪法'));
    assert.is(new Set(items.map((i: { questionId: number }) => i.questionId)).size, 5);
    assert.ok(items.every((i: object) => !('answer' in i) && !('key' in i)));
  });

  test('the audience head-count follows the 关键少数 switch and stays in scope', async ({ app, f, west }) => {
    const all = await app.call('POST', '/api/exams/audience-count', { token: f.organiser, body: { organizationIds: [f.eastId] } });
    const expected = await app.running.deps.db.user.count({ where: { status: 'active', roles: { some: { role: 'cadre' } }, organization: { path: { startsWith: (await app.running.deps.db.organization.findUniqueOrThrow({ where: { id: f.eastId } })).path } } } });
    assert.is(all.body.data.total, expected);
    const leaders = await app.call('POST', '/api/exams/audience-count', { token: f.organiser, body: { organizationIds: [f.eastId], keyMinorityOnly: true } });
    assert.is(leaders.body.data.total, 2, '王建国 and 李卫东');
    assert.equal(leaders.body.data.byUnit, [{ organizationId: f.eastId, name: '东城县', people: 2 }]);
    assert.is((await app.call('POST', '/api/exams/audience-count', { token: west, body: { organizationIds: [f.eastId] } })).status, 404);
  });

  test('the monitor counts not started / writing / submitted by unit; reminders go to non-starters once a day', async ({ app, f, people, unitId, west }) => {
    const blueprint = await createBlueprint(app, f.organiser, { organizationId: f.eastId, kind: 'random', rules: [{ type: 'judge', count: 2 }] });
    const exam = await createExam(app, f.organiser, { blueprintId: blueprint.id, audience: { userIds: [...people.map((p) => p.id), f.cadreId] } });
    const started = (await app.call('POST', `/api/exams/${exam.id}/attempts`, { token: people[0]!.token })).body.data;
    const submitted = (await app.call('POST', `/api/exams/${exam.id}/attempts`, { token: people[1]!.token })).body.data;
    await app.call('POST', `/api/attempts/${submitted.id}/submit`, { token: people[1]!.token });
    assert.ok(started.id);
    const monitor = await app.call('GET', `/api/exams/${exam.id}/monitor`, { token: f.organiser });
    assert.is(monitor.status, 200);
    assert.equal(monitor.body.data.totals, { audience: 5, notStarted: 3, inProgress: 1, submitted: 1 });
    const police = monitor.body.data.byOrganization.find((row: { organizationId: number }) => row.organizationId === unitId);
    assert.equal([police.audience, police.notStarted, police.inProgress, police.submitted], [4, 2, 1, 1]);
    assert.is(monitor.body.data.state, 'open');
    assert.is((await app.call('GET', `/api/exams/${exam.id}/monitor`, { token: west })).status, 404);

    const reminded = await app.call('POST', `/api/exams/${exam.id}/reminders`, { token: f.organiser });
    assert.equal([reminded.body.data.people, reminded.body.data.queued], [3, 6], 'three people, two channels each');
    const rows = await app.running.deps.db.notificationOutbox.findMany({ where: { kind: 'exam_reminder' }, select: { userId: true } });
    assert.equal([...new Set(rows.map((r) => r.userId))].sort(), [people[2]!.id, people[3]!.id, f.cadreId].sort());
    const again = await app.call('POST', `/api/exams/${exam.id}/reminders`, { token: f.organiser });
    assert.equal([again.body.data.queued, again.body.data.duplicates], [0, 6]);
    assert.is((await app.call('POST', `/api/exams/${exam.id}/reminders`, { token: west })).status, 404);
  });

  test('results: counted scores by unit, pass rate, distribution, the xlsx and the heatmap', async ({ app, f, people, unitId, west }) => {
    const blueprint = await createBlueprint(app, f.organiser, { organizationId: f.eastId, kind: 'random', rules: [{ type: 'judge', count: 2 }], passMark: 2 });
    const exam = await createExam(app, f.organiser, { blueprintId: blueprint.id, audience: { userIds: people.map((p) => p.id) }, attemptsAllowed: 2 });
    async function sit(token: string, right: number) {
      const paper = (await app.call('POST', `/api/exams/${exam.id}/attempts`, { token })).body.data;
      const items = await app.running.deps.db.attemptItem.findMany({ where: { attemptId: paper.id }, include: { questionVersion: true }, orderBy: { ordinal: 'asc' } });
      for (const [i, item] of items.entries()) {
        const key = item.questionVersion.answer as boolean;
        await app.call('PUT', `/api/attempts/${paper.id}/answers/${item.ordinal}`, { token, body: { response: i < right ? key : !key, seq: 1 } });
      }
      await app.call('POST', `/api/attempts/${paper.id}/submit`, { token });
    }
    await sit(people[0]!.token, 2);   // 2 of 2 (judge = 1 point each): passes
    await sit(people[1]!.token, 0);
    await sit(people[1]!.token, 1);   // best of 0 and 1: fails with 1
    await sit(people[2]!.token, 0);   // 0: fails; people[3] absent
    const results = await app.call('GET', `/api/exams/${exam.id}/results`, { token: f.organiser });
    assert.is(results.status, 200);
    assert.equal(results.body.data.totals, { audience: 4, sat: 3, absent: 1, passed: 1, passRate: 0.25 });
    assert.equal(results.body.data.byOrganization, [{ organizationId: unitId, organizationName: '东城县公安局', audience: 4, sat: 3, absent: 1, passed: 1, passRate: 0.25, meanScore: 1 }]);
    const buckets = results.body.data.distribution.map((b: { people: number }) => b.people);
    assert.equal(buckets, [1, 0, 0, 0, 0, 1, 0, 0, 0, 1], 'scores 0, 1 and 2 of 2');
    assert.equal(results.body.data.distribution[5], { from: 1, to: 1.2, people: 1 });

    const file = await app.call('GET', `/api/exams/${exam.id}/results/export`, { token: f.organiser, binary: true });
    assert.is(file.status, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(file.body).buffer);
    const persons = workbook.getWorksheet('按人员')!;
    const values = [2, 3, 4, 5].map((r) => (persons.getRow(r).values as unknown[]).slice(1, 5));
    assert.equal(values, [['监考1', '东城县公安局', 2, '及格'], ['监考2', '东城县公安局', 1, '不及格'], ['监考3', '东城县公安局', 0, '不及格'], ['监考4', '东城县公安局', '缺考', '缺考']]);
    assert.equal((workbook.getWorksheet('按单位')!.getRow(2).values as unknown[]).slice(1), ['东城县公安局', 4, 3, 1, 1, '25.0%', 1]);
    // Someone who moved to another county since is no longer this county's business.
    const westUnit = await app.running.deps.db.organization.findUniqueOrThrow({ where: { code: 'DEMO-W-ZR' } });
    await app.running.deps.db.user.update({ where: { id: people[3]!.id }, data: { organizationId: westUnit.id } });
    const after = await app.call('GET', `/api/exams/${exam.id}/results`, { token: f.organiser });
    assert.equal(after.body.data.totals, { audience: 3, sat: 3, absent: 0, passed: 1, passRate: 0.333 });

    // The heatmap sums the same answers by unit × statute: 4 attempts × 2 items, 3 points of 8.
    const heatmap = (await app.call('GET', `/api/statistics/heatmap?examId=${exam.id}`, { token: f.organiser })).body.data;
    assert.ok(heatmap.cells.every((c: { organizationId: number }) => c.organizationId === unitId));
    const responses = heatmap.cells.reduce((n: number, c: { responses: number }) => n + c.responses, 0);
    const points = heatmap.cells.reduce((n: number, c: { responses: number; facility: number }) => n + c.responses * c.facility, 0);
    assert.equal([responses, Math.round(points * 10) / 10], [8, 3], "facility is rounded to three places per cell");
    assert.equal(heatmap.organizations, [{ id: unitId, name: '东城县公安局' }]);
    assert.is((await app.call('GET', `/api/statistics/heatmap?examId=${exam.id}`, { token: west })).status, 404);
    const westView = (await app.call('GET', '/api/statistics/heatmap', { token: west })).body.data;
    assert.ok(westView.cells.every((c: { organizationName: string }) => !c.organizationName.startsWith('东城县')));
  });

  test.run();
}
