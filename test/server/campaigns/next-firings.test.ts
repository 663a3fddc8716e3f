// The recurrence editor's preview: the next firings in Beijing time, from the server's clock.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';

type Context = { app: TestApp; east: string };

for (const dialect of testDialects()) {
  const test = suite<Context>(`GET /api/campaigns/recurrence-preview [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect);
    context.east = await context.app.tokenFor({ username: 'organiser-east' });
    // 2026-12-05 06:00 in Beijing, a Saturday.
    context.app.clock.set(new Date('2026-12-04T22:00:00Z'));
  });
  test.after(async ({ app }) => app.close());

  const preview = (app: TestApp, token: string, expression: string, count?: number) =>
    app.call('GET', `/api/campaigns/recurrence-preview?expression=${encodeURIComponent(expression)}${count ? `&count=${count}` : ''}`, { token });

  test('每月: the first of the next five months at midnight Beijing time, with weekdays', async ({ app, east }) => {
    const monthly = await preview(app, east, '0 0 1 * *');
    assert.is(monthly.status, 200);
    assert.equal(monthly.body.data.firings.map((f: { beijing: string }) => f.beijing), [
      '2027-01-01 00:00 周五', '2027-02-01 00:00 周一', '2027-03-01 00:00 周一', '2027-04-01 00:00 周四', '2027-05-01 00:00 周六',
    ]);
    assert.is(monthly.body.data.firings[0].at, '2026-12-31T16:00:00.000Z');
  });

  test('每季度 and 每年, and the count', async ({ app, east }) => {
    const quarterly = await preview(app, east, '0 0 1 1,4,7,10 *', 3);
    assert.equal(quarterly.body.data.firings.map((f: { beijing: string }) => f.beijing.slice(0, 10)), ['2027-01-01', '2027-04-01', '2027-07-01']);
    const yearly = await preview(app, east, '0 9 15 3 *', 2);
    assert.equal(yearly.body.data.firings.map((f: { at: string }) => f.at), ['2027-03-15T01:00:00.000Z', '2028-03-15T01:00:00.000Z']);
  });

  test('a bad expression is a 400 in Chinese naming the field; cadres may not ask', async ({ app, east }) => {
    const bad = await preview(app, east, '0 25 * * *');
    assert.is(bad.status, 400);
    assert.match(bad.body.error.message, /“时”字段“25”无效/);
    assert.is(bad.body.error.details[0].path, 'query.expression');
    const cadre = await app.tokenFor({ phone: '13900000011' });
    assert.is((await preview(app, cadre, '0 0 1 * *')).status, 403);
  });

  test.run();
}
