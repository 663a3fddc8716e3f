// The whole bot on wechaty-puppet-mock against a real Xuefa server (SQLite, demo seed, the
// shipped bank): binding, a quiz whose wrong answer reaches the 错题本, the daily question in a
// group with its unit summary, reminders delivered and acknowledged, the server going away
// mid-quiz, an unbound stranger, and an organiser command refused for a cadre.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import pino from 'pino';
import { UNAVAILABLE_REPLY, UNBOUND_REPLY } from '../../../bot/src/engine/engine.ts';
import { botDailyQuestion } from '../../../server/src/jobs/bot-daily-question.ts';
import { enqueueNotifications } from '../../../server/src/notifications/outbox.ts';
import { startServer, type Running } from '../../../server/src/server.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { BOT_KEY, invitationFor, startBotWorld, type BotWorld, type Person } from '../support.ts';

// 08:30 in Beijing; linked groups post the daily question at 09:00 by default.
const START = new Date('2026-03-02T00:30:00Z');
const MINUTE = 60_000;

type Context = { app: TestApp; world: BotWorld; wang: Person; restarted?: Running };

/** The text that answers a question right (or wrong), written the way people type. */
function replyFor(question: { type: string; options: Array<{ key: string }> | null }, key: unknown, right: boolean): string {
  if (question.type === 'judge') return (key === right) ? '对' : '错';
  if (question.type === 'fill') return (key as string[][]).map((accepted) => (right ? accepted[0] : '不知道的内容')).join(' ');
  const keys = Array.isArray(key) ? key as string[] : [key as string];
  if (right) return question.type === 'multiple' ? keys.join(' ').toLowerCase() : `选${keys[0]}`;
  const other = question.options!.map((o) => o.key).find((k) => !keys.includes(k));
  // A multiple-choice key may be every option: then one option short is the wrong answer.
  if (question.type === 'multiple') return other ?? keys.slice(1).join('');
  return other!.toLowerCase();
}

const test = suite<Context>('bot end to end [sqlite]', {} as Context);
test.before(async (context) => {
  context.app = await startTestApp('sqlite', { BOT_API_KEY: BOT_KEY, LOAD_BANK: 'full', NOTIFY_DAILY_BUDGET: '100' });
  context.app.clock.set(START);
  context.world = await startBotWorld(context.app);
});
test.after(async (c) => {
  const { app, world } = c;
  await world.stop();
  // TestApp.close stops the server it started; the one started again mid-test is ours to stop.
  await c.restarted?.close();
  await app.close();
});

const db = (c: Context) => c.app.running.deps.db;
const keyOf = async (c: Context, versionId: number) => (await db(c).questionVersion.findUniqueOrThrow({ where: { id: versionId } })).answer;

test('binding: 绑定 with an invitation code gives the contact its key as a remark', async (c) => {
  c.wang = c.world.person('王建国');
  await c.world.say(c.wang, `绑定 ${await invitationFor(c.app, '13900000011')}`);
  assert.match(c.wang.inbox.at(-1)!, '绑定成功，王建国同志您好');
  const binding = await db(c).botContact.findFirstOrThrow({ where: { userId: (await db(c).user.findUniqueOrThrow({ where: { phone: '13900000011' } })).id } });
  assert.is(c.world.mocker.contactPayload(c.wang.contact.id).alias, binding.contactKey);
});

test('a foreign contact that is not bound gets only binding, and the server is not asked for scores', async (c) => {
  const stranger = c.world.person('陌生人');
  await c.world.say(stranger, '我的成绩');
  assert.equal(stranger.inbox, [UNBOUND_REPLY]);
  assert.is(await db(c).auditLog.count({ where: { action: 'bot.exams.read' } }), 0);
});

