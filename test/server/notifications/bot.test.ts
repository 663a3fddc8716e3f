// The bot's delivery API: shared-key authentication, claims that never overlap, acks only
// by the claimer, timed-out claims returning to the queue, and back-off after failures.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { enqueueNotifications } from '../../../server/src/notifications/outbox.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';
import { BOT_KEY, reminder, userIdByPhone } from './support.ts';

type Context = { app: TestApp; wang: number; li: number };

const CLAIM = '/api/bot/notifications/claim';
const ack = (id: string) => `/api/bot/notifications/${id}/ack`;
const asBot = { headers: { 'x-bot-key': BOT_KEY } };

for (const dialect of testDialects()) {
  const test = suite<Context>(`bot notification API [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { BOT_API_KEY: BOT_KEY, NOTIFY_DAILY_BUDGET: '100', NOTIFY_CLAIM_TIMEOUT_SECONDS: '120' });
    context.wang = await userIdByPhone(context.app, '13900000011');
    context.li = await userIdByPhone(context.app, '13900000012');
  });
  test.after(async ({ app }) => app.close());

  let serial = 0;
  /** Queues `count` bot reminders and returns their dedupe keys. */
  async function queue(app: TestApp, userId: number, count: number): Promise<string[]> {
    const items = Array.from({ length: count }, () => reminder(userId, `bot-test:${++serial}`, { channels: ['bot'] }));
    await enqueueNotifications(app.running.deps.db, items, app.clock.now(), { dailyBudget: 100 });
    return items.map((item) => `${item.dedupeKey}:bot`);
  }
  const claim = (app: TestApp, botId: string, limit = 100) => app.call('POST', CLAIM, { ...asBot, body: { botId, limit } });
  const rowById = (app: TestApp, id: string) => app.running.deps.db.notificationOutbox.findUniqueOrThrow({ where: { id: BigInt(id) } });
  /** Claims everything due as a sink bot and acknowledges it, so each test starts with an empty queue. */
  async function drain(app: TestApp) {
    for (const item of (await claim(app, 'sink')).body.data as Array<{ id: string }>) await app.call('POST', ack(item.id), { ...asBot, body: { botId: 'sink', outcome: 'sent' } });
  }

  test('a missing or wrong key is 401, also with a user token; the key is checked exactly', async ({ app }) => {
    const admin = await app.tokenFor({ username: 'admin' });
    const cases = [
      await app.call('POST', CLAIM, { body: { botId: 'bot-a', limit: 1 } }),
      await app.call('POST', CLAIM, { token: admin, body: { botId: 'bot-a', limit: 1 } }),
      await app.call('POST', CLAIM, { headers: { 'x-bot-key': 'wrong-key' }, body: { botId: 'bot-a', limit: 1 } }),
      await app.call('POST', CLAIM, { headers: { 'x-bot-key': `${BOT_KEY}x` }, body: { botId: 'bot-a', limit: 1 } }),
      await app.call('POST', ack('1'), { headers: { 'x-bot-key': BOT_KEY.toUpperCase() }, body: { botId: 'bot-a', outcome: 'sent' } }),
    ];
    assert.equal(cases.map((r) => [r.status, r.body.error.code]), Array(5).fill([401, 'bot_key_invalid']));
    assert.is((await claim(app, 'bot-a', 1)).status, 200);
  });

  test('claims carry the recipient and payload; the limit is 1–100', async ({ app, wang }) => {
    await drain(app);
    await app.running.deps.db.wechatIdentity.create({ data: { openid: 'openid-wang-bot', sessionKey: 'sk', userId: wang } });
    const [key] = await queue(app, wang, 1);
    const response = await claim(app, 'bot-a', 5);
    assert.is(response.status, 200);
    const row = await app.running.deps.db.notificationOutbox.findUniqueOrThrow({ where: { dedupeKey: key! } });
    assert.equal(response.body.data, [{
      id: String(row.id), userId: wang, kind: 'task_reminder', payload: reminder(wang, 'x').payload, attempts: 1,
      recipient: { name: '王建国', wechatOpenid: 'openid-wang-bot' },
    }]);
    assert.equal([row.status, row.claimedBy, row.attempts], ['claimed', 'bot-a', 1]);
    for (const limit of [0, 101]) assert.is((await app.call('POST', CLAIM, { ...asBot, body: { botId: 'bot-a', limit } })).status, 400);
    assert.is((await app.call('POST', CLAIM, { ...asBot, body: { limit: 5 } })).status, 400);
    await app.call('POST', ack(String(row.id)), { ...asBot, body: { botId: 'bot-a', outcome: 'sent' } });
  });

  test('two bots claiming concurrently never get the same row', async ({ app, wang, li }) => {
    await drain(app);
    await queue(app, wang, 15);
    await queue(app, li, 15);
    const [a, b] = await Promise.all([claim(app, 'bot-a', 20), claim(app, 'bot-b', 20)]);
    const idsA: string[] = a.body.data.map((n: { id: string }) => n.id);
    const idsB: string[] = b.body.data.map((n: { id: string }) => n.id);
    assert.equal(idsA.filter((id) => idsB.includes(id)), []);
    assert.is(idsA.length + idsB.length, 30, `${idsA.length} + ${idsB.length}`);
    const rows = await app.running.deps.db.notificationOutbox.findMany({ where: { id: { in: [...idsA, ...idsB].map(BigInt) } } });
    assert.ok(rows.every((r) => r.status === 'claimed' && r.claimedBy === (idsA.includes(String(r.id)) ? 'bot-a' : 'bot-b') && r.attempts === 1));
    assert.equal((await claim(app, 'bot-c')).body.data, [], 'nothing left to claim');
    for (const [bot, ids] of [['bot-a', idsA], ['bot-b', idsB]] as const) {
      for (const id of ids) await app.call('POST', ack(id), { ...asBot, body: { botId: bot, outcome: 'sent' } });
    }
  });

  test('the claimer\'s ack marks sent (repeatable); another bot\'s ack is 409', async ({ app, wang }) => {
    await drain(app);
    await queue(app, wang, 1);
    const id: string = (await claim(app, 'bot-a')).body.data[0].id;
    const foreign = await app.call('POST', ack(id), { ...asBot, body: { botId: 'bot-b', outcome: 'sent' } });
    assert.equal([foreign.status, foreign.body.error.code], [409, 'notification_not_claimed']);
    const sent = await app.call('POST', ack(id), { ...asBot, body: { botId: 'bot-a', outcome: 'sent' } });
    assert.equal([sent.status, sent.body.data], [200, { id, status: 'sent', availableAt: null }]);
    const row = await rowById(app, id);
    assert.equal([row.status, row.sentAt?.getTime()], ['sent', app.clock.now().getTime()]);
    assert.is((await app.call('POST', ack(id), { ...asBot, body: { botId: 'bot-a', outcome: 'sent' } })).status, 200, 'a lost response may be retried');
    assert.is((await app.call('POST', ack(id), { ...asBot, body: { botId: 'bot-a', outcome: 'failed' } })).status, 409, 'but not turned into a failure');
    assert.is((await app.call('POST', ack('999999999'), { ...asBot, body: { botId: 'bot-a', outcome: 'sent' } })).status, 404);
    assert.is((await app.call('POST', ack('abc'), { ...asBot, body: { botId: 'bot-a', outcome: 'sent' } })).status, 400);
  });

  test('an unacknowledged claim returns to the queue after the timeout; the late ack is refused', async ({ app, li }) => {
    await drain(app);
    await queue(app, li, 1);
    const id: string = (await claim(app, 'bot-a')).body.data[0].id;
    app.clock.advance(119_000);
    assert.equal((await claim(app, 'bot-b')).body.data, [], 'not before the timeout');
    app.clock.advance(2_000);
    const again = (await claim(app, 'bot-b')).body.data;
    assert.equal(again.map((n: { id: string; attempts: number }) => [n.id, n.attempts]), [[id, 2]]);
    const row = await rowById(app, id);
    assert.equal([row.status, row.claimedBy, row.attempts], ['claimed', 'bot-b', 2]);
    assert.is((await app.call('POST', ack(id), { ...asBot, body: { botId: 'bot-a', outcome: 'sent' } })).status, 409);
    assert.is((await app.call('POST', ack(id), { ...asBot, body: { botId: 'bot-b', outcome: 'sent' } })).status, 200);
  });

  test('a failed ack backs off 1 min × attempts, and the fifth failure is final', async ({ app, wang }) => {
    await drain(app);
    await queue(app, wang, 1);
    let id = '';
    for (let attempt = 1; attempt <= 4; attempt++) {
      const claimed = (await claim(app, 'bot-a')).body.data;
      assert.is(claimed.length, 1, `attempt ${attempt} claimed`);
      id = claimed[0].id;
      assert.is(claimed[0].attempts, attempt);
      const failed = await app.call('POST', ack(id), { ...asBot, body: { botId: 'bot-a', outcome: 'failed', error: '联系人不存在' } });
      const retryAt = new Date(app.clock.now().getTime() + attempt * 60_000).toISOString();
      assert.equal(failed.body.data, { id, status: 'pending', availableAt: retryAt });
      app.clock.advance(attempt * 60_000 - 1_000);
      assert.equal((await claim(app, 'bot-a')).body.data, [], `still backing off after attempt ${attempt}`);
      app.clock.advance(1_000);
    }
    const last = (await claim(app, 'bot-a')).body.data;
    assert.is(last[0].attempts, 5);
    const final = await app.call('POST', ack(id), { ...asBot, body: { botId: 'bot-a', outcome: 'failed', error: '联系人不存在' } });
    assert.equal(final.body.data, { id, status: 'failed', availableAt: null });
    const row = await rowById(app, id);
    assert.equal([row.status, row.lastError, row.attempts], ['failed', '联系人不存在', 5]);
    app.clock.advance(3_600_000);
    assert.equal((await claim(app, 'bot-a')).body.data, []);
  });

  test('a claim abandoned on its last attempt ends failed instead of going round again', async ({ app, li }) => {
    await drain(app);
    const [key] = await queue(app, li, 1);
    await app.running.deps.db.notificationOutbox.update({ where: { dedupeKey: key! }, data: { attempts: 4 } });
    assert.is((await claim(app, 'bot-a')).body.data[0].attempts, 5);
    app.clock.advance(121_000);
    assert.equal((await claim(app, 'bot-b')).body.data, []);
    const row = await app.running.deps.db.notificationOutbox.findUniqueOrThrow({ where: { dedupeKey: key! } });
    assert.is(row.status, 'failed');
  });

  test.run();
}

// ---

const disabled = suite<{ app: TestApp }>('bot notification API without BOT_API_KEY', {} as { app: TestApp });
disabled.before(async (context) => { context.app = await startTestApp('sqlite'); });
disabled.after(async ({ app }) => app.close());

disabled('answers 503 with a Chinese explanation', async ({ app }) => {
  const response = await app.call('POST', CLAIM, { ...asBot, body: { botId: 'bot-a', limit: 1 } });
  assert.equal([response.status, response.body.error.code], [503, 'bot_api_disabled']);
  assert.match(response.body.error.message, /BOT_API_KEY/);
});

disabled.run();
