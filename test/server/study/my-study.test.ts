// GET /api/my/study: a cadre's own credited minutes per Beijing week and own flags, for the
// mini-program's 我的 page; nobody else's sessions or flags count.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';
import { beijingWeekStart } from '../../../server/src/study/my-study.ts';
import { studier } from './support.ts';

type Context = { app: TestApp; cadre: string; other: string };

const weekStart = suite('beijingWeekStart');
weekStart('Monday 00:00 Beijing time is Sunday 16:00 UTC', () => {
  assert.is(new Date(beijingWeekStart(Date.parse('2026-12-04T10:00:00Z'))).toISOString(), '2026-11-29T16:00:00.000Z');
  assert.is(new Date(beijingWeekStart(Date.parse('2026-11-29T16:30:00Z'))).toISOString(), '2026-11-29T16:00:00.000Z');
  assert.is(new Date(beijingWeekStart(Date.parse('2026-11-29T15:59:00Z'))).toISOString(), '2026-11-22T16:00:00.000Z');
});
weekStart.run();

for (const dialect of testDialects()) {
  const test = suite<Context>(`GET /api/my/study [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'statutes', PRESENCE_CHECK_RATE: '0' });
    context.cadre = await context.app.tokenFor({ phone: '13900000011' });
    context.other = await context.app.tokenFor({ phone: '13900000012' });
  });
  test.after(async ({ app }) => app.close());

  const period = (app: TestApp) => ({ from: new Date(app.clock.now().getTime() - 14 * 86_400_000).toISOString(), to: new Date(app.clock.now().getTime() + 86_400_000).toISOString() });

  test('needs a signed-in person and a sane period', async ({ app, cadre }) => {
    const { from, to } = period(app);
    assert.is((await app.call('GET', `/api/my/study?from=${from}&to=${to}`)).status, 401);
    const backwards = await app.call('GET', `/api/my/study?from=${to}&to=${from}`, { token: cadre });
    assert.equal([backwards.status, backwards.body.error.code], [400, 'validation_failed']);
    const tooLong = await app.call('GET', `/api/my/study?from=2020-01-01T00:00:00Z&to=${to}`, { token: cadre });
    assert.equal([tooLong.status, tooLong.body.error.message], [400, '时段最长 60 周']);
  });

  test('credited minutes fall in their Beijing week; flags come with their explanation; others see none of it', async ({ app, cadre, other }) => {
    const s = studier(app, cadre);
    await s.open();
    for (let i = 0; i < 12; i++) await s.beat();
    for (let i = 0; i < 8; i++) await s.beat({ visibility: 'background', taps: 0, scrolls: 0, gapsMs: [] });
    const ended = await s.end();
    const credited = Math.round(ended.body.data.creditedSeconds / 60);
    assert.ok(credited >= 4, `some minutes credited (${credited})`);
    const { from, to } = period(app);
    const mine = await app.call('GET', `/api/my/study?from=${from}&to=${to}`, { token: cadre });
    assert.is(mine.status, 200);
    const data = mine.body.data;
    assert.is(data.totalMinutes, credited);
    assert.is(data.weeks.reduce((sum: number, w: { minutes: number }) => sum + w.minutes, 0), credited);
    const thisWeek = new Date(beijingWeekStart(app.clock.now().getTime()) + 8 * 3_600_000).toISOString().slice(0, 10);
    assert.is(data.weeks.at(-1).weekStart, thisWeek);
    assert.ok(data.weeks.length >= 3 && data.weeks.length <= 4, `${data.weeks.length} weeks`);
    assert.ok(data.flags.length >= 1, 'the background stretch is flagged');
    assert.ok(data.flags.every((f: { sessionId: number; explanation: string }) => f.sessionId === s.id && /[\u4e00-\u9fa5]/.test(f.explanation)));
    assert.equal(ended.body.data.flags.map((f: { id: number }) => f.id).sort(), data.flags.map((f: { id: number }) => f.id).sort());
    const theirs = await app.call('GET', `/api/my/study?from=${from}&to=${to}`, { token: other });
    assert.equal([theirs.body.data.totalMinutes, theirs.body.data.flags], [0, []]);
  });

  test.run();
}