test('a 3-question quiz with one wrong answer: feedback each time, and the wrong one is in the 错题本 over the API', async (c) => {
  const { world, wang } = c;
  await world.say(wang, '练习 宪法 3');
  assert.match(wang.inbox.at(-1)!, '第 1/3 题');
  const quiz = world.assembled.engine.stateOf(wang.contact.id).quiz!;
  const asked = [...quiz.items];
  for (const [index, question] of asked.entries()) {
    await world.say(wang, replyFor(question, await keyOf(c, question.versionId), index !== 1));
  }
  const feedback = wang.inbox.filter((text) => /回答(正确|错误)/.test(text));
  assert.equal(feedback.map((text) => text.startsWith('✔')), [true, false, true]);
  assert.match(wang.inbox.at(-1)!, '共 3 题，答对 2 题');
  const mistakes = await c.app.call('GET', '/api/practice/mistakes', { token: await c.app.tokenFor({ phone: '13900000011' }) });
  assert.equal(mistakes.body.data.map((m: { questionId: number }) => m.questionId), [asked[1]!.id]);
});

test('the server stopped mid-quiz: the bot keeps running, says so, and takes the answer again once it is back', async (c) => {
  const { world, wang, app } = c;
  await world.say(wang, '练习 宪法 2');
  const question = world.assembled.engine.stateOf(wang.contact.id).quiz!.items[0]!;
  const answer = replyFor(question, await keyOf(c, question.versionId), true);
  const config = app.running.deps.config;
  const port = new URL(app.running.url).port;
  await app.running.close();
  await world.say(wang, answer);
  assert.is(wang.inbox.at(-1), UNAVAILABLE_REPLY);
  app.running = c.restarted = await startServer({ ...config, PORT: Number(port) }, pino({ level: 'silent' }), { clock: app.clock });
  await world.say(wang, answer);
  assert.match(wang.inbox.at(-2)!, '✔ 回答正确');
  assert.match(wang.inbox.at(-1)!, '第 2/2 题');
  await world.say(wang, '结束');
});

test('an organiser command from a cadre is refused with the server\'s message', async (c) => {
  await c.world.say(c.wang, '进度 学法');
  assert.is(c.wang.inbox.at(-1), '没有权限执行此操作');
  await c.world.say(c.wang, '提醒 考试 春季');
  assert.is(c.wang.inbox.at(-1), '没有权限执行此操作');
});

test('the daily question: posted in the linked group, answered by three members, the unit summary posted', async (c) => {
  const { world, app } = c;
  const organiser = world.person('吴组织');
  await world.say(organiser, `绑定 ${await invitationFor(app, '13900000003', 'admin')}`);
  const li = world.person('李卫东');
  await world.say(li, `绑定 ${await invitationFor(app, '13900000012')}`);
  const zhao = world.person('赵敏');
  await world.say(zhao, `绑定 ${await invitationFor(app, '13900000013')}`);
  const group = world.group('东城县学法群', [organiser, c.wang, li, zhao]);
  await world.say(c.wang, '绑定群 DEMO-E', group);
  assert.is(group.posts.at(-1), '没有权限执行此操作');
  await world.say(organiser, '绑定群 DEMO-E', group);
  assert.match(group.posts.at(-1)!, '本群已绑定“东城县”');

  app.clock.set(new Date(START.getTime() + 30 * MINUTE));
  assert.equal(await botDailyQuestion.run(app.running.deps, app.clock.now()), { opened: 1, closed: 0 });
  assert.equal(await world.assembled.reminders.pollOnce(), { sent: 1, failed: 0 });
  assert.match(group.posts.at(-1)!, '【每日一题】');
  const round = await db(c).botDailyRound.findFirstOrThrow();
  const question = await db(c).questionVersion.findUniqueOrThrow({ where: { id: round.versionId } });
  const shape = { type: question.type, options: question.options as Array<{ key: string }> | null };
  const prefix = question.type === 'fill' ? '答：' : '';
  await world.say(c.wang, prefix + replyFor(shape, question.answer, true), group);
  assert.match(group.posts.at(-1)!, '@王建国 已记录您的作答');
  await world.say(li, prefix + replyFor(shape, question.answer, false), group);
  await world.say(zhao, prefix + replyFor(shape, question.answer, true), group);
  await world.say(zhao, prefix + replyFor(shape, question.answer, false), group);
  assert.match(group.posts.at(-1)!, '@赵敏 您已作答过，以第一次为准');
  assert.not.ok(group.posts.some((post) => post.includes('正确答案')), 'no key before the close');

  app.clock.set(new Date(round.closesAt.getTime() + MINUTE));
  assert.equal(await botDailyQuestion.run(app.running.deps, app.clock.now()), { opened: 0, closed: 1 });
  assert.equal(await world.assembled.reminders.pollOnce(), { sent: 1, failed: 0 });
  const summary = group.posts.at(-1)!;
  assert.match(summary, '【每日一题】答案：');
  assert.match(summary, '东城县人民政府办公室：1/1 人参与（100%），正确率 100%');
  assert.match(summary, '东城县公安局：2/2 人参与（100%），正确率 50%');
  assert.not.match(summary, '王建国', 'no names unless the organiser turned the ranking on');
  assert.equal((await db(c).notificationOutbox.findMany({ where: { kind: { startsWith: 'group_daily' } } })).map((row) => row.status), ['sent', 'sent']);
});

