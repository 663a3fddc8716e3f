// Organisers' campaign pages in Chromium: a monthly campaign whose next five firings come from the
// server, edited from the list (prefilled, previewed, saved), the completion matrix with its
// drill-down by unit id (two units named 综合科 stay apart, here and in the circular, named with
// their parent units), a lecture verified and a 述法 report scored.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openTab, screenshot, signIn, startConsoleApp, type ConsoleApp } from './support.ts';

type Context = { console: ConsoleApp; campaignId: number; sameNamed: Array<{ unitId: number; person: string; label: string }> };
const REPORT = '本人认真履行推进法治建设第一责任人职责，坚持重大决策合法性审查，带头学法用法。'.repeat(3);

const Campaigns = suite<Context>('organiser console: campaigns');
Campaigns.before(async (context) => {
  context.console = await startConsoleApp();
  const { app } = context.console;
  const db = app.running.deps.db;
  const east = await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E' } });
  const organiser = await app.tokenFor({ username: 'organiser-east' });
  const now = app.clock.now().getTime();
  // Two units of one name in different branches, each with a 关键少数, before the campaign gives them tasks.
  context.sameNamed = [];
  for (const parentCode of ['DEMO-E-ZF', 'DEMO-E-GA']) {
    const parent = await db.organization.findUniqueOrThrow({ where: { code: parentCode } });
    const unit = await db.organization.create({ data: { code: `${parentCode}-ZHK`, name: '综合科', level: 'unit', parentId: parent.id, path: '' } });
    await db.organization.update({ where: { id: unit.id }, data: { path: `${parent.path}${unit.id}/` } });
    const person = `${parent.name.slice(3, 5)}综合科科长`;
    await db.user.create({ data: { name: person, phone: `1390000008${context.sameNamed.length}`, isKeyMinority: true, organizationId: unit.id, roles: { create: { role: 'cadre' } } } });
    context.sameNamed.push({ unitId: unit.id, person, label: `综合科（${parent.name}）` });
  }
  const created = await app.call('POST', '/api/campaigns', { token: organiser, body: {
    organizationId: east.id, name: '东城县讲法述法', period: '2026 年度', startsAt: new Date(now - 86_400_000).toISOString(), endsAt: new Date(now + 60 * 86_400_000).toISOString(),
    audience: { organizationIds: [east.id], keyMinorityOnly: true },
    requirements: [
      { kind: 'lecture', title: '年度讲法', params: { count: 1 }, dueAt: new Date(now + 30 * 86_400_000).toISOString() },
      { kind: 'report', title: '年度述法', params: { rubric: [{ name: '学法用法', maxScore: 40 }, { name: '依法决策', maxScore: 60 }] }, dueAt: new Date(now + 30 * 86_400_000).toISOString() },
    ],
  } });
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  context.campaignId = created.body.data.id;
  // 王建国 lectures and reports over the API, as the mini-program would.
  const wang = await app.tokenFor({ phone: '13900000011' });
  const wangId = (await db.user.findUniqueOrThrow({ where: { phone: '13900000011' } })).id;
  await app.call('POST', '/api/lectures', { token: wang, body: { title: '宪法与政府工作', givenAt: new Date(now - 3_600_000).toISOString(), audienceSize: 40, campaignId: context.campaignId } });
  const task = await db.taskInstance.findFirstOrThrow({ where: { userId: wangId, requirement: { campaignId: context.campaignId, kind: 'report' } } });
  const report = await app.call('PUT', '/api/law-reports', { token: wang, body: { taskId: task.id, content: REPORT } });
  if (report.status !== 200 && report.status !== 201) throw new Error(JSON.stringify(report.body));
});
Campaigns.after(async (context) => { await context.console.close(); });

