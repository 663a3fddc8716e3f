// 学·讲·述·考 campaigns over HTTP: validation, tasks generated per recurring period (also for
// people who join later), lectures verified, 述法 submitted, returned, resubmitted and scored,
// overdue states, and archive and circular figures that match the underlying records.
import ExcelJS from 'exceljs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ensureCampaignTasks } from '../../../server/src/campaigns/generate.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';
import { studier } from '../study/support.ts';

const QUARTERLY = '0 0 1 1,4,7,10 *';
const RUBRIC = [{ name: '学法用法', maxScore: 30 }, { name: '依法决策', maxScore: 40 }, { name: '推进法治建设第一责任人职责', maxScore: 30 }];
const REPORT_TEXT = '本人认真履行推进法治建设第一责任人职责，'.repeat(5);
type Context = { app: TestApp; organiser: string; cadre: string; bureau: string; eastId: number; campaignId: number; blueprintId: number };
const at = (iso: string) => new Date(iso);

for (const dialect of testDialects()) {
  const test = suite<Context>(`campaigns [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'full', PRESENCE_CHECK_RATE: '0', ACCESS_TOKEN_TTL_HOURS: '2160' }); // tokens outlive the quarter the clock moves on
    context.app.clock.set(at('2027-01-15T02:00:00Z'));
    const db = context.app.running.deps.db;
    context.eastId = (await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E' } })).id;
    context.organiser = await context.app.tokenFor({ username: 'organiser-east' });
    context.cadre = await context.app.tokenFor({ phone: '13900000011' });
    context.bureau = await context.app.tokenFor({ username: 'bureau' });
    const blueprint = await context.app.call('POST', '/api/blueprints', { token: context.organiser, body: {
      name: '季度考试', organizationId: context.eastId, kind: 'random', rules: [{ type: 'judge', count: 2 }], points: { single: 1, multiple: 1, judge: 1, fill: 1 }, passMark: 1, timeLimitMinutes: 30,
    } });
    context.blueprintId = blueprint.body.data.id;
  });
  test.after(async ({ app }) => app.close());

  const campaignBody = (c: Context, requirements: unknown[]) => ({
    organizationId: c.eastId, name: '2027 年度领导干部学法用法', period: '2027 年度', startsAt: '2026-12-31T16:00:00Z', endsAt: '2027-12-31T16:00:00Z',
    audience: { organizationIds: [c.eastId], keyMinorityOnly: true }, requirements,
  });

  test('invalid recurrences, missing rubrics and foreign audiences are clear 400s', async (c) => {
    const bad = await c.app.call('POST', '/api/campaigns', { token: c.organiser, body: campaignBody(c, [
      { kind: 'study', title: '季度学法', params: { minutes: 60 }, recurrence: '0 0 32 * *' },
      { kind: 'report', title: '年度述法', params: {}, dueAt: '2027-12-15T16:00:00Z' },
      { kind: 'lecture', title: '讲法', params: { count: 1 }, recurrence: QUARTERLY, dueAt: '2027-12-15T16:00:00Z' },
    ]) });
    assert.is(bad.status, 400);
    const paths = bad.body.error.details.map((d: { path: string }) => d.path);
    assert.ok(paths.includes('body.requirements.0.recurrence'), JSON.stringify(paths));
    assert.ok(paths.some((p: string) => p.startsWith('body.requirements.1.params')), JSON.stringify(paths));
    assert.ok(paths.includes('body.requirements.2.recurrence'), JSON.stringify(paths));
    const west = await c.app.call('POST', '/api/campaigns', { token: await c.app.tokenFor({ username: 'organiser-west' }), body: campaignBody(c, [{ kind: 'lecture', title: '讲法', params: { count: 1 }, dueAt: '2027-12-15T16:00:00Z' }]) });
    assert.is(west.status, 404, 'an organisation outside the organiser\'s subtree');
    assert.is(await c.app.running.deps.db.campaign.count(), 0, 'nothing saved');
  });

  test('creating a campaign gives every 关键少数 of the audience the current tasks', async (c) => {
    const created = await c.app.call('POST', '/api/campaigns', { token: c.organiser, body: campaignBody(c, [
      { kind: 'study', title: '每季度学法 60 分钟', params: { minutes: 60 }, recurrence: QUARTERLY },
      { kind: 'meeting', title: '每季度会前学法', params: { count: 1 }, recurrence: QUARTERLY },
      { kind: 'lecture', title: '年度讲法', params: { count: 1 }, dueAt: '2027-12-15T16:00:00Z' },
      { kind: 'report', title: '年度述法', params: { rubric: RUBRIC }, dueAt: '2027-12-15T16:00:00Z' },
      { kind: 'exam', title: '季度考法', params: { blueprintId: c.blueprintId, windowDays: 30, attemptsAllowed: 2 }, recurrence: QUARTERLY },
    ]) });
    assert.is(created.status, 201, JSON.stringify(created.body));
    c.campaignId = created.body.data.id;
    const db = c.app.running.deps.db;
    const keyMinority = await db.user.count({ where: { isKeyMinority: true, organization: { code: { startsWith: 'DEMO-E' } } } });
    assert.is(await db.taskInstance.count(), 5 * keyMinority);
    const mine = (await c.app.call('GET', '/api/my/tasks?pageSize=50', { token: c.cadre })).body.data;
    assert.is(mine.length, 5);
    const study = mine.find((t: { requirement: { kind: string } }) => t.requirement.kind === 'study');
    assert.equal([study.periodKey, study.state, study.dueAt], ['2027-01-01', 'not_started', '2027-03-31T16:00:00.000Z']);
    assert.match(study.missing, /还需学习 60 分钟/);
    const exam = mine.find((t: { requirement: { kind: string } }) => t.requirement.kind === 'exam');
    assert.ok(exam.examId, 'the quarter\'s exam exists');
    const other = await c.app.tokenFor({ phone: '13900000013' });
    assert.is((await c.app.call('GET', '/api/my/tasks', { token: other })).body.pagination.total, 0, 'not 关键少数: no tasks');
  });

  test('someone joining later gets the current period\'s tasks; the next quarter brings new ones', async (c) => {
    const db = c.app.running.deps.db;
    const unit = await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E-GA' } });
    const newcomer = await db.user.create({ data: { name: '新任副局长', phone: '13900000088', isKeyMinority: true, organizationId: unit.id, roles: { create: { role: 'cadre' } } } });
    const created = await ensureCampaignTasks(db, c.app.clock.now());
    assert.is(created.length, 5);
    assert.ok(created.every((t) => t.userId === newcomer.id));
    assert.is((await ensureCampaignTasks(db, c.app.clock.now())).length, 0, 'running again creates nothing');
    c.app.clock.set(at('2027-04-01T00:30:00Z'));
    const quarter = await ensureCampaignTasks(db, c.app.clock.now());
    const members = await db.user.count({ where: { isKeyMinority: true, organization: { code: { startsWith: 'DEMO-E' } } } });
    assert.is(quarter.length, 3 * members, 'study, meeting and exam recur; lecture and report do not');
    const q1 = (await c.app.call('GET', '/api/my/tasks?state=overdue&pageSize=50', { token: c.cadre })).body.data;
    assert.equal(q1.map((t: { requirement: { kind: string } }) => t.requirement.kind).sort(), ['exam', 'meeting', 'study']);
    assert.ok(q1.every((t: { periodKey: string }) => t.periodKey === '2027-01-01'));
  });

  test('study credit completes the study task; the archive shows the same minutes', async (c) => {
    const s = studier(c.app, c.cadre);
    await s.open();
    for (let i = 0; i < 121; i++) await s.beat();
    await s.end();
    const tasks = (await c.app.call('GET', '/api/my/tasks?pageSize=50', { token: c.cadre })).body.data;
    const study = tasks.find((t: { requirement: { kind: string }; periodKey: string }) => t.requirement.kind === 'study' && t.periodKey === '2027-04-01');
    assert.equal([study.state, study.progress.done, study.missing], ['done', 60, null]);
    const archive = await c.app.call('GET', `/api/archive?from=2027-03-31T16:00:00Z&to=2027-06-30T16:00:00Z`, { token: c.cadre });
    assert.is(archive.body.data.totals.onlineMinutes, 60);
    assert.ok(archive.body.data.entries.some((e: { kind: string; evidence: string }) => e.kind === 'study' && e.evidence.startsWith('/api/study/sessions/')));
  });

  test('a lecture is recorded, awaits verification, and counts once verified', async (c) => {
    const recorded = await c.app.call('POST', '/api/lectures', { token: c.cadre, body: { title: '行政复议法修订要点', givenAt: '2027-04-01T01:00:00Z', audienceSize: 35, statutes: ['xingzheng-fuyi-fa'], campaignId: c.campaignId } });
    assert.is(recorded.status, 201);
    const upload = await c.app.call('PUT', `/api/lectures/${recorded.body.data.id}/material`, { token: c.cadre, upload: { name: '讲稿.pdf', content: Buffer.from('%PDF-1.4 讲稿') } });
    assert.is(upload.body.data.materialName, '讲稿.pdf');
    const lectureTask = async () => (await c.app.call('GET', '/api/my/tasks?pageSize=50', { token: c.cadre })).body.data.find((t: { requirement: { kind: string } }) => t.requirement.kind === 'lecture');
    assert.is((await lectureTask()).state, 'submitted');
    assert.is((await c.app.call('POST', `/api/lectures/${recorded.body.data.id}/review`, { token: c.cadre, body: { decision: 'verify' } })).status, 403);
    assert.is((await c.app.call('POST', `/api/lectures/${recorded.body.data.id}/review`, { token: await c.app.tokenFor({ username: 'organiser-west' }), body: { decision: 'verify' } })).status, 404);
    const verified = await c.app.call('POST', `/api/lectures/${recorded.body.data.id}/review`, { token: c.organiser, body: { decision: 'verify', note: '材料齐全' } });
    assert.is(verified.body.data.status, 'verified');
    assert.is((await lectureTask()).state, 'done');
  });

  test('述法: submitted, returned with a note, resubmitted, scored against the rubric', async (c) => {
    const task = (await c.app.call('GET', '/api/my/tasks?pageSize=50', { token: c.cadre })).body.data.find((t: { requirement: { kind: string } }) => t.requirement.kind === 'report');
    assert.is((await c.app.call('PUT', '/api/law-reports', { token: c.cadre, body: { taskId: task.id, content: '太短' } })).status, 400);
    const first = await c.app.call('PUT', '/api/law-reports', { token: c.cadre, body: { taskId: task.id, content: REPORT_TEXT } });
    assert.equal([first.status, first.body.data.status, first.body.data.revision], [200, 'submitted', 1]);
    const noNote = await c.app.call('POST', `/api/law-reports/${first.body.data.id}/review`, { token: c.bureau, body: { decision: 'return' } });
    assert.is(noNote.status, 400);
    const returned = await c.app.call('POST', `/api/law-reports/${first.body.data.id}/review`, { token: c.bureau, body: { decision: 'return', note: '请补充依法决策的具体事例' } });
    assert.is(returned.body.data.status, 'returned');
    const state = async () => (await c.app.call('GET', '/api/my/tasks?pageSize=50', { token: c.cadre })).body.data.find((t: { id: number }) => t.id === task.id).state;
    assert.is(await state(), 'returned');
    const second = await c.app.call('PUT', '/api/law-reports', { token: c.cadre, body: { taskId: task.id, content: `${REPORT_TEXT}补充：重大行政决策均经合法性审查。` } });
    assert.equal([second.body.data.status, second.body.data.revision], ['submitted', 2]);
    const partial = await c.app.call('POST', `/api/law-reports/${first.body.data.id}/review`, { token: c.bureau, body: { decision: 'score', scores: { 学法用法: 28, 依法决策: 50 } } });
    assert.is(partial.status, 400);
    const paths = partial.body.error.details.map((d: { path: string }) => d.path).sort();
    assert.equal(paths, ['body.scores.依法决策', 'body.scores.推进法治建设第一责任人职责']);
    const scored = await c.app.call('POST', `/api/law-reports/${first.body.data.id}/review`, { token: c.bureau, body: { decision: 'score', scores: { 学法用法: 28, 依法决策: 36.5, 推进法治建设第一责任人职责: 27 } } });
    assert.equal([scored.body.data.status, scored.body.data.totalScore], ['scored', 91.5]);
    assert.is(await state(), 'done');
    assert.is((await c.app.call('PUT', '/api/law-reports', { token: c.cadre, body: { taskId: task.id, content: REPORT_TEXT } })).status, 409);
    const audit = await c.app.running.deps.db.auditLog.findMany({ where: { subjectType: 'law_report', subjectId: String(first.body.data.id) } });
    assert.equal(audit.map((a) => a.action).sort(), ['lawReport.return', 'lawReport.score']);
  });

  test('passing the quarter\'s exam completes the exam task', async (c) => {
    const task = (await c.app.call('GET', '/api/my/tasks?pageSize=50', { token: c.cadre })).body.data.find((t: { requirement: { kind: string }; periodKey: string }) => t.requirement.kind === 'exam' && t.periodKey === '2027-04-01');
    const paper = (await c.app.call('POST', `/api/exams/${task.examId}/attempts`, { token: c.cadre })).body.data;
    const items = await c.app.running.deps.db.attemptItem.findMany({ where: { attemptId: paper.id }, include: { questionVersion: true } });
    for (const item of items) await c.app.call('PUT', `/api/attempts/${paper.id}/answers/${item.ordinal}`, { token: c.cadre, body: { response: item.questionVersion.answer, seq: 1 } });
    await c.app.call('POST', `/api/attempts/${paper.id}/submit`, { token: c.cadre });
    const after = (await c.app.call('GET', '/api/my/tasks?pageSize=50', { token: c.cadre })).body.data.find((t: { id: number }) => t.id === task.id);
    assert.is(after.state, 'done');
  });

  test('the circular ranks units from the same figures as completion, and exports to xlsx', async (c) => {
    const completion = (await c.app.call('GET', `/api/campaigns/${c.campaignId}/completion`, { token: c.bureau })).body.data;
    const circular = (await c.app.call('GET', `/api/campaigns/${c.campaignId}/circular`, { token: c.bureau })).body.data;
    // Everyone, judged one by one from their evidence: the units' figures (from the task roll-up) must add up to them.
    const named = (await c.app.call('GET', `/api/campaigns/${c.campaignId}/circular?includePeople=true`, { token: c.bureau })).body.data;
    for (const requirement of completion.requirements) {
      const listed = circular.requirements.find((r: { id: number }) => r.id === requirement.id);
      assert.equal(listed.units.map((u: { organizationId: number; done: number; people: number }) => [u.organizationId, u.done, u.people]),
        requirement.byOrganization.map((u: { organizationId: number; done: number; people: number }) => [u.organizationId, u.done, u.people]));
      assert.is(listed.people, null, 'no individuals unless asked');
      assert.equal(requirement.people, [], 'the matrix lists no one: people come with a drill-down into a unit');
      const people = named.requirements.find((r: { id: number }) => r.id === requirement.id).people;
      assert.is(listed.units.reduce((n: number, u: { done: number }) => n + u.done, 0), people.filter((p: { state: string }) => p.state === 'done').length);
      assert.is(listed.units.reduce((n: number, u: { people: number }) => n + u.people, 0), people.length);
    }
    const study = named.requirements.find((r: { kind: string }) => r.kind === 'study');
    const wang = study.people.find((p: { name: string }) => p.name === '王建国');
    assert.is(wang.state, 'done');
    const unitId = (await c.app.running.deps.db.user.findFirstOrThrow({ where: { name: '王建国' } })).organizationId;
    const drill = (await c.app.call('GET', `/api/campaigns/${c.campaignId}/completion?organizationId=${unitId}`, { token: c.bureau })).body.data;
    const drilled = drill.requirements.find((r: { kind: string }) => r.kind === 'study').people;
    assert.ok(drilled.length > 0 && drilled.every((p: { organizationId: number }) => p.organizationId === unitId), 'a drill-down lists the unit\'s own people');
    assert.is(drilled.find((p: { name: string }) => p.name === '王建国').state, 'done');
    const rates = circular.requirements[0].units.map((u: { rate: number }) => u.rate);
    assert.equal(rates, [...rates].sort((a: number, b: number) => b - a), 'ranked by completion rate');
    const file = await c.app.call('GET', `/api/campaigns/${c.campaignId}/circular/export?includePeople=true`, { token: c.bureau, binary: true });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body);
    assert.ok(workbook.getWorksheet('单位排名')!.actualRowCount > 1 && workbook.getWorksheet('人员')!.actualRowCount > 1);
    assert.is((await c.app.call('GET', `/api/campaigns/${c.campaignId}/circular`, { token: await c.app.tokenFor({ username: 'organiser-west' }) })).status, 404);
  });

  test('the circular\'s xlsx names no one unless includePeople=true', async (c) => {
    const names = (await c.app.running.deps.db.user.findMany({ select: { name: true } })).map((u) => u.name);
    const cellsOf = async (query: string) => {
      const file = await c.app.call('GET', `/api/campaigns/${c.campaignId}/circular/export${query}`, { token: c.bureau, binary: true });
      assert.is(file.status, 200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(file.body);
      const cells: string[] = [];
      workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => { cells.push(String(cell.value)); })));
      return { sheets: workbook.worksheets.map((sheet) => sheet.name), cells };
    };
    const withPeople = await cellsOf('?includePeople=true');
    assert.ok(withPeople.cells.some((cell) => names.includes(cell)), 'asked for, people are listed');
    for (const query of ['', '?includePeople=false']) {
      const plain = await cellsOf(query);
      assert.equal(plain.sheets, ['单位排名'], query);
      assert.equal(plain.cells.filter((cell) => names.includes(cell)), [], `no person's name in the export${query}`);
    }
  });

  test.run();
}
