// The engine with its plugins against a scripted API: every command's reply, the quiz's state
// transitions, the server going away mid-quiz, unbound contacts, floods and failures.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ApiError, ServiceUnavailableError, type XuefaApi } from '../../../bot/src/api/client.ts';
import { Engine, FLOOD_REPLY, UNAVAILABLE_REPLY, UNBOUND_REPLY, type Incoming } from '../../../bot/src/engine/engine.ts';
import { MENU } from '../../../bot/src/engine/commands.ts';
import { bindingPlugin } from '../../../bot/src/plugins/binding.ts';
import { dailyPlugin } from '../../../bot/src/plugins/daily.ts';
import { organiserPlugin } from '../../../bot/src/plugins/organiser.ts';
import { ownPlugin } from '../../../bot/src/plugins/own.ts';
import { QUIZ_IDLE_MS, quizPlugin } from '../../../bot/src/plugins/quiz.ts';

const KEY = 'xf0123456789abcdef';
const question = (id: number, type: 'single' | 'multiple' | 'judge' | 'fill') => ({
  kind: 'question' as const, id, versionId: id * 10, externalId: `q${id}`, version: 1, type, stem: `题目${id}`,
  options: type === 'single' || type === 'multiple' ? [{ key: 'A', text: '甲' }, { key: 'B', text: '乙' }, { key: 'C', text: '丙' }] : null,
  blanks: type === 'fill' ? 1 : 0, difficulty: 1, tags: [], citations: [], owner: { kind: 'national' as const, organizationId: null, organizationName: null },
});
const KEYS: Record<number, unknown> = { 1: 'B', 2: ['A', 'C'], 3: true, 4: [['依法治国']] };

/** A scripted server: records calls; `down` makes every call fail as unreachable. */
function fakeApi() {
  const calls: Array<[string, unknown]> = [];
  const state = { down: false, staff: false };
  const guard = (name: string, args: unknown) => {
    calls.push([name, args]);
    if (state.down) throw new ServiceUnavailableError();
  };
  const api = {
    async bind(code: string) { guard('bind', code); if (code !== 'GOODCODE') throw new ApiError('invitation_invalid', '邀请码无效、已使用或已过期', 400); return { contactKey: KEY, name: '王建国' }; },
    async questions(contactKey: string, query: unknown) { guard('questions', { contactKey, query }); return [question(1, 'single'), question(2, 'multiple'), question(3, 'judge'), question(4, 'fill')]; },
    async answer(contactKey: string, body: { questionId: number; response: unknown }) {
      guard('answer', body);
      const key = KEYS[body.questionId];
      const correct = JSON.stringify(body.questionId === 4 ? [(key as string[][])[0]![0]] : key) === JSON.stringify(body.response);
      return { correct, key, explanation: '解析', citations: [], review: null };
    },
    async tasks() { guard('tasks', null); return [{ id: 1, campaign: { id: 1, name: '年度学法' }, requirement: { id: 1, kind: 'study', title: '学法 600 分钟' }, periodKey: '2026', opensAt: '', dueAt: '', state: 'in_progress', progress: { done: 120, required: 600, unit: '分钟' }, missing: '还差 480 分钟', examId: null }]; },
    async messages() { guard('messages', null); return [{ id: '1', kind: 'task_reminder', payload: { text: '请完成学法' }, status: 'sent', channels: [], createdAt: '2026-03-01T02:00:00Z' }]; },
    async exams() { guard('exams', null); return [{ id: 1, title: '春季考试', state: 'closed', countedScore: 92, maxScore: 100, passed: true }]; },
    async linkGroup(body: unknown) { guard('linkGroup', body); if (!state.staff) throw new ApiError('forbidden', '没有权限执行此操作', 403); return { roomKey: '东城县学法群', organizationName: '东城县', dailyCron: '0 9 * * *', answerMinutes: 480, showRanking: false }; },
    async remindExam() { guard('remindExam', null); throw new ApiError('forbidden', '没有权限执行此操作', 403); },
    async progress() { guard('progress', null); throw new ApiError('forbidden', '没有权限执行此操作', 403); },
    async dailyRound(roomKey: string) { guard('dailyRound', roomKey); return { roundId: 1, closesAt: '2026-03-02T09:00:00Z', question: question(1, 'single') }; },
    async answerDaily(roomKey: string, contactKey: string, response: unknown) { guard('answerDaily', { roomKey, contactKey, response }); return { recorded: true, closesAt: '2026-03-02T09:00:00Z' }; },
  };
  return { api: api as unknown as XuefaApi, calls, state };
}

const silent = { warn() {}, error() {}, info() {} };