Campaigns('a monthly campaign shows its next five firings as the server computes them, and is created', async ({ console }) => {
  const tab = await openTab(console);
  const { page } = tab;
  await signIn(tab, console.baseUrl, 'organiser-east', '/console/campaigns/new');
  await page.getByTestId('campaign-name').locator('input').fill('东城县每月学法');
  await page.getByTestId('requirement-title').locator('input').fill('每月学法两小时');
  await page.getByTestId('recurrence-firings').waitFor();
  const token = await console.app.tokenFor({ username: 'organiser-east' });
  const expected = (await console.app.call('GET', `/api/campaigns/recurrence-preview?expression=${encodeURIComponent('0 0 1 * *')}`, { token })).body.data.firings.map((f: { beijing: string }) => f.beijing);
  const shown = await page.getByTestId('recurrence-firings').locator('.firing').allInnerTexts();
  assert.equal(shown, expected);
  assert.is(shown.length, 5);
  assert.ok(shown.every((text) => /^\d{4}-\d{2}-01 00:00 周[日一二三四五六]$/.test(text)));
  await screenshot(page, 'organiser-campaign-editor');
  await page.getByTestId('campaign-save').click();
  await page.waitForURL(/\/console\/campaigns(\?|$)/);
  await page.getByTestId('campaign-table').getByText('东城县每月学法').waitFor();
  const campaign = await console.app.running.deps.db.campaign.findFirstOrThrow({ where: { name: '东城县每月学法' }, include: { requirements: true } });
  assert.equal(campaign.requirements.map((r) => [r.kind, r.recurrence]), [['study', '0 0 1 * *']]);
  assert.equal(tab.problems, []);
  await tab.close();
});

Campaigns('a campaign opens from the list\'s 编辑 prefilled, previews its new recurrence and is saved in place', async ({ console }) => {
  const tab = await openTab(console);
  const { page } = tab;
  const db = console.app.running.deps.db;
  const before = await db.campaign.findFirstOrThrow({ where: { name: '东城县每月学法' }, include: { requirements: true } });
  await signIn(tab, console.baseUrl, 'organiser-east', '/console/campaigns');
  await page.getByTestId('campaign-table').locator('tr', { hasText: '东城县每月学法' }).getByTestId('campaign-edit-link').click();
  await page.waitForURL(new RegExp(`/console/campaigns/${before.id}/edit$`));
  await page.getByTestId('recurrence-firings').waitFor();
  assert.is(await page.getByTestId('campaign-name').locator('input').inputValue(), '东城县每月学法');
  assert.is(await page.getByTestId('requirement-title').locator('input').inputValue(), '每月学法两小时');
  const token = await console.app.tokenFor({ username: 'organiser-east' });
  const firings = async (expression: string) => (await console.app.call('GET', `/api/campaigns/recurrence-preview?expression=${encodeURIComponent(expression)}`, { token })).body.data.firings.map((f: { beijing: string }) => f.beijing);
  assert.equal(await page.getByTestId('recurrence-firings').locator('.firing').allInnerTexts(), await firings('0 0 1 * *'));
  await page.getByTestId('recurrence-preset').click();
  await page.getByText('每季度（1、4、7、10 月 1 日零点）').click();
  const quarterly = await firings('0 0 1 1,4,7,10 *');
  await page.getByTestId('recurrence-firings').locator('.firing').first().filter({ hasText: quarterly[0] }).waitFor();
  assert.equal(await page.getByTestId('recurrence-firings').locator('.firing').allInnerTexts(), quarterly);
  await page.getByTestId('campaign-name').locator('input').fill('东城县每季度学法');
  await screenshot(page, 'organiser-campaign-edit');
  await page.getByTestId('campaign-save').click();
  await page.waitForURL(/\/console\/campaigns(\?|$)/);
  await page.getByTestId('campaign-table').getByText('东城县每季度学法').waitFor();
  const after = await db.campaign.findUniqueOrThrow({ where: { id: before.id }, include: { requirements: true } });
  assert.equal(after.requirements.map((r) => [r.id, r.title, r.recurrence, r.params]), [[before.requirements[0]!.id, '每月学法两小时', '0 0 1 1,4,7,10 *', before.requirements[0]!.params]], 'the same requirement, with its new recurrence');
  assert.equal([after.startsAt, after.endsAt], [before.startsAt, before.endsAt], 'dates round-trip through the form in Beijing time');
  assert.equal(tab.problems, []);
  await tab.close();
});

Campaigns('the completion matrix drills down to people and what they lack', async ({ console, campaignId }) => {
  const tab = await openTab(console);
  const { page } = tab;
  await signIn(tab, console.baseUrl, 'organiser-east', `/console/campaigns/${campaignId}/completion`);
  await page.getByTestId('completion-unit').first().waitFor();
  await page.getByTestId('completion-unit').filter({ has: page.locator('td:first-child', { hasText: /^东城县人民政府办公室$/ }) }).click();
  const people = await page.getByTestId('completion-people').innerText();
  assert.match(people, '王建国');
  assert.match(people, '尚缺');
  await screenshot(page, 'organiser-campaign-completion');
  assert.equal(tab.problems, []);
  await tab.close();
});

