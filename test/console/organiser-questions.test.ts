// Organisers' question pages in Chromium: an xlsx import whose problems point at the cell, the bank
// browser with the article beside its questions and a question's versions, editing and creating a
// question in the form (mistakes beside the field, the server's too), and the 待复核 queue after a
// statute revision cleared in place.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { readStatuteFile } from '../../server/src/bank/files.ts';
import { FILL_BLANK } from '../../server/src/bank/question-format.ts';
import { TEMPLATE_EXAMPLES } from '../../server/src/bank/sheet/template.ts';
import { openTab, screenshot, signIn, startConsoleApp, type ConsoleApp } from './support.ts';

const COLUMNS = ['题型', '题干', '选项A', '选项B', '选项C', '选项D', '答案', '解析', '法条依据', '难度', '标签'] as const;
const LAW = 'xingzheng-chufa-fa';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The template's examples, one more question on 行政处罚法 第九条, and optionally a wrong answer in row 3. */
async function questionsXlsx(broken: boolean): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('题目');
  sheet.addRow([...COLUMNS]);
  const rows: Array<Partial<Record<(typeof COLUMNS)[number], string>>> = [
    ...TEMPLATE_EXAMPLES,
    { 题型: '判断题', 题干: '东城县自编：根据《行政处罚法》，通报批评属于行政处罚。', 答案: '对', 解析: '行政处罚法第九条第一项。', 法条依据: '《行政处罚法》第九条', 难度: '1' },
  ];
  rows.forEach((row, index) => sheet.addRow(COLUMNS.map((column) => (broken && index === 1 && column === '答案' ? 'Z' : row[column] ?? null))));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Picks an option of a filterable TDesign select after typing part of its label. */
async function choose(page: Page, select: ReturnType<Page['getByTestId']>, typed: string, label: RegExp): Promise<void> {
  await select.click();
  await select.locator('input').fill(typed);
  await page.locator('.t-popup .t-select-option:visible').filter({ hasText: label }).first().click();
}

const Questions = suite<{ console: ConsoleApp }>('organiser console: questions');
Questions.before(async (context) => { context.console = await startConsoleApp(); });
Questions.after(async (context) => { await context.console.close(); });

Questions('import questions: the bad cell is shown, the fixed file is imported into the county', async ({ console }) => {
  const tab = await openTab(console);
  const { page } = tab;
  await signIn(tab, console.baseUrl, 'organiser-east', '/console/questions/import');
  await page.getByTestId('question-file').setInputFiles({ name: '题目.xlsx', mimeType: XLSX, buffer: await questionsXlsx(true) });
  await page.getByTestId('question-check').click();
  await page.getByTestId('import-issues').waitFor();
  const issues = await page.getByTestId('import-issues').locator('tbody tr').allInnerTexts();
  assert.is(issues.length, 1);
  assert.match(issues[0]!, /第 3 行\s+答案/);
  await screenshot(page, 'organiser-questions-import-errors');
  await page.getByTestId('question-file').setInputFiles({ name: '题目.xlsx', mimeType: XLSX, buffer: await questionsXlsx(false) });
  await page.getByTestId('question-check').click();
  await page.getByText('检查通过').waitFor();
  await page.getByTestId('question-import').click();
  await page.getByTestId('question-import-result').waitFor();
  assert.match(await page.getByTestId('question-import-result').innerText(), '新增 5 道');
  const east = await console.app.running.deps.db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E' } });
  assert.is(await console.app.running.deps.db.question.count({ where: { organizationId: east.id } }), 5);
  assert.equal(tab.problems, []);
  await tab.close();
});

Questions('the bank shows the article beside its questions, and a question with its versions', async ({ console }) => {
  const tab = await openTab(console);
  const { page } = tab;
  await signIn(tab, console.baseUrl, 'organiser-east', `/console/questions?statute=${LAW}&article=9`);
  await page.getByTestId('bank-article').getByText('第九条').waitFor();
  assert.match(await page.getByTestId('bank-article').innerText(), '行政处罚的种类');
  const table = page.getByTestId('bank-table');
  await table.getByText('通报批评属于行政处罚').waitFor();
  assert.is(await table.locator('tbody tr').count(), 2, 'the two imported questions citing article 9');
  await table.getByText('通报批评属于行政处罚').click();
  await page.getByTestId('question-stem').waitFor();
  assert.match(await page.getByTestId('question-stem').innerText(), '通报批评');
  await screenshot(page, 'organiser-question-bank');
  assert.equal(tab.problems, []);
  await tab.close();
});

