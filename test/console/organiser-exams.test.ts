// Organisers' exam pages in Chromium: a blueprint whose live pool counts refuse an impossible row,
// an exam scheduled with its head-count, cadres (over the API) starting and submitting while the
// monitor follows (its override picker searching the exam's audience only), results exported, a make-up created in two clicks, and same-named units told
// apart by their parent units on the monitor and the results.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { openTab, screenshot, signIn, startConsoleApp, type ConsoleApp } from './support.ts';

type Context = { console: ConsoleApp; examId: number };

const Exams = suite<Context>('organiser console: exams');
Exams.before(async (context) => { context.console = await startConsoleApp({ LOAD_BANK: 'full' }); });
Exams.after(async (context) => { await context.console.close(); });

async function setCount(page: Page, row: number, count: number): Promise<void> {
  const input = page.getByTestId('blueprint-row').nth(row).getByTestId('row-count').locator('input');
  await input.fill(String(count));
  await input.press('Tab');
}

async function chooseOption(page: Page, row: number, testId: string, label: string): Promise<void> {
  await page.getByTestId('blueprint-row').nth(row).getByTestId(testId).click();
  await page.locator('.t-popup .t-select-option:visible').filter({ hasText: new RegExp(`^${label}$`) }).first().click();
}

Exams('a blueprint: live counts per row, an impossible row refused before saving, a sample paper, then saved', async ({ console }) => {
  const tab = await openTab(console);
  const { page } = tab;
  await signIn(tab, console.baseUrl, 'organiser-east', '/console/exams/blueprints/new');
  await page.getByTestId('blueprint-name').locator('input').fill('东城县领导干部学法考试');
  await chooseOption(page, 0, 'row-type', '判断');
  await setCount(page, 0, 5);
  const db = console.app.running.deps.db;
  const judges = await db.question.count({ where: { status: 'active', organizationId: null, versions: { some: { isCurrent: true, type: 'judge' } } } });
  await page.getByTestId('row-available').first().filter({ hasText: String(judges) }).waitFor();
  assert.is(await page.getByTestId('row-problem').first().innerText(), '可以组卷');

  await page.getByTestId('blueprint-add-row').click();
  await chooseOption(page, 1, 'row-type', '填空');
  await setCount(page, 1, 200);
  await page.getByTestId('blueprint-refused').waitFor();
  assert.match(await page.getByTestId('row-problem').nth(1).innerText(), /^第 2 行要求 200 道，可用题目只有 \d+ 道$/);
  assert.ok(await page.getByTestId('blueprint-save').isDisabled(), 'no save while a row cannot be filled');
  await screenshot(page, 'organiser-blueprint-refused');

  await setCount(page, 1, 2);
  await page.getByTestId('row-problem').nth(1).filter({ hasText: '可以组卷' }).waitFor();
  await page.getByTestId('blueprint-pass').locator('input').fill('4');
  await page.getByTestId('blueprint-pass').locator('input').press('Tab');
  await page.getByTestId('blueprint-preview').click();
  await page.getByTestId('blueprint-paper').locator('li').nth(6).waitFor();
  assert.is(await page.getByTestId('blueprint-paper').locator('ol > li').count(), 7);
  await page.getByTestId('blueprint-save').click();
  await page.getByTestId('blueprint-saved').waitFor();
  await screenshot(page, 'organiser-blueprint-saved');
  const blueprint = await db.paperBlueprint.findFirstOrThrow({ where: { name: '东城县领导干部学法考试' } });
  assert.equal(blueprint.rules, [{ type: 'judge', count: 5 }, { type: 'fill', count: 2 }]);
  assert.equal(tab.problems, []);
  await tab.close();
});

