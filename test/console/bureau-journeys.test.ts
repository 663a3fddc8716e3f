// The bureau's journeys in Chromium against a real server holding the demo month: dashboard
// numbers against the API, a flag reviewed and its credit visible in the report, the QR page's
// code accepted by the check-in endpoint, a circular exported as xlsx and PDF, every page
// opened cleanly, and an organiser of another county seeing none of it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { seedDemoActivity } from '../../server/src/seed/activity.ts';
import { computedStyle, openTab, screenshot, signIn, startConsoleApp, type ConsoleApp } from './support.ts';

type Context = { console: ConsoleApp; bureau: string; eastId: number; westId: number; from: string; to: string };
const Journeys = suite<Context>('console: bureau journeys', {} as Context);

const DAY_MS = 86_400_000;
const beijingDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

Journeys.before(async (context) => {
  context.console = await startConsoleApp();
  const { app } = context.console;
  assert.ok(await seedDemoActivity(app.running.deps, app.clock.now()));
  const db = app.running.deps.db;
  context.eastId = (await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E' } })).id;
  context.westId = (await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-W' } })).id;
  context.bureau = await app.tokenFor({ username: 'bureau' });
  const now = app.clock.now().getTime();
  context.from = beijingDay(now - 40 * DAY_MS);
  context.to = beijingDay(now + 40 * DAY_MS);
});
Journeys.after(async (context) => context.console.close());

/** The API's period for Beijing days, as the console computes it. */
const period = (from: string, to: string) => ({ from: new Date(`${from}T00:00:00+08:00`).toISOString(), to: new Date(new Date(`${to}T00:00:00+08:00`).getTime() + DAY_MS).toISOString() });

Journeys('the dashboard draws the seeded numbers the API reports, and drills down', async ({ console, bureau, eastId, from, to }) => {
  const tab = await openTab(console);
  const { page } = tab;
  await signIn(tab, console.baseUrl, 'bureau', `/console/dashboard?org=${eastId}&from=${from}&to=${to}`);
  const api = (await console.app.call('GET', `/api/dashboard?organizationId=${eastId}&from=${encodeURIComponent(period(from, to).from)}&to=${encodeURIComponent(period(from, to).to)}`, { token: bureau })).body.data;
  assert.ok(api.totals.onlineMinutes > 0 && Object.keys(api.totals.openFlags).length > 0, 'the demo month fills the charts');
  await page.locator('[data-testid=chart-hours][data-chart-ready]').waitFor();
  assert.is(await page.getByTestId('kpi-participants').textContent(), `${api.totals.participants} / ${api.totals.cadres}`);
  const hours = JSON.parse(await page.getByTestId('chart-hours').getAttribute('data-series') ?? '[]');
  assert.equal(hours[0].data, api.children.map((c: { numbers: { onlineMinutes: number } }) => Math.round((c.numbers.onlineMinutes / 60) * 10) / 10));
  const flags = JSON.parse(await page.getByTestId('chart-flags').getAttribute('data-series') ?? '[]');
  assert.equal(flags[0].data.map((d: { value: number }) => d.value), Object.values(api.totals.openFlags));
  for (const chart of ['chart-participation', 'chart-tasks', 'chart-flags', 'chart-exams']) assert.is(await page.getByTestId(chart).locator('canvas').count(), 1, chart);
  await screenshot(page, 'dashboard');
  await page.getByRole('link', { name: '东城县公安局' }).click();
  await page.waitForURL((url) => url.searchParams.get('org') !== String(eastId));
  await page.getByRole('heading', { name: '东城县公安局' }).waitFor();
  assert.match(await page.locator('.numbers').first().innerText(), '李卫东');
  assert.equal(tab.problems, []);
  await tab.close();
});

Journeys('a dismissed flag gives its time back, and the report shows it', async ({ console, bureau, eastId, from, to }) => {
  const db = console.app.running.deps.db;
  const flag = await db.studyFlag.findFirstOrThrow({ where: { status: 'open', kind: 'presence_failed', user: { organization: { code: { startsWith: 'DEMO-E' } } } }, include: { user: true }, orderBy: { id: 'asc' } });
  const reportOf = async () => (await console.app.call('GET', `/api/study/report?organizationId=${eastId}&from=${encodeURIComponent(period(from, to).from)}&to=${encodeURIComponent(period(from, to).to)}`, { token: bureau })).body.data.people
    .find((p: { userId: number }) => p.userId === flag.userId).onlineMinutes as number;
  const before = await reportOf();

  const tab = await openTab(console);
  const { page } = tab;
  await signIn(tab, console.baseUrl, 'bureau', `/console/study/flags?org=${eastId}&from=${from}&to=${to}&kind=presence_failed`);
  await page.getByTestId('flag-table').locator('tr', { hasText: flag.user.name }).first().click();
  await page.locator('[data-testid=chart-timeline][data-chart-ready]').waitFor();
  await screenshot(page, 'flags');
  const shown = await page.getByTestId('flag-explanation').textContent();
  const selectedId = (await db.studyFlag.findFirstOrThrow({ where: { explanation: shown ?? '' , userId: flag.userId, status: 'open' } })).id;
  await page.getByTestId('review-note').locator('textarea').fill('与本人核实：当时在会场，手机静音未看到确认题');
  await page.getByTestId('flag-dismiss').click();
  await page.locator('.t-message', { hasText: '已撤销' }).waitFor();
  const reviewed = await db.studyFlag.findUniqueOrThrow({ where: { id: selectedId } });
  assert.is(reviewed.status, 'dismissed');
  assert.is(reviewed.reviewNote, '与本人核实：当时在会场，手机静音未看到确认题');
  // The next flag is shown at once, without leaving the page.
  await page.waitForFunction(`document.querySelector('[data-testid=flag-explanation]')?.textContent !== ${JSON.stringify(shown)}`);

  const after = await reportOf();
  assert.ok(after > before, `credit restored: ${before} → ${after} minutes`);
  await page.goto(`${console.baseUrl}/console/study/report?org=${eastId}&from=${from}&to=${to}`);
  await page.locator('.t-tabs__nav-item', { hasText: '按人员' }).click();
  const row = page.getByTestId('report-people').locator('tr', { hasText: flag.user.name });
  assert.match(await row.innerText(), new RegExp(`\\b${after}\\b`));
  await screenshot(page, 'report');
  const download = page.waitForEvent('download');
  await page.getByTestId('report-export').click();
  const file = await (await download).createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of file) chunks.push(chunk as Buffer);
  assert.is(Buffer.concat(chunks).subarray(0, 2).toString(), 'PK', 'an xlsx (zip) file');
  assert.equal(tab.problems, []);
  await tab.close();
});

Journeys('the check-in screen shows a code the check-in endpoint accepts', async ({ console }) => {
  const { app } = console;
  const meeting = await app.running.deps.db.studyMeeting.findFirstOrThrow({ where: { topic: { contains: '行政处罚法' } } });
  const realNow = app.clock.now();
  app.clock.set(new Date(meeting.startsAt.getTime() + 60_000));
  try {
    const tab = await openTab(console);
    const { page } = tab;
    await signIn(tab, console.baseUrl, 'organiser-east', `/console/meetings/${meeting.id}/screen`);
    const qr = page.getByTestId('checkin-qr');
    await qr.waitFor();
    assert.match(await qr.getAttribute('src') ?? '', /^data:image\/png;base64,/);
    const code = await qr.getAttribute('data-code');
    const cadre = await app.tokenFor({ phone: '13900000011' });
    const checkIn = await app.call('POST', '/api/meetings/check-in', { token: cadre, body: { code } });
    assert.is(checkIn.status, 200, JSON.stringify(checkIn.body));
    await page.getByTestId('attendee-list').getByText('王建国').waitFor({ timeout: 10_000 });
    await screenshot(page, 'meeting-screen');
    await page.goto(`${console.baseUrl}/console/meetings`);
    await page.getByTestId('meeting-table').getByText('行政处罚法').waitFor();
    await screenshot(page, 'meetings');
    assert.equal(tab.problems, []);
    await tab.close();
  } finally {
    app.clock.set(realNow);
  }
});

Journeys('a circular is previewed as printed, exported as xlsx and printed to PDF', async ({ console }) => {
  const tab = await openTab(console);
  const { page } = tab;
  await signIn(tab, console.baseUrl, 'bureau', '/console/circulars?people=1');
  const sheet = page.getByTestId('circular-sheet');
  await sheet.waitFor();
  assert.match(await sheet.innerText(), '东城县领导干部学法用法');
  assert.match(await sheet.innerText(), '王建国', 'people listed when asked');
  await screenshot(page, 'circular');
  const download = page.waitForEvent('download');
  await page.getByTestId('circular-export').click();
  const saved = await download;
  assert.match(saved.suggestedFilename(), /\.xlsx$/);
  await page.emulateMedia({ media: 'print' });
  assert.is(await computedStyle(page, '.shell-aside', 'display'), 'none', 'print CSS hides the console around the sheet');
  const pdf = await page.pdf({ format: 'A4' });
  assert.is(pdf.subarray(0, 5).toString(), '%PDF-');
  assert.ok(pdf.length > 10_000);
  await page.emulateMedia({ media: 'screen' });
  await page.getByTestId('circular-people').click();
  await page.waitForURL((url) => !url.searchParams.has('people'));
  // The URL changes before the sheet is fetched again: wait for the sheet itself.
  await sheet.filter({ hasNotText: '王建国' }).waitFor();
  assert.match(await sheet.innerText(), '东城县领导干部学法用法', 'only units by default');
  assert.equal(tab.problems, []);
  await tab.close();
});

Journeys('every bureau page opens with no console error and no failed request', async ({ console }) => {
  for (const [username, paths] of [
    ['bureau', ['/console/dashboard', '/console/study/flags', '/console/meetings', '/console/study/report', '/console/archive?userId=5', '/console/circulars', '/console/system/audit']],
    ['admin', ['/console/system/jobs']],
  ] as const) {
    const tab = await openTab(console);
    await signIn(tab, console.baseUrl, username, paths[0]);
    for (const path of paths) {
      await tab.page.goto(`${console.baseUrl}${path}`);
      await tab.page.waitForLoadState('networkidle');
      await screenshot(tab.page, `page-${path.slice(9).replace(/\W+/g, '-')}`);
    }
    assert.equal(tab.problems, [], username);
    await tab.close();
  }
});

Journeys('an organiser of another county sees none of 东城县', async ({ console, eastId }) => {
  const tab = await openTab(console);
  const { page } = tab;
  await signIn(tab, console.baseUrl, 'organiser-west', '/console/dashboard');
  await page.getByRole('heading', { name: '西山县' }).waitFor();
  const dashboard = await page.locator('main, .t-layout__content').first().innerText();
  assert.not.match(dashboard, '东城');
  await page.locator('.scope-picker').click();
  assert.not.ok((await page.locator('.t-tree__label').allInnerTexts()).some((name) => name.includes('东城')));
  await page.goto(`${console.baseUrl}/console/study/flags?status=`);
  await page.getByTestId('flag-table').waitFor();
  assert.not.match(await page.getByTestId('flag-table').innerText(), '东城');
  await page.goto(`${console.baseUrl}/console/meetings`);
  await page.getByTestId('meeting-table').waitFor();
  await page.waitForLoadState('networkidle');
  assert.not.match(await page.getByTestId('meeting-table').innerText(), '行政');
  await page.goto(`${console.baseUrl}/console/dashboard?org=${eastId}`);
  await page.locator('.t-alert', { hasText: '不存在或无权访问' }).waitFor();
  await tab.close();
});

Journeys.run();
