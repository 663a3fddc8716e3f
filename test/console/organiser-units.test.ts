// Organisers' units and people in Chromium: a unit edited from the tree (a bad code stopped in the
// form, the server's refusal shown, then saved), the people list filtered by WeChat binding and kept
// in the URL, and the invitation link opened in a phone's ordinary browser.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { openTab, screenshot, signIn, startConsoleApp, type ConsoleApp } from './support.ts';

const Units = suite<{ console: ConsoleApp }>('organiser console: units and people filters');
Units.before(async (context) => { context.console = await startConsoleApp(); });
Units.after(async (context) => { await context.console.close(); });

const dialog = (page: Page) => page.locator('.t-dialog:visible');

Units('a unit renamed from the tree: form validation, the server\'s refusal, then saved', async ({ console }) => {
  const tab = await openTab(console);
  const { page } = tab;
  await signIn(tab, console.baseUrl, 'organiser-east', '/console/organizations');
  const tree = page.getByTestId('org-tree');
  await tree.getByText('东城县公安局').waitFor();
  assert.is(await page.getByTestId('org-edit-DEMO-E').count(), 0, 'the county, root of the scope, is edited from above');
  await page.getByTestId('org-edit-DEMO-E-GA').click();
  const name = page.getByTestId('org-edit-name').locator('input');
  const code = page.getByTestId('org-edit-code').locator('input');
  assert.is(await name.inputValue(), '东城县公安局');

  await code.fill('公安');
  await dialog(page).getByRole('button', { name: '保存' }).click();
  await dialog(page).getByText('单位代码应为 2–32 位字母、数字或短横线').waitFor();

  await code.fill('DEMO-E-ZF');
  await dialog(page).getByRole('button', { name: '保存' }).click();
  await page.getByTestId('org-edit-error').getByText('单位代码 DEMO-E-ZF 已存在').waitFor();
  await screenshot(page, 'organiser-unit-edit-refused');

  await code.fill('DEMO-E-GAJ');
  await name.fill('东城县公安分局');
  await dialog(page).getByRole('button', { name: '保存' }).click();
  await page.getByTestId('org-message').getByText('已保存：东城县公安分局（DEMO-E-GAJ）').waitFor();
  await tree.getByText('东城县公安分局').waitFor();
  assert.match(await tree.innerText(), 'DEMO-E-GAJ');
  const row = await console.app.running.deps.db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E-GAJ' } });
  assert.is(row.name, '东城县公安分局');
  await screenshot(page, 'organiser-units');
  // The duplicate code's 409 is logged by the browser twice (the response, and the console's resource error); nothing else went wrong.
  assert.equal(tab.problems.filter((problem) => !/409/.test(problem)), []);
  assert.ok(tab.problems.some((problem) => /^HTTP 409: PATCH .*\/api\/organizations\/\d+$/.test(problem)));
  await tab.close();
});

Units('people filtered by WeChat binding, the filter kept in the URL', async ({ console }) => {
  const db = console.app.running.deps.db;
  const bound = await db.user.findUniqueOrThrow({ where: { phone: '13900000011' } }); // 王建国
  await db.wechatIdentity.create({ data: { openid: 'openid-console-filter', sessionKey: 'session-key', userId: bound.id } });
  const tab = await openTab(console);
  const { page } = tab;
  await signIn(tab, console.baseUrl, 'organiser-east', '/console/people');
  const table = page.getByTestId('people-table');
  await table.getByText('李卫东').waitFor();

  await page.getByTestId('people-wechat-bound').click();
  await page.locator('.t-popup .t-select-option:visible').filter({ hasText: /^已绑定微信$/ }).click();
  await page.getByTestId('people-search-button').click();
  await page.waitForURL((url) => url.searchParams.get('wechatBound') === 'yes');
  await table.getByText('李卫东').waitFor({ state: 'detached' });
  const names = async () => (await table.locator('tbody tr td:first-child').allInnerTexts()).map((text) => text.trim());
  assert.equal(await names(), ['王建国']);
  await screenshot(page, 'organiser-people-wechat-bound');

  await page.goto(`${console.baseUrl}/console/people?wechatBound=no`);
  await table.getByText('李卫东').waitFor();
  const unbound = await names();
  assert.not.ok(unbound.includes('王建国'));
  const expected = await db.user.count({ where: { wechat: null, organization: { code: { startsWith: 'DEMO-E' } } } });
  assert.is(unbound.length, expected);
  assert.is(await page.getByTestId('people-wechat-bound').locator('input').inputValue(), '未绑定微信', 'the select shows the filter from the URL');
  assert.equal(tab.problems, []);
  await tab.close();
});

Units('the invitation link opened in a phone\'s browser: a large-type page with the code, in Chinese', async ({ console }) => {
  const context = await console.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${console.baseUrl}/mp/bind?code=ABCD2345`);
  await page.getByText('请用微信扫码').waitFor();
  assert.is(await page.getByTestId('invitation-code').innerText(), 'ABCD2345');
  const fontSize = await page.evaluate('parseFloat(getComputedStyle(document.querySelector(".code")).fontSize)') as number;
  assert.ok(fontSize >= 32, `the code is large (${fontSize}px)`);
  const fits = await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth') as boolean;
  assert.ok(fits, 'no sideways scrolling on a phone');
  await screenshot(page, 'mp-bind-page-phone');
  await context.close();
});

Units.run();