Campaigns('two units named 综合科 in different branches show their parents\' names and drill down to their own people', async ({ console, campaignId, sameNamed }) => {
  const tab = await openTab(console);
  const { page } = tab;
  await signIn(tab, console.baseUrl, 'organiser-east', `/console/campaigns/${campaignId}/completion`);
  const rows = page.getByTestId('completion-unit').filter({ hasText: '综合科' });
  await rows.first().waitFor();
  assert.equal((await rows.locator('td:first-child').allInnerTexts()).sort(), sameNamed.map(({ label }) => label).sort());
  assert.ok((await page.getByTestId('completion-unit').locator('td:first-child').allInnerTexts()).includes('东城县公安局'), 'a name no other unit has stays as it is');
  const headers = await page.locator('th').allInnerTexts();
  assert.ok(headers.some((text) => text.includes('一次性')) && !headers.some((text) => /once/.test(text)), `a one-off requirement's period in Chinese: ${headers}`);
  for (const { label, person } of sameNamed) {
    await rows.filter({ hasText: label }).click();
    await page.getByText(`${label} · 人员`).waitFor();
    const people = await page.getByTestId('completion-people').innerText();
    assert.equal(sameNamed.filter((unit) => people.includes(unit.person)).map((unit) => unit.person), [person], `only ${label}'s people: ${people}`);
  }
  await screenshot(page, 'organiser-campaign-completion-same-named');

  await page.goto(`${console.baseUrl}/console/circulars?campaign=${campaignId}`);
  const units = page.getByTestId('circular-sheet').locator('.print-table:not(.people) tbody td:nth-child(2)');
  await units.first().waitFor();
  const names = await units.allInnerTexts();
  for (const { label } of sameNamed) assert.ok(names.includes(label), `the circular names ${label}: ${names}`);
  assert.not.ok(names.includes('综合科'), 'no bare 综合科 row');
  assert.equal(tab.problems, []);
  await tab.close();
});

Campaigns('a lecture is verified and a 述法 report scored against the rubric', async ({ console }) => {
  const tab = await openTab(console);
  const { page } = tab;
  const db = console.app.running.deps.db;
  await signIn(tab, console.baseUrl, 'organiser-east', '/console/campaigns/lectures');
  await page.getByTestId('lecture-table').getByText('宪法与政府工作').waitFor();
  await screenshot(page, 'organiser-lectures');
  await page.getByTestId('lecture-verify').click();
  await page.getByTestId('lecture-table').getByText('暂无数据').waitFor();
  assert.is((await db.lecture.findFirstOrThrow({ where: { title: '宪法与政府工作' } })).status, 'verified');

  await page.goto(`${console.baseUrl}/console/campaigns/reports`);
  await page.getByTestId('report-open').click();
  await page.getByTestId('report-content').filter({ hasText: '第一责任人' }).waitFor();
  const second = page.getByTestId('report-score').nth(1).locator('input');
  await second.fill('45');
  await second.press('Tab');
  await page.getByTestId('report-total').filter({ hasText: '85' }).waitFor();
  await screenshot(page, 'organiser-law-report');
  await page.getByTestId('report-submit-score').click();
  await page.getByTestId('report-table').getByText('暂无数据').waitFor();
  const report = await db.lawReport.findFirstOrThrow({});
  assert.equal([report.status, report.totalScore], ['scored', 85]);
  assert.equal(tab.problems, []);
  await tab.close();
});

Campaigns('an organiser of 西山县 sees none of 东城县\'s campaigns, lectures or reports', async ({ console, campaignId }) => {
  const tab = await openTab(console);
  const { page } = tab;
  await signIn(tab, console.baseUrl, 'organiser-west', '/console/campaigns');
  await page.getByTestId('campaign-table').getByText('暂无数据').waitFor();
  await page.goto(`${console.baseUrl}/console/campaigns/lectures?status=`);
  await page.getByTestId('lecture-table').getByText('暂无数据').waitFor();
  await page.goto(`${console.baseUrl}/console/campaigns/reports?status=`);
  await page.getByTestId('report-table').getByText('暂无数据').waitFor();
  assert.equal(tab.problems, []);
  await page.goto(`${console.baseUrl}/console/campaigns/${campaignId}/completion`);
  await page.getByText('不存在或无权访问').waitFor();
  await tab.close();
});

Campaigns.run();