test('reminders queued by the server: delivered and acked sent; an unreachable contact acked failed with the reason', async (c) => {
  const { world, app } = c;
  const userId = async (phone: string) => (await db(c).user.findUniqueOrThrow({ where: { phone } })).id;
  // 孙丽华 is bound (by phone, as in development) but the bot has no such contact; 钱志强 never bound.
  await app.call('POST', '/api/bot/dev/contacts', { headers: { 'x-bot-key': BOT_KEY }, body: { phone: '13900000021' } });
  const items = [
    { userId: await userId('13900000011'), kind: 'task_reminder', dedupeKey: 'e2e:wang', payload: { text: '请在本月底前完成学法 600 分钟' }, channels: ['bot' as const] },
    { userId: await userId('13900000021'), kind: 'task_reminder', dedupeKey: 'e2e:sun', payload: { text: '提醒孙丽华' }, channels: ['bot' as const] },
    { userId: await userId('13900000022'), kind: 'task_reminder', dedupeKey: 'e2e:qian', payload: { text: '提醒钱志强' }, channels: ['bot' as const] },
  ];
  await enqueueNotifications(db(c), items, app.clock.now(), { dailyBudget: 100 });
  assert.equal(await world.assembled.reminders.pollOnce(), { sent: 1, failed: 2 });
  assert.is(c.wang.inbox.at(-1), '请在本月底前完成学法 600 分钟');
  const rows = await db(c).notificationOutbox.findMany({ where: { dedupeKey: { startsWith: 'e2e:' } }, orderBy: { id: 'asc' } });
  assert.equal(rows.map((row) => [row.dedupeKey, row.status, row.claimedBy]), [
    ['e2e:wang:bot', 'sent', 'e2e-bot'], ['e2e:sun:bot', 'pending', 'e2e-bot'], ['e2e:qian:bot', 'pending', 'e2e-bot'],
  ]);
  assert.match(rows[1]!.lastError!, '找不到备注为');
  assert.match(rows[2]!.lastError!, '尚未在机器人绑定');
  assert.is(world.assembled.reminders.unacknowledged, 0);
  await world.say(c.wang, '我的消息');
  assert.match(c.wang.inbox.at(-1)!, '请在本月底前完成学法 600 分钟');
});

test('背题: questions with key, explanation and article', async (c) => {
  await c.world.say(c.wang, '背题 宪法 2');
  const cards = c.wang.inbox.slice(-2);
  assert.ok(cards.every((card) => /^背题 \d\/2 【/.test(card) && card.includes('答案：') && card.includes('《中华人民共和国宪法》')), cards.join('\n---\n'));
});

test.run();