function setup() {
  let now = Date.parse('2026-03-02T02:00:00Z');
  const fake = fakeApi();
  const engine = new Engine({ api: fake.api, now: () => now, floodPerMinute: 30, logger: silent })
    .use(bindingPlugin(), organiserPlugin(), quizPlugin(), dailyPlugin(), ownPlugin());
  const say = async (text: string, extra: Partial<Incoming> = {}) =>
    (await engine.handle({ contactId: 'c1', remark: KEY, name: '王建国', where: { kind: 'private' }, text, mentioned: false, ...extra })).replies;
  return { ...fake, engine, say, advance: (ms: number) => { now += ms; } };
}

const commands = suite('engine: commands');
commands('help and unknown text get the menu; nothing is silent in a private chat', async () => {
  const { say } = setup();
  assert.equal(await say('帮助'), [MENU]);
  assert.equal(await say('今天天气不错'), [MENU]);
  assert.equal(await say(''), [MENU]);
});
commands('binding gives the contact its key as a remark; a bad code is explained', async () => {
  const { engine } = setup();
  const stranger = { contactId: 'c9', remark: null, name: '新人', where: { kind: 'private' as const }, mentioned: false };
  const bad = await engine.handle({ ...stranger, text: '绑定 WRONG' });
  assert.equal(bad, { replies: ['邀请码无效、已使用或已过期'] });
  const good = await engine.handle({ ...stranger, text: '绑定 GOODCODE' });
  assert.is(good.remark, KEY);
  assert.match(good.replies[0]!, '绑定成功，王建国同志');
  const afterwards = await engine.handle({ ...stranger, text: '我的任务' });
  assert.match(afterwards.replies[0]!, '学法 600 分钟', 'the key bound in this session is used before the remark shows up');
});
commands('binding in a group is refused to keep the code private', async () => {
  const { say, calls } = setup();
  assert.match((await say('绑定 GOODCODE', { where: { kind: 'room', topic: '群' } }))[0]!, '私聊');
  assert.equal(calls, []);
});
commands('unbound contacts get only help and binding', async () => {
  const { say, calls } = setup();
  for (const text of ['练习', '错题', '背题', '我的任务', '我的成绩', '学时', '我的消息', '绑定群 DEMO-E', '提醒 考试 春季', '进度 学法']) {
    assert.equal(await say(text, { remark: null }), [UNBOUND_REPLY], text);
  }
  assert.equal(calls, [], 'nothing reached the server');
});
commands('own tasks, scores, study time and messages', async () => {
  const { say } = setup();
  assert.match((await say('我的任务'))[0]!, '学法 600 分钟（进行中，120/600分钟）：还差 480 分钟');
  assert.match((await say('我的成绩'))[0]!, '春季考试：已结束，成绩 92/100（合格）');
  assert.match((await say('学时'))[0]!, '已计 120 / 要求 600 分钟');
  assert.match((await say('我的消息'))[0]!, '· 03-01 请完成学法');
});
commands('organiser commands: refused for a cadre with the server\'s message; 绑定群 only in a group', async () => {
  const { say, state } = setup();
  assert.equal(await say('提醒 考试 春季'), ['没有权限执行此操作']);
  assert.equal(await say('进度 学法'), ['没有权限执行此操作']);
  assert.match((await say('绑定群 DEMO-E'))[0]!, '请在要绑定的单位工作群内');
  assert.equal(await say('绑定群 DEMO-E', { where: { kind: 'room', topic: '东城县学法群' } }), ['没有权限执行此操作']);
  state.staff = true;
  assert.match((await say('绑定群 DEMO-E', { where: { kind: 'room', topic: '东城县学法群' } }))[0]!, '本群已绑定“东城县”');
});
commands.run();

// ---