Exams('schedule with the head-count, cadres sit it over the API, the monitor follows, results export, make-up in two clicks', async (context) => {
  const { console } = context;
  const db = console.app.running.deps.db;
  const tab = await openTab(console);
  const { page } = tab;
  await signIn(tab, console.baseUrl, 'organiser-east', '/console/exams/blueprints/new');
  const blueprint = await db.paperBlueprint.findFirstOrThrow({ where: { name: '东城县领导干部学法考试' } });
  await page.goto(`${console.baseUrl}/console/exams?blueprintId=${blueprint.id}`);
  await page.getByTestId('exam-title').locator('input').fill('2026 年东城县领导干部学法考试');
  await page.getByTestId('exam-headcount').filter({ hasText: '2 人' }).waitFor();
  await screenshot(page, 'organiser-exam-schedule');
  await page.getByRole('button', { name: '发布' }).click();
  await page.waitForURL(/\/console\/exams\/\d+\/monitor/);
  const exam = await db.exam.findFirstOrThrow({ where: { title: '2026 年东城县领导干部学法考试' } });
  context.examId = exam.id;
  assert.equal([exam.keyMinorityOnly, exam.attemptsAllowed, exam.scoring], [true, 1, 'best']);

  // The window opens at the next full hour: move the server's clock into it; two cadres sit it over the API.
  console.app.clock.set(new Date(exam.opensAt.getTime() + 60_000));
  const wang = await console.app.tokenFor({ phone: '13900000011' });
  const paper = (await console.app.call('POST', `/api/exams/${exam.id}/attempts`, { token: wang })).body.data;
  const items = await db.attemptItem.findMany({ where: { attemptId: paper.id }, include: { questionVersion: true }, orderBy: { ordinal: 'asc' } });
  for (const item of items) {
    const key = item.questionVersion.answer;
    const response = item.questionVersion.type === 'fill' ? (key as string[][]).map((alternatives) => alternatives[0]) : key;
    await console.app.call('PUT', `/api/attempts/${paper.id}/answers/${item.ordinal}`, { token: wang, body: { response, seq: 1 } });
  }
  const li = await console.app.tokenFor({ phone: '13900000012' });
  await console.app.call('POST', `/api/exams/${exam.id}/attempts`, { token: li });
  await page.getByRole('button', { name: '立即刷新' }).click();
  // The table is already there from the first load: wait for the refreshed totals themselves.
  await page.getByTestId('monitor-totals').filter({ hasText: /应考\s*2\s*未开始\s*0\s*作答中\s*2\s*已交卷\s*0/ }).waitFor();
  assert.match(await page.getByTestId('monitor-table').innerText(), /东城县人民政府办公室/);
  const submitted = await console.app.call('POST', `/api/attempts/${paper.id}/submit`, { token: wang });
  assert.is(submitted.status, 200);
  await page.getByRole('button', { name: '立即刷新' }).click();
  await page.getByTestId('monitor-totals').filter({ hasText: /作答中\s*1\s*已交卷\s*1/ }).waitFor();
  await screenshot(page, 'organiser-exam-monitor');

  // The results so far, their export, and the make-up for 李卫东 (who never submitted).
  await page.goto(`${console.baseUrl}/console/exams/${exam.id}/results`);
  await page.getByTestId('results-table').waitFor();
  assert.match(await page.getByTestId('results-totals').innerText(), /应考\s*2\s*实考\s*1\s*缺考\s*1\s*及格\s*1/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('results-export').click()]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(await readFile((await download.path())!)).buffer);
  const persons = workbook.getWorksheet('按人员')!;
  assert.equal([2, 3].map((r) => (persons.getRow(r).values as unknown[]).slice(1, 2)[0]).sort(), ['李卫东', '王建国']);
  await page.getByTestId('results-chart').locator('[data-chart-ready]').or(page.getByTestId('results-chart')).first().waitFor();
  await screenshot(page, 'organiser-exam-results');
  await page.getByTestId('results-makeup').click();
  await page.getByRole('button', { name: '发布补考' }).click();
  await page.waitForURL(/\/console\/exams\/\d+\/monitor/);
  const makeUp = await db.exam.findFirstOrThrow({ where: { makeUpOfId: exam.id }, include: { audience: true } });
  const liId = (await db.user.findUniqueOrThrow({ where: { phone: '13900000012' } })).id;
  assert.equal(makeUp.audience.map((a) => a.userId), [liId]);
  assert.ok(page.url().endsWith(`/console/exams/${makeUp.id}/monitor`));
  assert.equal(tab.problems, []);
  await tab.close();
});