Questions('a single-choice question edited in the form: an option and the key changed, a new version with its diff', async ({ console }) => {
  const tab = await openTab(console);
  const { page } = tab;
  await signIn(tab, console.baseUrl, 'organiser-east', '/console/questions?statute=xianfa&article=1');
  await page.getByTestId('bank-table').getByText('根本制度是').click();
  await page.getByTestId('question-edit').click();
  const form = page.getByTestId('question-form');
  const options = form.getByTestId('form-option');
  assert.is(await options.count(), 4);
  assert.ok(await form.getByTestId('form-type').locator('input').first().isDisabled(), 'the type of a stored question is fixed');
  const text = (index: number) => options.nth(index).locator('.t-input input');
  assert.is(await text(3).inputValue(), '社会主义制度');

  await text(1).fill('');
  await page.getByTestId('question-save').click();
  await form.getByText('选项 B 不能为空').waitFor();
  await text(1).fill('民主集中制');
  await text(2).fill('社会主义制度');
  await text(3).fill('民族区域自治制度');
  await options.nth(2).locator('.t-radio').click();
  await screenshot(page, 'organiser-question-edit-form');
  await page.getByTestId('question-save').click();

  await page.getByTestId('version-diff').waitFor();
  assert.match(await page.getByTestId('question-answer').innerText(), '答案：C');
  assert.ok(await page.getByText('版本记录（2）').isVisible());
  const rows = await page.getByTestId('version-diff').locator('tr').allInnerTexts();
  assert.match(rows[0]!, '第 1 版 → 第 2 版');
  assert.equal(rows.slice(1).map((row) => row.split(/\s/)[0]), ['选项', '答案']);
  assert.match((await page.getByTestId('version-diff').locator('ins').allInnerTexts()).join(''), '社会主义');
  await screenshot(page, 'organiser-question-edit-history');
  const question = await console.app.running.deps.db.question.findFirstOrThrow({ where: { versions: { some: { isCurrent: true, stem: { contains: '根本制度' } } } }, include: { versions: { orderBy: { version: 'asc' } } } });
  assert.equal(question.versions.map((v) => [v.version, v.answer]), [[1, 'D'], [2, 'C']]);
  assert.equal(tab.problems, []);
  await tab.close();
});

Questions('a fill question for the organiser\'s own county: form errors, the server\'s error at the citation, then listed as private', async ({ console }) => {
  const tab = await openTab(console);
  const { page } = tab;
  await signIn(tab, console.baseUrl, 'organiser-east', '/console/questions');
  await page.getByTestId('question-new').click();
  await page.getByText('新建本单位题目 · 东城县').waitFor();
  const form = page.getByTestId('question-form');
  await form.getByTestId('form-type').getByText('填空题').click();
  await form.getByTestId('form-stem').locator('textarea').fill('东城县自编：中华人民共和国的一切权力属于');
  await form.getByTestId('form-insert-blank').click();
  assert.is(await form.getByTestId('form-stem').locator('textarea').inputValue(), `东城县自编：中华人民共和国的一切权力属于${FILL_BLANK}`);
  await page.getByTestId('question-save').click();
  await form.getByText('请填写第 1 空的答案（可填多个备选）').waitFor();
  assert.ok(await form.getByText('解析至少 4 个字').isVisible());
  assert.ok(await form.getByText('请选择法规').isVisible());
  await screenshot(page, 'organiser-question-new-errors');

  const blank = form.getByTestId('form-blank').locator('input');
  for (const answer of ['人民', '人民群众']) { await blank.fill(answer); await blank.press('Enter'); }
  const tags = form.getByTestId('form-tags').locator('input');
  await tags.fill('本单位自编');
  await tags.press('Enter');
  await form.getByTestId('form-explanation').locator('textarea').fill('宪法第二条第一款规定，中华人民共和国的一切权力属于人民。');
  // The cited article is repealed by a revision while the form is open: the server names the citation.
  await choose(page, form.getByTestId('citation-law'), '督查', /政府督查工作条例/);
  await choose(page, form.getByTestId('citation-article'), '第二十八条', /^第二十八条/);
  await form.getByTestId('citation-text').getByText('本条例自2021年2月1日起施行').waitFor();
  const admin = await console.app.tokenFor({ username: 'admin' });
  const text = readStatuteFile('zhengfu-ducha-gongzuo-tiaoli.md').replace(/\n第二十八条 .*\n?$/, '\n');
  assert.is((await console.app.call('PUT', '/api/statutes/zhengfu-ducha-gongzuo-tiaoli/revision', { token: admin, body: { revisedOn: '2026-11-02', source: '测试修订', text } })).status, 200);
  await page.getByTestId('question-save').click();
  const refused = form.getByText('未找到所引条文：《政府督查工作条例》现行文本没有第 28 条');
  await refused.waitFor();
  await screenshot(page, 'organiser-question-new-server-error');
  await choose(page, form.getByTestId('citation-law'), '宪法', /^中华人民共和国宪法$/);
  await choose(page, form.getByTestId('citation-article'), '第二条', /^第二条/);
  await form.getByTestId('citation-text').getByText('中华人民共和国的一切权力属于人民').waitFor();
  await refused.waitFor({ state: 'detached' });
  assert.not.ok(await form.getByTestId('form-message').isVisible(), 'the server\'s message goes with its field error');
  await screenshot(page, 'organiser-question-new-form');
  await page.getByTestId('question-save').click();

  await page.getByTestId('question-answer').waitFor();
  assert.match(await page.getByTestId('question-answer').innerText(), '第 1 空：人民／人民群众');
  assert.match(await page.getByTestId('question-stem').innerText(), '东城县自编：中华人民共和国的一切权力属于');
  await page.goto(`${console.baseUrl}/console/questions?owner=organization&type=fill`);
  const row = page.getByTestId('bank-table').locator('tbody tr').filter({ hasText: '东城县自编：中华人民共和国的一切权力属于' });
  await row.waitFor();
  assert.match(await row.innerText(), '东城县');
  const east = await console.app.running.deps.db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E' } });
  const stored = await console.app.running.deps.db.question.findFirstOrThrow({ where: { organizationId: east.id, versions: { some: { type: 'fill', stem: { startsWith: '东城县自编：中华人民共和国的一切权力属于' } } } } });
  assert.is(stored.ownerKey, `org-${east.id}`);
  // The one refused save is the 400 the test provoked (the browser logs it too).
  assert.equal(tab.problems.filter((problem) => !/\b400\b/.test(problem)), []);
  assert.ok(tab.problems.some((problem) => problem.startsWith('HTTP 400: POST') && problem.endsWith('/api/questions')), JSON.stringify(tab.problems));
  await tab.close();
});

