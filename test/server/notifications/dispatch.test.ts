// The notification-dispatch job against the fake WeChat server: the right template, openid
// and data; a refusal ends the message; an expired access token is renewed once; people
// without WeChat are skipped; retryable failures back off.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runNotificationDispatch } from '../../../server/src/notifications/dispatch.ts';
import { enqueueNotifications } from '../../../server/src/notifications/outbox.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';
import { reminder, userIdByPhone } from './support.ts';

type Context = { app: TestApp; wang: number; li: number; zhao: number };

const TEMPLATE = 'tmpl-task-reminder-test';

for (const dialect of testDialects()) {
  const test = suite<Context>(`runNotificationDispatch [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { WECHAT_TEMPLATE_TASK: TEMPLATE, NOTIFY_DAILY_BUDGET: '100' });
    const db = context.app.running.deps.db;
    context.wang = await userIdByPhone(context.app, '13900000011');
    context.li = await userIdByPhone(context.app, '13900000012');
    context.zhao = await userIdByPhone(context.app, '13900000013');
    // 王建国 and 李卫东 use the mini-program; 赵敏 never bound WeChat.
    await db.wechatIdentity.create({ data: { openid: 'openid-wang', sessionKey: 'sk-wang', userId: context.wang } });
    await db.wechatIdentity.create({ data: { openid: 'openid-li', sessionKey: 'sk-li', userId: context.li } });
    context.app.wechat.subscribe('openid-wang');
  });
  test.after(async ({ app }) => app.close());

  let serial = 0;
  async function queue(app: TestApp, userId: number, overrides: Parameters<typeof reminder>[2] = {}): Promise<string> {
    const item = reminder(userId, `dispatch:${++serial}`, { channels: ['wechat_subscribe'], ...overrides });
    await enqueueNotifications(app.running.deps.db, [item], app.clock.now(), { dailyBudget: 100 });
    return `${item.dedupeKey}:wechat_subscribe`;
  }
  const row = (app: TestApp, key: string) => app.running.deps.db.notificationOutbox.findUniqueOrThrow({ where: { dedupeKey: key } });
  const dispatch = (app: TestApp) => runNotificationDispatch(app.running.deps, app.clock.now(), { instanceId: 'test-instance' });
  const sendCalls = (app: TestApp) => app.wechat.calls.filter((c) => c.path === '/cgi-bin/message/subscribe/send');
  const tokenCalls = (app: TestApp) => app.wechat.calls.filter((c) => c.path === '/cgi-bin/token');

  test('sends the configured template to the bound openid with the payload\'s data', async ({ app, wang }) => {
    const key = await queue(app, wang);
    const summary = await dispatch(app);
    assert.equal(summary, { claimed: 1, sent: 1, retried: 0, failed: 0, cancelled: 0 });
    assert.equal(app.wechat.sent, [{
      touser: 'openid-wang', template_id: TEMPLATE, page: 'pages/tasks/index', lang: 'zh_CN',
      data: { thing1: { value: '学习《宪法》第一章' }, time2: { value: '2025-03-31 18:00' } },
    }]);
    const token = tokenCalls(app);
    assert.is(token.length, 1);
    assert.equal(token[0]!.query, { grant_type: 'client_credential', appid: 'wx-dev-appid', secret: 'wx-dev-secret' });
    assert.is(sendCalls(app)[0]!.query.access_token, 'fake-token-1');
    const sent = await row(app, key);
    assert.equal([sent.status, sent.claimedBy, sent.attempts, sent.sentAt?.getTime()], ['sent', 'test-instance', 1, app.clock.now().getTime()]);
    assert.equal(await dispatch(app), { claimed: 0, sent: 0, retried: 0, failed: 0, cancelled: 0 }, 'nothing is sent twice');
  });

  test('the access token is cached between sends', async ({ app, wang }) => {
    const before = tokenCalls(app).length;
    await queue(app, wang);
    await queue(app, wang);
    assert.is((await dispatch(app)).sent, 2);
    assert.is(tokenCalls(app).length, before);
  });

  test('a refused openid ends failed without a retry', async ({ app, wang, li }) => {
    const key = await queue(app, li); // 李卫东 never accepted the template
    const sendsBefore = sendCalls(app).length;
    assert.equal(await dispatch(app), { claimed: 1, sent: 0, retried: 0, failed: 1, cancelled: 0 });
    const failed = await row(app, key);
    assert.is(failed.status, 'failed');
    assert.match(failed.lastError ?? '', /43101/);
    app.clock.advance(24 * 3_600_000);
    await dispatch(app);
    assert.is(sendCalls(app).length, sendsBefore + 1, 'tried exactly once');

    // Someone who accepted and later cancelled is refused the same way.
    app.wechat.refuse('openid-wang');
    const later = await queue(app, wang);
    await dispatch(app);
    assert.is((await row(app, later)).status, 'failed');
    app.wechat.subscribe('openid-wang');
  });

  test('an expired access token is renewed once and the message still goes out', async ({ app, wang }) => {
    const key = await queue(app, wang);
    const tokensBefore = tokenCalls(app).length;
    app.wechat.expireTokens();
    assert.is((await dispatch(app)).sent, 1);
    assert.is(tokenCalls(app).length, tokensBefore + 1);
    const [rejected, accepted] = sendCalls(app).slice(-2);
    assert.is.not(rejected!.query.access_token, accepted!.query.access_token);
    assert.equal((await row(app, key)).status, 'sent');
  });

  test('a token rejected again after renewal is a retryable failure, not a loop', async ({ app, wang }) => {
    const key = await queue(app, wang);
    const sendsBefore = sendCalls(app).length;
    app.wechat.rejectTokens(true);
    try {
      assert.equal(await dispatch(app), { claimed: 1, sent: 0, retried: 1, failed: 0, cancelled: 0 });
    } finally {
      app.wechat.rejectTokens(false);
    }
    assert.is(sendCalls(app).length, sendsBefore + 2);
    const retried = await row(app, key);
    assert.equal([retried.status, retried.availableAt.getTime()], ['pending', app.clock.now().getTime() + 60_000]);
    assert.match(retried.lastError ?? '', /40001/);
    app.clock.advance(60_000);
    assert.is((await dispatch(app)).sent, 1, 'the retry goes out with a fresh token');
  });

  test('a person without WeChat is cancelled with the reason', async ({ app, zhao }) => {
    const key = await queue(app, zhao);
    const sendsBefore = sendCalls(app).length;
    assert.equal(await dispatch(app), { claimed: 1, sent: 0, retried: 0, failed: 0, cancelled: 1 });
    const cancelled = await row(app, key);
    assert.equal([cancelled.status, cancelled.lastError], ['cancelled', '未绑定微信']);
    assert.is(sendCalls(app).length, sendsBefore);
  });

  test('WeChat being down is retried later; a payload without subscribe content fails at once', async ({ app, wang }) => {
    const key = await queue(app, wang);
    app.wechat.setDown(true);
    try {
      assert.equal((await dispatch(app)).retried, 1);
    } finally {
      app.wechat.setDown(false);
    }
    assert.is((await row(app, key)).status, 'pending');
    app.clock.advance(60_000);
    assert.is((await dispatch(app)).sent, 1);

    const bare = await queue(app, wang, { payload: { title: '没有订阅消息内容' } });
    assert.equal((await dispatch(app)).failed, 1);
    assert.match((await row(app, bare)).lastError ?? '', /payload\.subscribe/);
  });

  test('bot-channel rows are left to the bot', async ({ app, wang }) => {
    await enqueueNotifications(app.running.deps.db, [reminder(wang, 'dispatch:bot-only', { channels: ['bot'] })], app.clock.now(), { dailyBudget: 100 });
    assert.is((await dispatch(app)).claimed, 0);
    assert.is((await row(app, 'dispatch:bot-only:bot')).status, 'pending');
  });

  test.run();
}