/** Types into a person picker and picks the one option whose label starts with the name given. */
async function pickPerson(page: Page, testId: string, query: string, label: RegExp): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByTestId(testId).locator('input').fill(query);
  await page.locator('.t-popup .t-select-option:visible').filter({ hasText: label }).first().click();
}

Exams('people named one by one: the head-count includes them once, the exam reaches them, and an override finds a person by name', async ({ console }) => {
  const db = console.app.running.deps.db;
  const zhao = await db.user.findUniqueOrThrow({ where: { phone: '13900000013' } });
  const wang = await db.user.findUniqueOrThrow({ where: { phone: '13900000011' } });
  const tab = await openTab(console);
  const { page } = tab;
  await signIn(tab, console.baseUrl, 'organiser-east', '/console/exams');
  const blueprint = await db.paperBlueprint.findFirstOrThrow({ where: { name: '东城县领导干部学法考试' } });
  await page.goto(`${console.baseUrl}/console/exams?blueprintId=${blueprint.id}`);
  await page.getByTestId('exam-title').locator('input').fill('东城县点名补学考试');
  await page.getByTestId('exam-headcount').filter({ hasText: /^2 人$/ }).waitFor();

  // 赵敏 is not one of the 关键少数: named, she is added to the two leaders of the unit.
  await pickPerson(page, 'exam-people', '赵敏', /^赵敏 · 东城县公安局 · 尾号 0013$/);
  await page.getByTestId('exam-headcount').filter({ hasText: /^3 人$/ }).waitFor();
  assert.match(await page.getByTestId('exam-headcount-detail').innerText(), /东城县 2 人，另单独指定 1 人/);
  // 王建国 is a leader of the unit already: naming him adds nobody.
  await pickPerson(page, 'exam-people', '王建国', /^王建国 · 东城县人民政府办公室/);
  await page.getByTestId('exam-people').locator('.t-tag').filter({ hasText: '王建国' }).waitFor();
  await page.getByTestId('exam-headcount-detail').filter({ hasText: /另单独指定 1 人/ }).waitFor();
  assert.is(await page.getByTestId('exam-headcount').innerText(), '3 人');
  const tags = await page.getByTestId('exam-people').locator('.t-tag').allInnerTexts();
  assert.equal(tags.map((tag) => tag.split(' · ')[0]), ['赵敏', '王建国'], 'the people chosen are tags');
  await screenshot(page, 'organiser-exam-named-people');
  await page.getByRole('button', { name: '发布' }).click();
  await page.waitForURL(/\/console\/exams\/\d+\/monitor/);
  const exam = await db.exam.findFirstOrThrow({ where: { title: '东城县点名补学考试' }, include: { audience: true } });
  assert.equal(exam.audience.flatMap((a) => a.userId ?? []).sort(), [zhao.id, wang.id].sort());
  await page.getByTestId('monitor-totals').filter({ hasText: /应考\s*3/ }).waitFor();

  // The override searches the exam's audience only: 吴组织, a cadre of the county outside it, is not offered.
  await page.getByTestId('override-person').click();
  await page.getByTestId('override-person').locator('input').fill('吴组织');
  await page.locator('.t-popup:visible').getByText('本场考试的考试对象中没有匹配的人员').waitFor();
  assert.is(await page.locator('.t-popup .t-select-option:visible').count(), 0);
  // The override takes a person found by name, not a typed id.
  await pickPerson(page, 'override-person', '0013', /^赵敏 · 东城县公安局/);
  await page.getByPlaceholder('必填，记入审计日志').fill('点名人员因公出差，延长时间');
  await screenshot(page, 'organiser-exam-override-person');
  await page.getByTestId('override-submit').click();
  await page.getByTestId('monitor-notice').waitFor();
  const override = await db.examOverride.findFirstOrThrow({ where: { examId: exam.id } });
  assert.equal([override.userId, override.extraMinutes, override.reason], [zhao.id, 10, '点名人员因公出差，延长时间']);
  assert.equal(tab.problems, []);
  await tab.close();
});