const quiz = suite('engine: quiz');
quiz('a quiz runs question by question: every notation accepted, wrong answers reported, a summary at the end', async () => {
  const { say, calls, engine } = setup();
  const started = await say('练习 宪法 4');
  assert.match(started[0]!, '共 4 题');
  assert.match(started[0]!, '第 1/4 题 【单选】题目1');
  assert.equal(calls[0], ['questions', { contactKey: KEY, query: { mode: 'practice', count: 4, statute: '宪法' } }]);
  assert.match((await say('选Ｂ'))[0]!, '✔ 回答正确');
  // A single letter is a valid (wrong) multiple-choice answer: reported with the key, and the quiz moves on.
  assert.match((await say('A'))[0]!, '✘ 回答错误，正确答案：A、C');
  assert.equal(engine.stateOf('c1').quiz?.index, 2);
  assert.match((await say('正确'))[0]!, '✔');
  const last = await say('依法治国');
  assert.match(last[0]!, '✔');
  assert.match(last[1]!, '共 4 题，答对 3 题');
  assert.is(engine.stateOf('c1').quiz, undefined);
  assert.equal(calls.filter(([name]) => name === 'answer').map(([, body]) => (body as { response: unknown; mode: string }).response), ['B', ['A'], true, ['依法治国']]);
  assert.ok(calls.filter(([name]) => name === 'answer').every(([, body]) => (body as { mode: string }).mode === 'statute'));
});
quiz('an unreadable answer asks again without moving on; a command in a quiz is a command; 结束 ends it', async () => {
  const { say, engine } = setup();
  await say('练习');
  assert.match((await say('不知道'))[0]!, '请回复选项字母');
  assert.is(engine.stateOf('c1').quiz?.index, 0);
  assert.match((await say('我的成绩'))[0]!, '春季考试');
  assert.is(engine.stateOf('c1').quiz?.index, 0);
  assert.equal(await say('结束'), ['已结束练习：答对 0/0 题。']);
  assert.equal(await say('结束'), ['当前没有进行中的练习。']);
});
quiz('the server going away mid-quiz keeps the question; the same answer goes through once it is back', async () => {
  const { say, state, engine } = setup();
  await say('练习');
  state.down = true;
  assert.equal(await say('B'), [UNAVAILABLE_REPLY]);
  assert.is(engine.stateOf('c1').quiz?.index, 0);
  state.down = false;
  assert.match((await say('B'))[0]!, '✔');
  assert.is(engine.stateOf('c1').quiz?.index, 1);
});
quiz('after a restart or a long pause, an answer is told the quiz has ended', async () => {
  const { say, advance, engine } = setup();
  assert.match((await say('A'))[0]!, '当前没有进行中的练习');
  await say('练习');
  advance(QUIZ_IDLE_MS + 1);
  assert.match((await say('B'))[0]!, '当前没有进行中的练习');
  assert.is(engine.stateOf('c1').quiz, undefined);
});
quiz.run();

// ---

const robustness = suite('engine: robustness');
robustness('a flood from one contact is answered once, then ignored; others are served', async () => {
  const fake = fakeApi();
  const engine = new Engine({ api: fake.api, now: () => 0, floodPerMinute: 3, logger: silent }).use(ownPlugin());
  const from = (contactId: string) => engine.handle({ contactId, remark: KEY, name: 'x', where: { kind: 'private' }, text: '帮助', mentioned: false });
  const replies = [];
  for (let i = 0; i < 6; i++) replies.push((await from('flooder')).replies);
  assert.equal(replies.slice(3), [[FLOOD_REPLY], [], []]);
  assert.equal((await from('other')).replies, [MENU]);
});
robustness('a plugin that throws becomes an apology, not a crash', async () => {
  const fake = fakeApi();
  const engine = new Engine({ api: fake.api, floodPerMinute: 30, logger: silent }).use({ name: 'broken', async handle() { throw new TypeError('boom'); } });
  const outcome = await engine.handle({ contactId: 'c', remark: null, name: 'x', where: { kind: 'private' }, text: '帮助', mentioned: false });
  assert.match(outcome.replies[0]!, '出了点问题');
});
robustness('messages of one contact are handled in order even when they arrive together', async () => {
  const { engine } = setup();
  const base = { contactId: 'c1', remark: KEY, name: '王建国', where: { kind: 'private' as const }, mentioned: false };
  const [start, first] = await Promise.all([engine.handle({ ...base, text: '练习' }), engine.handle({ ...base, text: 'B' })]);
  assert.match(start.replies[0]!, '第 1/4 题');
  assert.match(first.replies[0]!, '✔');
});
robustness.run();

// ---

const group = suite('engine: group messages');
group('chat in a group is ignored; an @mention gets the menu; answers are recorded briefly without the key', async () => {
  const { say, calls } = setup();
  const inRoom = { where: { kind: 'room' as const, topic: '东城县学法群' } };
  assert.equal(await say('大家好', inRoom), []);
  assert.equal(await say('大家好', { ...inRoom, mentioned: true }), [MENU]);
  const recorded = await say('b', inRoom);
  assert.match(recorded[0]!, '@王建国 已记录您的作答');
  assert.not.match(recorded[0]!, '正确');
  assert.equal(calls.at(-1), ['answerDaily', { roomKey: '东城县学法群', contactKey: KEY, response: 'B' }]);
  assert.match((await say('A', { ...inRoom, remark: null }))[0]!, '请先私聊我发送“绑定 邀请码”');
  assert.match((await say('每日一题', inRoom))[0]!, '【每日一题】');
});
group.run();
