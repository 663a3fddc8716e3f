// GET /api/my/notifications: the signed-in person's own messages, newest first, one entry per
// message however many channels it went through.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { enqueueNotifications } from '../../../server/src/notifications/outbox.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';
import { reminder, userIdByPhone } from './support.ts';

type Context = { app: TestApp; wang: number; token: string };

for (const dialect of testDialects()) {
  const test = suite<Context>(`GET /api/my/notifications [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { NOTIFY_DAILY_BUDGET: '100' });
    context.wang = await userIdByPhone(context.app, '13900000011');
    context.token = await context.app.tokenFor({ phone: '13900000011' });
    const { db } = context.app.running.deps;
    const li = await userIdByPhone(context.app, '13900000012');
    for (let n = 1; n <= 3; n++) {
      await enqueueNotifications(db, [reminder(context.wang, `my:${n}`, { payload: { title: `提醒${n}` } }), reminder(li, `other:${n}`)], context.app.clock.now(), { dailyBudget: 100 });
      context.app.clock.advance(60_000);
    }
    // The second reminder went out over the bot; its subscribe message was refused.
    await db.notificationOutbox.update({ where: { dedupeKey: 'my:2:bot' }, data: { status: 'sent' } });
    await db.notificationOutbox.update({ where: { dedupeKey: 'my:2:wechat_subscribe' }, data: { status: 'failed' } });
    await db.notificationOutbox.update({ where: { dedupeKey: 'my:3:bot' }, data: { status: 'cancelled' } });
    await db.notificationOutbox.update({ where: { dedupeKey: 'my:3:wechat_subscribe' }, data: { status: 'failed' } });
  });
  test.after(async ({ app }) => app.close());

  test('needs a signed-in caller', async ({ app }) => {
    assert.is((await app.call('GET', '/api/my/notifications')).status, 401);
  });

  test('lists only the caller\'s messages, newest first, each once with its channels', async ({ app, token }) => {
    const response = await app.call('GET', '/api/my/notifications', { token });
    assert.is(response.status, 200);
    assert.equal(response.body.pagination, { page: 1, pageSize: 20, total: 3 });
    assert.equal(response.body.data.map((n: { payload: { title: string }; status: string; channels: unknown }) => [n.payload.title, n.status, n.channels]), [
      ['提醒3', 'failed', [{ channel: 'bot', status: 'cancelled' }, { channel: 'wechat_subscribe', status: 'failed' }]],
      ['提醒2', 'sent', [{ channel: 'bot', status: 'sent' }, { channel: 'wechat_subscribe', status: 'failed' }]],
      ['提醒1', 'pending', [{ channel: 'bot', status: 'pending' }, { channel: 'wechat_subscribe', status: 'pending' }]],
    ]);
    const first = response.body.data[0];
    assert.equal(Object.keys(first).sort(), ['channels', 'createdAt', 'id', 'kind', 'payload', 'status']);
    assert.is(first.kind, 'task_reminder');
  });

  test('pages by message, not by row', async ({ app, token }) => {
    const second = await app.call('GET', '/api/my/notifications?page=2&pageSize=2', { token });
    assert.equal(second.body.pagination, { page: 2, pageSize: 2, total: 3 });
    assert.equal(second.body.data.map((n: { payload: { title: string } }) => n.payload.title), ['提醒1']);
  });

  test.run();
}