Exams('the heatmap draws the exam\'s answers; 西山县 sees neither the exam nor its numbers', async ({ console, examId }) => {
  const tab = await openTab(console);
  const { page } = tab;
  await signIn(tab, console.baseUrl, 'organiser-east', `/console/questions/statistics?examId=${examId}`);
  await page.locator('[data-testid=heatmap][data-chart-ready]').waitFor();
  const series = JSON.parse((await page.getByTestId('heatmap').getAttribute('data-series'))!);
  assert.ok(series[0].data.length > 0);
  await screenshot(page, 'organiser-item-statistics');
  assert.equal(tab.problems, []);
  await tab.close();

  const west = await openTab(console);
  await signIn(west, console.baseUrl, 'organiser-west', '/console/exams');
  await west.page.getByTestId('exam-table').getByText('暂无数据').waitFor();
  await west.page.goto(`${console.baseUrl}/console/exams/${examId}/results`);
  await west.page.getByTestId('results-error').waitFor();
  assert.match(await west.page.getByTestId('results-error').innerText(), '不存在或无权访问');
  assert.ok(west.problems.every((problem) => problem.includes(`/api/exams/${examId}/results`) || problem.includes('404')), 'the only failure is the refused exam');
  await west.close();
});

Exams('units named 综合科 in two branches show their parents\' names on the monitor and the results', async ({ console }) => {
  const { app } = console;
  const db = app.running.deps.db;
  const userIds: number[] = [];
  const labels: string[] = [];
  for (const parentCode of ['DEMO-E-ZF', 'DEMO-E-GA']) {
    const parent = await db.organization.findUniqueOrThrow({ where: { code: parentCode } });
    const unit = await db.organization.create({ data: { code: `${parentCode}-ZHK`, name: '综合科', level: 'unit', parentId: parent.id, path: '' } });
    await db.organization.update({ where: { id: unit.id }, data: { path: `${parent.path}${unit.id}/` } });
    userIds.push((await db.user.create({ data: { name: `综合科科员${userIds.length + 1}`, phone: `1390000007${userIds.length}`, organizationId: unit.id, roles: { create: { role: 'cadre' } } } })).id);
    labels.push(`综合科（${parent.name}）`);
  }
  const blueprint = await db.paperBlueprint.findFirstOrThrow({ where: { name: '东城县领导干部学法考试' } });
  const now = app.clock.now().getTime();
  const created = await app.call('POST', '/api/exams', { token: await app.tokenFor({ username: 'organiser-east' }), body: {
    title: '综合科学法考试', blueprintId: blueprint.id, opensAt: new Date(now + 3_600_000).toISOString(), closesAt: new Date(now + 86_400_000).toISOString(), audience: { userIds },
  } });
  assert.is(created.status, 201, JSON.stringify(created.body));
  const tab = await openTab(console);
  const { page } = tab;
  await signIn(tab, console.baseUrl, 'organiser-east', `/console/exams/${created.body.data.id}/monitor`);
  const monitorUnits = page.getByTestId('monitor-table').locator('tr td:first-child');
  await monitorUnits.first().waitFor();
  assert.equal((await monitorUnits.allInnerTexts()).sort(), [...labels].sort());
  await page.goto(`${console.baseUrl}/console/exams/${created.body.data.id}/results`);
  const resultUnits = page.getByTestId('results-table').locator('tr td:first-child');
  await resultUnits.first().waitFor();
  assert.equal((await resultUnits.allInnerTexts()).sort(), [...labels].sort());
  assert.equal(tab.problems, []);
  await tab.close();
});

Exams.run();
