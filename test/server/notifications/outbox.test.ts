// enqueueNotifications: one row per channel, never twice for the same key (also under races),
// and at most the daily budget per person, channel and Beijing-time day.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { enqueueNotifications, shanghaiDayOf } from '../../../server/src/notifications/outbox.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';
import { at, reminder, userIdByPhone } from './support.ts';

// ---

const day = suite('shanghaiDayOf');

day('a day runs from midnight to midnight Beijing time, not UTC', () => {
  assert.equal(shanghaiDayOf(at('2025-03-03 07:30')), { start: new Date('2025-03-02T16:00:00Z'), end: new Date('2025-03-03T16:00:00Z') });
  assert.equal(shanghaiDayOf(at('2025-03-03 00:00')).start, at('2025-03-03 00:00'));
  assert.equal(shanghaiDayOf(at('2025-03-03 23:59')).end, at('2025-03-04 00:00'));
});

day.run();

// ---

type Context = { app: TestApp; wang: number; li: number; zhao: number; sun: number };

for (const dialect of testDialects()) {
  const test = suite<Context>(`enqueueNotifications [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { NOTIFY_DAILY_BUDGET: '3' });
    context.wang = await userIdByPhone(context.app, '13900000011');
    context.li = await userIdByPhone(context.app, '13900000012');
    context.zhao = await userIdByPhone(context.app, '13900000013');
    context.sun = await userIdByPhone(context.app, '13900000021');
  });
  test.after(async ({ app }) => app.close());

  const rowsOf = (app: TestApp, userId: number) => app.running.deps.db.notificationOutbox.findMany({ where: { userId }, orderBy: { id: 'asc' } });
  const budget = (app: TestApp) => ({ dailyBudget: app.running.deps.config.NOTIFY_DAILY_BUDGET });

  test('writes one pending row per channel, keyed by channel, available now', async ({ app, wang }) => {
    app.clock.set(at('2025-03-03 10:00'));
    const now = app.clock.now();
    const result = await enqueueNotifications(app.running.deps.db, [reminder(wang, 'task:1:due-3d')], now, budget(app));
    assert.equal(result, { queued: 2, duplicates: 0, overBudget: 0 });
    const rows = await rowsOf(app, wang);
    assert.equal(rows.map((r) => [r.channel, r.dedupeKey, r.status, r.attempts]), [
      ['bot', 'task:1:due-3d:bot', 'pending', 0],
      ['wechat_subscribe', 'task:1:due-3d:wechat_subscribe', 'pending', 0],
    ]);
    assert.ok(rows.every((r) => r.availableAt.getTime() === now.getTime() && r.createdAt.getTime() === now.getTime()));
    assert.equal(rows[0]!.payload, reminder(wang, 'x').payload);
  });

  test('with a budget of 3, five reminders on one day queue 3 per channel and report the rest', async ({ app, li }) => {
    app.clock.set(at('2025-03-03 23:30'));
    const items = [1, 2, 3, 4, 5].map((n) => reminder(li, `task:${n}:due-1d`));
    const botOnly = await enqueueNotifications(app.running.deps.db, items.map((item) => ({ ...item, channels: ['bot' as const] })), app.clock.now(), budget(app));
    assert.equal(botOnly, { queued: 3, duplicates: 0, overBudget: 2 });
    // The subscribe channel has its own budget; the three bot rows are duplicates now.
    const both = await enqueueNotifications(app.running.deps.db, items, app.clock.now(), budget(app));
    assert.equal(both, { queued: 3, duplicates: 3, overBudget: 4 });
    const rows = await rowsOf(app, li);
    assert.equal(rows.filter((r) => r.channel === 'bot').map((r) => r.dedupeKey), ['task:1:due-1d:bot', 'task:2:due-1d:bot', 'task:3:due-1d:bot']);
    assert.is(rows.filter((r) => r.channel === 'wechat_subscribe').length, 3);

    // 00:30 is a new day in Beijing: the held-back reminders go out now.
    app.clock.advance(60 * 60_000);
    const nextDay = await enqueueNotifications(app.running.deps.db, items, app.clock.now(), budget(app));
    assert.equal(nextDay, { queued: 4, duplicates: 6, overBudget: 0 });
    assert.is((await rowsOf(app, li)).length, 10);
  });

  test('the day turns at Beijing midnight, not at UTC midnight', async ({ app, zhao }) => {
    app.clock.set(at('2025-03-04 07:30')); // 23:30 UTC the day before
    const first = [1, 2, 3].map((n) => reminder(zhao, `utc:${n}`, { channels: ['bot'] }));
    assert.is((await enqueueNotifications(app.running.deps.db, first, app.clock.now(), budget(app))).queued, 3);
    app.clock.advance(60 * 60_000); // 00:30 UTC, still the same Beijing day
    const more = await enqueueNotifications(app.running.deps.db, [reminder(zhao, 'utc:4', { channels: ['bot'] })], app.clock.now(), budget(app));
    assert.equal(more, { queued: 0, duplicates: 0, overBudget: 1 });
  });

  test('the same key is queued once, also when enqueued concurrently', async ({ app, sun }) => {
    app.clock.set(at('2025-03-05 09:00'));
    const db = app.running.deps.db;
    const item = reminder(sun, 'task:9:due-1d');
    const results = await Promise.all([1, 2, 3, 4].map(() => enqueueNotifications(db, [item], app.clock.now(), budget(app))));
    assert.is(results.reduce((sum, r) => sum + r.queued, 0), 2, JSON.stringify(results));
    assert.is(results.reduce((sum, r) => sum + r.duplicates, 0), 6);
    const again = await enqueueNotifications(db, [item, item], app.clock.now(), budget(app));
    assert.equal(again, { queued: 0, duplicates: 4, overBudget: 0 });
    assert.equal((await rowsOf(app, sun)).map((r) => r.dedupeKey).sort(), ['task:9:due-1d:bot', 'task:9:due-1d:wechat_subscribe']);
  });

  test('an enqueue inside a transaction commits or rolls back with it', async ({ app, sun }) => {
    const db = app.running.deps.db;
    await db.$transaction(async (tx) => {
      assert.is((await enqueueNotifications(tx, [reminder(sun, 'tx:kept', { channels: ['bot'] })], app.clock.now(), budget(app))).queued, 1);
    });
    let failures = 0;
    await db.$transaction(async (tx) => {
      await enqueueNotifications(tx, [reminder(sun, 'tx:rolled-back', { channels: ['bot'] })], app.clock.now(), budget(app));
      throw new Error('rollback');
    }).catch(() => { failures++; });
    assert.is(failures, 1);
    const keys = (await rowsOf(app, sun)).map((r) => r.dedupeKey);
    assert.ok(keys.includes('tx:kept:bot'));
    assert.not.ok(keys.includes('tx:rolled-back:bot'));
  });

  test.run();
}
