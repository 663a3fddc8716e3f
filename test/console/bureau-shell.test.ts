import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { computedStyle, openTab, screenshot, signIn, startConsoleApp, tabToken, type ConsoleApp } from './support.ts';

const Shell = suite<{ console: ConsoleApp }>('console shell');

Shell.before(async (context) => {
  context.console = await startConsoleApp();
});
Shell.after(async (context) => {
  await context.console.close();
});

Shell('the server redirects / to the console and serves hashed assets as immutable', async ({ console }) => {
  const root = await fetch(`${console.baseUrl}/`, { redirect: 'manual' });
  assert.is(root.status, 302);
  assert.is(root.headers.get('location'), '/console/');
  const index = await fetch(`${console.baseUrl}/console/study/flags?x=1`);
  assert.is(index.status, 200);
  assert.is(index.headers.get('cache-control'), 'no-cache');
  const html = await index.text();
  const asset = /\/console\/assets\/[^"]+\.js/.exec(html)?.[0];
  assert.ok(asset, 'index.html names a hashed script');
  const script = await fetch(`${console.baseUrl}${asset}`);
  assert.is(script.status, 200);
  assert.match(script.headers.get('cache-control') ?? '', 'immutable');
  assert.match(script.headers.get('content-type') ?? '', 'javascript');
  const missing = await fetch(`${console.baseUrl}/console/assets/missing-abc123.js`);
  assert.is(missing.status, 404);
  const escape = await fetch(`${console.baseUrl}/console/..%2f..%2fpackage.json`);
  assert.not.match(await escape.text(), '"name": "xuefa"');
});

Shell('a wrong password shows the server\'s words; signing in lands on a page the menu allows', async ({ console }) => {
  const tab = await openTab(console);
  const { page } = tab;
  await page.goto(`${console.baseUrl}/console/system/audit?action=x`);
  await page.waitForURL(/\/console\/login\?redirect=/);
  const colour = await computedStyle(page, '[data-testid=login-submit]', 'background-color');
  assert.is(colour, 'rgb(0, 82, 217)', 'TDesign primary button is styled (base stylesheet loaded)');
  await page.getByTestId('username').locator('input').fill('bureau');
  await page.getByTestId('password').locator('input').fill('wrong-password');
  await page.getByTestId('login-submit').click();
  const error = await page.getByTestId('login-error').textContent();
  assert.match(error ?? '', '用户名或密码');
  await screenshot(page, 'login');

  await page.getByTestId('password').locator('input').fill('xuefa-demo-2026');
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/console\/system\/audit\?action=x$/);
  const menu = await page.locator('.t-menu').innerText();
  assert.match(menu, '审计日志');
  assert.not.match(menu, '定时任务', 'the bureau has no system.read');
  await page.reload();
  await page.getByTestId('signed-in-name').waitFor();
  assert.is(await page.getByTestId('signed-in-name').textContent(), '周审核');
  await tab.close();
});

Shell('a revoked token sends the reader to the login page and back to where they were', async ({ console }) => {
  const tab = await openTab(console);
  const { page } = tab;
  await signIn(tab, console.baseUrl, 'bureau', '/console/system/audit');
  const token = await tabToken(page);
  assert.ok(token);
  const revoked = await console.app.call('POST', '/api/auth/logout', { token: token! });
  assert.is(revoked.status, 200);
  // A revocation reaches every process's token cache within about a second.
  for (let waited = 0; (await console.app.call('GET', '/api/me', { token: token! })).status !== 401 && waited < 5000; waited += 200) await new Promise((resolve) => setTimeout(resolve, 200));
  // The next request the page makes is refused: opening the filtered list (typing into the form
  // raced the redirect a background request had already started).
  await page.goto(`${console.baseUrl}/console/system/audit?subjectType=user`);
  await page.waitForURL((url) => url.pathname === '/console/login' && url.searchParams.get('redirect') === '/system/audit?subjectType=user');
  assert.match(await page.getByTestId('login-error').textContent() ?? '', '登录已过期');
  await page.getByTestId('username').locator('input').fill('bureau');
  await page.getByTestId('password').locator('input').fill('xuefa-demo-2026');
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/console\/system\/audit\?subjectType=user$/);
  await page.getByTestId('logout').click();
  await page.waitForURL(/\/console\/login$/);
  assert.is(await tabToken(page), null);
  await tab.close();
});

Shell('the scope picker offers only the signed-in person\'s subtree', async ({ console }) => {
  const tab = await openTab(console);
  const { page } = tab;
  await signIn(tab, console.baseUrl, 'organiser-east', '/console/system/audit');
  await page.locator('.scope-picker').click();
  await page.locator('.t-tree__label', { hasText: '东城县公安局' }).waitFor(); // the tree renders after the click
  const options = await page.locator('.t-tree__label').allInnerTexts();
  assert.ok(options.includes('东城县'), options.join(','));
  assert.ok(options.includes('东城县公安局'), options.join(','));
  assert.not.ok(options.some((name) => name.startsWith('西山县') || name.startsWith('示范市')), options.join(','));
  await page.locator('.t-tree__label', { hasText: '东城县公安局' }).click();
  await page.waitForURL(/org=\d+/);
  assert.equal(tab.problems, []);
  await tab.close();
});

Shell('the 单位 page: the bureau, who cannot create units, sees the tree alone at full width; an organiser also the form', async ({ console }) => {
  const bureau = await openTab(console);
  await signIn(bureau, console.baseUrl, 'bureau', '/console/organizations');
  const tree = bureau.page.getByTestId('org-tree');
  await tree.getByText('西山县交通运输局').waitFor();
  assert.is(await bureau.page.getByTestId('org-create').count(), 0, 'no 新增单位 form');
  assert.is(await bureau.page.getByText('新增单位').count(), 0);
  assert.is(await tree.getByText('编辑').count(), 0, 'nor 编辑');
  const widthOf = async (tab: typeof bureau, selector: string) => (await tab.page.locator(selector).boundingBox())!.width;
  const [cardWidth, rowWidth] = [await widthOf(bureau, '.columns > .tree'), await widthOf(bureau, '.columns')];
  assert.ok(Math.abs(cardWidth - rowWidth) < 1, `the tree takes the row (${cardWidth} of ${rowWidth} px)`);
  await screenshot(bureau.page, 'bureau-units');
  assert.equal(bureau.problems, []);
  await bureau.close();

  const organiser = await openTab(console);
  await signIn(organiser, console.baseUrl, 'organiser-east', '/console/organizations');
  await organiser.page.getByTestId('org-create').getByText('新增单位').waitFor();
  const width = await widthOf(organiser, '.columns > .tree');
  assert.ok(width < rowWidth - 400, `the tree leaves room for the form (${width} px)`);
  assert.equal(organiser.problems, []);
  await organiser.close();
});

Shell.run();
