// Organisers' question pages in Chromium: an xlsx import whose problems point at the cell, the bank
// browser with the article beside its questions and a question's versions, and the 待复核 queue after
// a statute revision cleared in place.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import ExcelJS from 'exceljs';
import { readStatuteFile } from '../../server/src/bank/files.ts';
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
  await page.goto(`${console.baseUrl}/console/questions/reviews`);
  await page.getByTestId('review-empty').waitFor();
  assert.equal(tab.problems, []);
  await tab.close();
});

Questions.run();