Questions('after a revision of 行政处罚法 the 待复核 queue shows old and new text, and keep / retire clear it', async ({ console }) => {
  const admin = await console.app.tokenFor({ username: 'admin' });
  const revised = readStatuteFile(`${LAW}.md`).replace('（六）法律、行政法规规定的其他行政处罚。', '（六）责令改正；\n（七）法律、行政法规规定的其他行政处罚。');
  const revision = await console.app.call('PUT', `/api/statutes/${LAW}/revision`, { token: admin, body: { revisedOn: '2026-11-01', source: '测试修订', text: revised } });
  assert.is(revision.body.data.flaggedQuestions, 2);

  const tab = await openTab(console);
  const { page } = tab;
  await signIn(tab, console.baseUrl, 'organiser-east', '/console/questions/reviews');
  await page.getByTestId('review-item').first().waitFor();
  assert.is(await page.getByTestId('review-item').count(), 2);
  const first = page.getByTestId('review-item').first();
  assert.match(await first.getByTestId('review-new').locator('ins').first().innerText(), '责令改正');
  assert.match(await first.getByTestId('review-old').innerText(), '（六）法律、行政法规规定的其他行政处罚。');
  await screenshot(page, 'organiser-question-reviews');
  await first.getByTestId('review-keep').click();
  await page.getByTestId('review-item').nth(1).waitFor({ state: 'detached' });
  await page.getByTestId('review-retire').click();
  await page.getByTestId('review-empty').waitFor();
  const statuses = await console.app.running.deps.db.question.findMany({ where: { status: { not: 'active' } }, select: { status: true } });
  assert.equal(statuses.map((q) => q.status), ['retired']);
  assert.equal(tab.problems, []);
  await tab.close();
});

Questions('an organiser of 西山县 sees none of 东城县\'s questions', async ({ console }) => {
  const tab = await openTab(console);
  const { page } = tab;
  await signIn(tab, console.baseUrl, 'organiser-west', `/console/questions?owner=organization`);
  await page.getByTestId('bank-table').getByText('暂无数据').waitFor();
  await page.goto(`${console.baseUrl}/console/questions?keyword=${encodeURIComponent('东城县自编')}`);
  await page.getByTestId('bank-table').getByText('暂无数据').waitFor();
  const created = await console.app.running.deps.db.question.findFirstOrThrow({ where: { versions: { some: { type: 'fill', stem: { startsWith: '东城县自编' } } } } });
  const west = await console.app.tokenFor({ username: 'organiser-west' });
  assert.is((await console.app.call('GET', `/api/questions/${created.id}/full`, { token: west })).status, 404);
  await page.goto(`${console.baseUrl}/console/questions/reviews`);
  await page.getByTestId('review-empty').waitFor();
  assert.equal(tab.problems, []);
  await tab.close();
});

Questions.run();
