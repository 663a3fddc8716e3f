// Organisers' people pages in Chromium: the xlsx import (errors by row and column, then fixed and
// imported), invitation codes with QR codes exported and printed, and another county seeing none of it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { openTab, screenshot, signIn, startConsoleApp, type ConsoleApp } from './support.ts';

type Row = Array<string | null>;
const HEADER = ['姓名', '手机号', '单位', '职务', '职级', '是否关键少数'];

async function peopleXlsx(rows: Row[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('人员');
  sheet.addRow(HEADER);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const thirty = (): Row[] => Array.from({ length: 30 }, (_, i) => [`浏览器干部${i + 1}`, `1371000${String(i).padStart(4, '0')}`, i % 2 ? '东城县公安局' : '东城县人民政府办公室', '科员', null, i % 5 ? '否' : '是']);

const People = suite<{ console: ConsoleApp }>('organiser console: people');
People.before(async (context) => { context.console = await startConsoleApp(); });
People.after(async (context) => { await context.console.close(); });

People('import 30 people: two bad rows shown by row and column, fixed, then imported', async ({ console }) => {
  const tab = await openTab(console);
  const { page } = tab;
  await signIn(tab, console.baseUrl, 'organiser-east', '/console/people/import');
  const [template] = await Promise.all([page.waitForEvent('download'), page.getByTestId('people-template').click()]);
  assert.is(template.suggestedFilename(), '人员导入模板.xlsx');

  const rows = thirty();
  rows[6] = ['浏览器干部7', '137100', '东城县人民政府办公室', null, null, '否'];       // spreadsheet row 8
  rows[17] = ['浏览器干部18', '13710000017', '不存在的单位', null, null, '否'];        // spreadsheet row 19
  await page.getByTestId('people-file').setInputFiles({ name: '人员.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await peopleXlsx(rows) });
  await page.getByTestId('people-check').click();
  await page.getByTestId('import-issues').waitFor();
  const issues = await page.getByTestId('import-issues').locator('tbody tr').allInnerTexts();
  assert.is(issues.length, 2);
  assert.match(issues[0]!, /第 8 行\s+手机号\s+.*11 位/);
  assert.match(issues[1]!, /第 19 行\s+单位\s+未找到单位“不存在的单位”/);
  assert.match(await page.getByTestId('people-check-result').innerText(), '发现 2 处问题');
  await screenshot(page, 'organiser-people-import-errors');
  assert.is(await console.app.running.deps.db.user.count({ where: { name: { startsWith: '浏览器干部' } } }), 0);

  await page.getByTestId('people-file').setInputFiles({ name: '人员.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await peopleXlsx(thirty()) });
  await page.getByTestId('people-check').click();
  await page.getByText('检查通过').waitFor();
  assert.match(await page.getByTestId('people-check-result').innerText(), '将新增 30 人');
  await page.getByTestId('people-import').click();
  await page.getByTestId('people-import-result').waitFor();
  assert.match(await page.getByTestId('people-import-result').innerText(), '新增 30 人');
  assert.is(await console.app.running.deps.db.user.count({ where: { name: { startsWith: '浏览器干部' } } }), 30);
  await screenshot(page, 'organiser-people-import-done');

  await page.goto(`${console.baseUrl}/console/people?q=${encodeURIComponent('浏览器干部1')}`);
  await page.getByTestId('people-table').getByText('浏览器干部10').waitFor();
  await screenshot(page, 'organiser-people');
  assert.equal(tab.problems, []);
  await tab.close();
});

People('invitations for the county: codes with QR codes, an xlsx export and a printable sheet', async ({ console }) => {
  const tab = await openTab(console);
  const { page } = tab;
  await signIn(tab, console.baseUrl, 'organiser-east', '/console/people/invitations');
  await page.getByTestId('invite-issue').click();
  await page.getByTestId('invite-sheet').waitFor();
  const db = console.app.running.deps.db;
  const unbound = await db.user.count({ where: { status: 'active', wechat: null, organization: { code: { startsWith: 'DEMO-E' } } } });
  const codes = await page.getByTestId('invite-code').allInnerTexts();
  assert.is(codes.length, unbound);
  assert.ok(codes.every((code) => /^[2-9A-HJ-NP-Z]{8}$/.test(code)));
  assert.is(await page.locator('.ticket .qr svg').count(), unbound);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('invite-export').click()]);
  assert.match(download.suggestedFilename(), /^微信绑定邀请码-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(await readFile((await download.path())!)).buffer);
  const sheet = workbook.getWorksheet('邀请码')!;
  assert.is(sheet.rowCount, unbound + 1);
  assert.ok(codes.includes(String(sheet.getRow(2).getCell(3).value)));
  assert.is(sheet.getImages().length, unbound);
  await screenshot(page, 'organiser-invitations');
  await page.emulateMedia({ media: 'print' });
  await screenshot(page, 'organiser-invitations-print');
  await page.emulateMedia({ media: 'screen' });
  assert.equal(tab.problems, []);
  await tab.close();
});

People('an organiser of 西山县 sees none of 东城县\'s people or units', async ({ console }) => {
  const tab = await openTab(console);
  const { page } = tab;
  await signIn(tab, console.baseUrl, 'organiser-west', `/console/people?q=${encodeURIComponent('浏览器干部')}`);
  await page.getByTestId('people-table').getByText('暂无数据').waitFor();
  await page.goto(`${console.baseUrl}/console/organizations`);
  await page.getByTestId('org-tree').getByText('西山县自然资源局').waitFor();
  assert.not.match(await page.getByTestId('org-tree').innerText(), '东城县');
  await screenshot(page, 'organiser-organizations-west');
  assert.equal(tab.problems, []);
  await tab.close();
});

People.run();
