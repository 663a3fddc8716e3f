// The exam pages in miniprogram-simulate against a real server: the list, the start confirmation,
// the paper with its answer card, countdown and answer queue (autosaves, a killed app resumed, a
// network outage), submit, and the result with only what the review options allow.
import './setup.ts';
import './wx-env.ts';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { detachAll, openPage, simulate, tap, textOf, until, type Opened } from './pages.ts';
import { signInAs, startMiniprogramServer, wxEnv, type MiniprogramServer } from './wx-env.ts';

type Context = { server: MiniprogramServer; organiser: string; eastId: number };
const CADRE = '13900000011';

async function createExam(c: Context, blueprint: Record<string, unknown>, exam: Record<string, unknown> = {}) {
  const app = c.server.app;
  const points = { single: 2, multiple: 4, judge: 1, fill: 3 };
  const bp = await app.call('POST', '/api/blueprints', { token: c.organiser, body: { name: '测试试卷', organizationId: c.eastId, kind: 'random', points, passMark: 1, timeLimitMinutes: 30, ...blueprint } });
  if (bp.status !== 201) throw new Error(JSON.stringify(bp.body));
  const now = app.clock.now().getTime();
  const created = await app.call('POST', '/api/exams', { token: c.organiser, body: {
    title: '宪法知识考试', blueprintId: bp.body.data.id, opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 3_600_000).toISOString(),
    audience: { organizationIds: [c.eastId] }, ...exam,
  } });
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  return created.body.data as { id: number; title: string };
}

const list = suite<Context>('pages/exam/index', {} as Context);
list.before(async (c) => {
  c.server = await startMiniprogramServer({ LOAD_BANK: 'full' });
  c.organiser = await c.server.app.tokenFor({ username: 'organiser-east' });
  c.eastId = (await c.server.app.running.deps.db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E' } })).id;
});
list.before.each(async (c) => { wxEnv.reset(); await signInAs(c.server, { phone: CADRE }); });
list.after.each(detachAll);
list.after(async (c) => c.server.close());

list('with no exams shows the empty state', async () => {
  const page = await openPage('pages/exam/index');
  await until(() => page.data.status !== 'loading', 'list loaded');
  assert.is(page.data.status, 'empty');
  assert.match(textOf(page), '目前没有需要参加的考试');
});

list('groups exams by state with window, rules and the next step', async (c) => {
  const open = await createExam(c, { rules: [{ type: 'judge', count: 2 }] }, { title: '开放中的考试' });
  const now = c.server.app.clock.now().getTime();
  await createExam(c, { rules: [{ type: 'judge', count: 2 }] }, { title: '下周的考试', opensAt: new Date(now + 7 * 86_400_000).toISOString(), closesAt: new Date(now + 8 * 86_400_000).toISOString() });
  const page = await openPage('pages/exam/index');
  await until(() => page.data.status === 'ready', 'list loaded');
  assert.equal(page.data.groups.map((g: { title: string }) => g.title), ['可参加', '未开始']);
  const text = textOf(page);
  assert.match(text, '开放中的考试');
  assert.match(text, '限时 30 分钟');
  assert.match(text, '已考 0/1 次');
  assert.match(text, '下周的考试');
  await tap(page, '.exam-action--start', '.t-button');
  assert.equal(wxEnv.lastNavigation(), { kind: 'navigateTo', url: `/pkg-exam/confirm/index?examId=${open.id}`, delta: undefined });
});

list('a server error shows the error state, and retry loads again', async (c) => {
  wxEnv.offline = true;
  const page = await openPage('pages/exam/index');
  await until(() => page.data.status !== 'loading', 'list failed', 10_000);
  assert.is(page.data.status, 'error');
  assert.match(textOf(page), '网络连接失败');
  wxEnv.offline = false;
  await tap(page.querySelector('.page-state')!, '.state__retry', '.t-button');
  await until(() => page.data.status === 'ready', 'list reloaded');
});

list.run();

// ---

type Paper = Opened;
const netListeners = new Set<(result: { isConnected: boolean }) => void>();
Object.assign(wx, {
  onNetworkStatusChange: (listener: (result: { isConnected: boolean }) => void) => { netListeners.add(listener); },
  offNetworkStatusChange: (listener: (result: { isConnected: boolean }) => void) => { netListeners.delete(listener); },
});
const networkBack = () => { wxEnv.offline = false; for (const listener of netListeners) listener({ isConnected: true }); };

async function openPaper(attemptId: number): Promise<Paper> {
  const page = await openPage('pkg-exam/paper/index', { attemptId: String(attemptId) });
  await until(() => page.data.status !== 'loading', 'paper loaded');
  assert.is(page.data.status, 'ready', page.data.message);
  return page;
}

/** Answers the question on screen through the question component, as a finger would. */
async function answerShown(page: Paper, choice = 0): Promise<void> {
  const question = page.querySelector('.paper-question')!;
  const { type, options, blanks } = page.data.question;
  if (type === 'fill') {
    for (let i = 0; i < blanks; i++) question.querySelector(`.blank-${i}`)!.querySelector('.t-input__control')!.dispatchEvent('input', { detail: { value: `答案${choice}-${i}` } });
    await simulate.sleep(0);
    page.instance.saveTyping();
    return;
  }
  const keys = type === 'judge' ? ['true', 'false'] : options.map((o: { key: string }) => o.key);
  await tap(question, `.option-${keys[choice % keys.length]}`);
  if (type === 'multiple') await tap(question, `.option-${keys[(choice + 1) % keys.length]}`);
}

async function stored(c: Context, attemptId: number) {
  const items = await c.server.app.running.deps.db.attemptItem.findMany({ where: { attemptId }, orderBy: { ordinal: 'asc' }, select: { ordinal: true, response: true, responseSeq: true } });
  return new Map(items.map((i) => [i.ordinal, { response: i.response, seq: i.responseSeq }]));
}

const saved = (page: Paper) => until(() => page.data.saveStatus === 'saved', 'every answer saved');
const attemptFrom = (url = '') => Number(/attemptId=(\d+)/.exec(url)?.[1]);
const MIXED = [{ type: 'judge', count: 2 }, { statute: 'xianfa', type: 'single', count: 2 }, { statute: 'xianfa', type: 'multiple', count: 1 }, { statute: 'xianfa', type: 'fill', count: 1 }];

const journey = suite<Context>('pkg-exam journey', {} as Context);
journey.before(async (c) => {
  c.server = await startMiniprogramServer({ LOAD_BANK: 'full' });
  c.organiser = await c.server.app.tokenFor({ username: 'organiser-east' });
  c.eastId = (await c.server.app.running.deps.db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E' } })).id;
});
journey.before.each(async (c) => { wxEnv.reset(); await signInAs(c.server, { phone: CADRE }); });
journey.after.each(detachAll);
journey.after(async (c) => c.server.close());

journey('start, autosave, app killed, resumed with every answer, submit with a warning, result as the review options allow', async (c) => {
  const exam = await createExam(c, { rules: MIXED, passMark: 5 }, { reviewAfterSubmit: { score: true, correctness: true, keys: true, explanations: false } });
  const confirm = await openPage('pkg-exam/confirm/index', { examId: String(exam.id) });
  await until(() => confirm.data.status === 'ready', 'rules shown');
  const rules = textOf(confirm);
  for (const text of ['30 分钟', '共 1 次，已用 0 次', '5 分及格']) assert.match(rules, text);
  await tap(confirm, '.start', '.t-button');
  // Asked within the tap itself (template ids fetched beforehand): a phone refuses the dialog after anything asynchronous.
  assert.equal(wxEnv.subscribeRequests, [['dev-template-task']], 'reminder consent asked at once on the tap');
  await until(() => wxEnv.lastNavigation()?.kind === 'redirectTo', 'started');
  const attemptId = attemptFrom(wxEnv.lastNavigation()!.url);
  assert.ok(attemptId > 0);

  const first = await openPaper(attemptId);
  assert.is(first.data.total, 6);
  assert.match(textOf(first), '已保存');
  assert.match(first.data.countdown, /^(30:00|29:5\d)$/);
  for (let i = 0; i < 4; i++) {
    await answerShown(first, i);
    await tap(first, '.next', '.t-button');
  }
  await saved(first);
  await tap(first, '.previous', '.t-button');
  await answerShown(first, 1); // the fourth question answered again
  await saved(first);
  let server = await stored(c, attemptId);
  assert.equal([1, 2, 3, 4].map((n) => server.get(n)!.response !== null), [true, true, true, true], 'four answers on the server');
  assert.is(server.get(5)!.response, null);
  const fourth = server.get(4)!;
  assert.ok(fourth.seq > Math.max(server.get(1)!.seq, server.get(2)!.seq, server.get(3)!.seq), 'the changed answer has the newest sequence number');

  // The fifth answer is given offline, then the app is killed: it lives only in storage.
  wxEnv.offline = true;
  await tap(first, '.next', '.t-button');
  await answerShown(first, 0);
  await until(() => first.data.saveStatus === 'offline', 'offline shown');
  assert.match(textOf(first), '离线 · 1 题待保存');
  const shownBeforeKill = first.data.selection;
  first.instance.stop();
  detachAll();
  assert.is((await stored(c, attemptId)).get(5)!.response, null, 'not on the server yet');

  wxEnv.offline = false;
  const second = await openPaper(attemptId);
  await saved(second);
  assert.is(second.data.answeredCount, 5, 'every saved answer is back, the queued one too');
  assert.is(second.data.ordinal, 6, 'opens at the first unanswered question');
  server = await stored(c, attemptId);
  assert.equal(server.get(4), fourth, 'nothing re-applied');
  assert.ok(server.get(5)!.response !== null, 'the queued answer reached the server after the restart');
  second.instance.go(4);
  assert.equal(second.data.selection, shownBeforeKill);

  // Submit with one question unanswered: the warning names it; cancelling keeps the paper.
  second.instance.go(5);
  wxEnv.modalConfirms = false;
  await tap(second, '.submit', '.t-button');
  await until(() => wxEnv.modals.length === 1, 'warning shown');
  assert.match(wxEnv.modals[0]!.content!, '还有 1 题未作答（第 6 题）');
  assert.is((await c.server.app.running.deps.db.attempt.findUniqueOrThrow({ where: { id: attemptId } })).status, 'in_progress');
  await answerShown(second, 2);
  wxEnv.modalConfirms = true;
  await tap(second, '.submit', '.t-button');
  await until(() => wxEnv.lastNavigation()?.url === `/pkg-exam/result/index?attemptId=${attemptId}`, 'result opened');
  assert.match(wxEnv.modals[1]!.content!, '交卷后不能再修改');
  const attempt = await c.server.app.running.deps.db.attempt.findUniqueOrThrow({ where: { id: attemptId } });
  assert.is(attempt.status, 'submitted');
  assert.ok((await stored(c, attemptId)).get(6)!.response !== null, 'the last answer was saved before submitting');
  assert.not.ok([...wxEnv.storage.keys()].some((key) => key.startsWith('xuefa.exam-answers.')), 'the queue is forgotten after submit');

  const result = await openPage('pkg-exam/result/index', { attemptId: String(attemptId) });
  await until(() => result.data.status === 'ready', 'result loaded');
  const text = textOf(result);
  assert.match(text, `${attempt.score}`);
  assert.match(text, attempt.passed ? '及格' : '不及格');
  assert.match(text, '正确答案：');
  assert.match(text, '您的答案：');
  assert.not.match(text, '解析：', 'explanations are not allowed after submit');
  assert.is(result.data.review.items.length, 6);
});

journey('a network outage: answers queue, nothing is lost, they go in order when the network returns, a stale sequence is not re-applied', async (c) => {
  const exam = await createExam(c, { rules: [{ type: 'judge', count: 3 }, { statute: 'xianfa', type: 'single', count: 2 }], shuffleQuestions: false });
  const attemptId = (await c.server.app.call('POST', `/api/exams/${exam.id}/attempts`, { token: wxEnv.storage.get('xuefa.token') as string })).body.data.id;
  const page = await openPaper(attemptId);
  wxEnv.offline = true;
  await answerShown(page, 0); // q1 true
  await answerShown(page, 1); // q1 false: replaces the queued one
  await tap(page, '.next', '.t-button');
  await answerShown(page, 0); // q2
  await tap(page, '.next', '.t-button');
  await answerShown(page, 1); // q3
  await until(() => page.data.saveStatus === 'offline', 'offline');
  await until(() => /离线 · 3 题待保存/.test(textOf(page)), 'three answers waiting');
  assert.ok([...(await stored(c, attemptId)).values()].every((v) => v.response === null), 'nothing reached the server');

  const before = wxEnv.requests.length;
  networkBack();
  await saved(page);
  const puts = wxEnv.requests.slice(before).filter((r) => r.method === 'PUT');
  const sent = puts.map((r) => [Number(/answers\/(\d+)/.exec(r.url)![1]), (r.body as { seq: number }).seq]);
  assert.equal(sent.map(([ordinal]) => ordinal), [1, 2, 3], 'sent in order, the replaced answer not at all');
  assert.ok(sent.every(([, seq], i) => i === 0 || seq! > sent[i - 1]![1]!), 'increasing sequence numbers');
  let server = await stored(c, attemptId);
  assert.equal([server.get(1)!.response, server.get(2)!.response, server.get(3)!.response], [false, true, false]);

  // The reply to a save is lost after the server stored it: the resend with the same number is a no-op.
  const realRequest = wx.request;
  let lost = 0;
  (wx as { request: unknown }).request = (options: WechatMiniprogram.RequestOption) => realRequest({
    ...options,
    success: (res) => { if (options.method === 'PUT' && lost++ === 0) options.fail?.({ errMsg: 'request:fail timeout' } as never); else options.success?.(res); },
  });
  try {
    await tap(page, '.next', '.t-button');
    await answerShown(page, 0); // q4
    await until(() => lost >= 2, 'resent after the lost reply', 10_000);
    await saved(page);
  } finally {
    (wx as { request: unknown }).request = realRequest;
  }
  server = await stored(c, attemptId);
  const q4Puts = wxEnv.requests.filter((r) => r.method === 'PUT' && r.url.endsWith('/answers/4'));
  assert.is(q4Puts.length, 2);
  assert.is((q4Puts[0]!.body as { seq: number }).seq, (q4Puts[1]!.body as { seq: number }).seq, 'the same sequence number resent');
  assert.is(server.get(4)!.seq, (q4Puts[0]!.body as { seq: number }).seq);

  // A stale leftover in storage (older than the server's answer) is dropped at the next open, not sent.
  const key = `xuefa.exam-answers.${attemptId}`;
  page.instance.stop();
  detachAll();
  const leftover = JSON.parse(wxEnv.storage.get(key) as string);
  wxEnv.storage.set(key, JSON.stringify({ ...leftover, pending: [{ ordinal: 1, response: true, seq: 1 }] }));
  const count = wxEnv.requests.length;
  const again = await openPaper(attemptId);
  await saved(again);
  assert.not.ok(wxEnv.requests.slice(count).some((r) => r.method === 'PUT'), 'the stale answer is not sent');
  assert.equal((await stored(c, attemptId)).get(1), server.get(1), 'the server keeps the newer answer');
});

journey('the countdown follows the server\'s clock, not the phone\'s', async (c) => {
  const exam = await createExam(c, { rules: [{ type: 'judge', count: 2 }] });
  const attemptId = (await c.server.app.call('POST', `/api/exams/${exam.id}/attempts`, { token: wxEnv.storage.get('xuefa.token') as string })).body.data.id;
  c.server.app.clock.advance(10 * 60_000); // the server is 10 minutes ahead of this phone now
  const page = await openPaper(attemptId);
  assert.match(page.data.countdown, /^(20:00|19:5\d)$/);
});

journey('the answer card shows answered and unanswered and jumps to a question', async (c) => {
  const exam = await createExam(c, { rules: [{ type: 'judge', count: 4 }] });
  const attemptId = (await c.server.app.call('POST', `/api/exams/${exam.id}/attempts`, { token: wxEnv.storage.get('xuefa.token') as string })).body.data.id;
  const page = await openPaper(attemptId);
  await answerShown(page, 0);
  await tap(page, '.toggle-card', '.t-button');
  assert.ok(page.querySelector('.cell-1.cell--answered'));
  assert.ok(page.querySelector('.cell-3.cell--unanswered'));
  assert.match(textOf(page), '答题卡（已答 1/4）');
  await tap(page, '.cell-3');
  assert.is(page.data.ordinal, 3);
  assert.is(page.data.showCard, false);
});

journey('at the deadline the paper is submitted by itself', async (c) => {
  const now = c.server.app.clock.now().getTime();
  const exam = await createExam(c, { rules: [{ type: 'judge', count: 2 }] }, { closesAt: new Date(now + 3000).toISOString() });
  const attemptId = (await c.server.app.call('POST', `/api/exams/${exam.id}/attempts`, { token: wxEnv.storage.get('xuefa.token') as string })).body.data.id;
  const page = await openPaper(attemptId);
  assert.match(page.data.countdown, /^00:0[1-3]$/);
  await answerShown(page, 0);
  await until(() => wxEnv.lastNavigation()?.url === `/pkg-exam/result/index?attemptId=${attemptId}`, 'submitted at the deadline', 8000);
  assert.is(page.data.countdown, '00:00');
  const attempt = await c.server.app.running.deps.db.attempt.findUniqueOrThrow({ where: { id: attemptId } });
  assert.is(attempt.status, 'submitted');
  assert.ok((await stored(c, attemptId)).get(1)!.response !== null, 'the answer given before the deadline counts');
});

journey('at the deadline without network the page says so and submits once the network is back', async (c) => {
  const now = c.server.app.clock.now().getTime();
  const exam = await createExam(c, { rules: [{ type: 'judge', count: 2 }] }, { closesAt: new Date(now + 2000).toISOString(), graceSeconds: 60 });
  const attemptId = (await c.server.app.call('POST', `/api/exams/${exam.id}/attempts`, { token: wxEnv.storage.get('xuefa.token') as string })).body.data.id;
  const page = await openPaper(attemptId);
  wxEnv.offline = true;
  await until(() => /时间到，网络连接失败/.test(page.data.saveText), 'told to wait for the network', 10_000);
  assert.equal(wxEnv.navigations, [], 'still on the paper');
  assert.is(wxEnv.toasts.length, 0, 'no toast every second');
  wxEnv.offline = false;
  await until(() => wxEnv.lastNavigation()?.url === `/pkg-exam/result/index?attemptId=${attemptId}`, 'submitted after the network returned', 10_000);
  assert.is((await c.server.app.running.deps.db.attempt.findUniqueOrThrow({ where: { id: attemptId } })).status, 'submitted');
});

journey('a fill-in answer being typed is stored at once when the app goes to the background', async (c) => {
  const exam = await createExam(c, { rules: [{ statute: 'xianfa', type: 'fill', count: 1 }] });
  const attemptId = (await c.server.app.call('POST', `/api/exams/${exam.id}/attempts`, { token: wxEnv.storage.get('xuefa.token') as string })).body.data.id;
  const page = await openPaper(attemptId);
  wxEnv.offline = true;
  const question = page.querySelector('.paper-question')!;
  question.querySelector('.blank-0')!.querySelector('.t-input__control')!.dispatchEvent('input', { detail: { value: '全国人民代表大会' } });
  await simulate.sleep(0);
  const queued = () => JSON.parse((wxEnv.storage.get(`xuefa.exam-answers.${attemptId}`) as string | undefined) ?? '{"pending":[]}').pending as Array<{ response: string[] }>;
  assert.equal(queued(), [], 'still typing: not queued yet');
  page.instance.onHide();
  assert.is(queued()[0]!.response[0], '全国人民代表大会');
});

journey('the confirmation refuses what cannot start, and says why', async (c) => {
  const now = c.server.app.clock.now().getTime();
  const later = await createExam(c, { rules: [{ type: 'judge', count: 2 }] }, { opensAt: new Date(now + 86_400_000).toISOString(), closesAt: new Date(now + 2 * 86_400_000).toISOString() });
  const page = await openPage('pkg-exam/confirm/index', { examId: String(later.id) });
  await until(() => page.data.status === 'ready', 'rules shown');
  assert.match(textOf(page), '考试尚未开始');
  assert.is(page.querySelector('.start'), undefined, 'no start button');
  const unknown = await openPage('pkg-exam/confirm/index', { examId: '999999' });
  await until(() => unknown.data.status === 'error', 'error shown');
  assert.match(textOf(unknown), '考试不存在或您不在考试范围内');
});

journey('a result whose score is withheld says so and shows no answers', async (c) => {
  const exam = await createExam(c, { rules: [{ type: 'judge', count: 2 }] }, { reviewAfterSubmit: { score: false, correctness: false, keys: false, explanations: false } });
  const token = wxEnv.storage.get('xuefa.token') as string;
  const attemptId = (await c.server.app.call('POST', `/api/exams/${exam.id}/attempts`, { token })).body.data.id;
  await c.server.app.call('POST', `/api/attempts/${attemptId}/submit`, { token });
  const page = await openPage('pkg-exam/result/index', { attemptId: String(attemptId) });
  await until(() => page.data.status === 'ready', 'result loaded');
  const text = textOf(page);
  assert.match(text, '成绩暂不公布');
  assert.match(text, '现在不显示每题的对错、答案和解析');
  assert.not.match(text, '正确答案');
  await tap(page, '.back', '.t-button');
  assert.equal(wxEnv.lastNavigation(), { kind: 'switchTab', url: '/pages/exam/index', delta: undefined });
});

journey('a submitted attempt opens its result; a missing one shows the error state', async (c) => {
  const exam = await createExam(c, { rules: [{ type: 'judge', count: 2 }] });
  const token = wxEnv.storage.get('xuefa.token') as string;
  const attemptId = (await c.server.app.call('POST', `/api/exams/${exam.id}/attempts`, { token })).body.data.id;
  await c.server.app.call('POST', `/api/attempts/${attemptId}/submit`, { token });
  wxEnv.storage.set(`xuefa.exam-answers.${attemptId}`, JSON.stringify({ nextSeq: 2, pending: [{ ordinal: 1, response: true, seq: 1 }] }));
  await openPage('pkg-exam/paper/index', { attemptId: String(attemptId) });
  await until(() => wxEnv.lastNavigation()?.kind === 'redirectTo', 'sent to the result');
  assert.is(wxEnv.lastNavigation()!.url, `/pkg-exam/result/index?attemptId=${attemptId}`);
  assert.not.ok(wxEnv.storage.has(`xuefa.exam-answers.${attemptId}`), 'the leftover queue is dropped');
  const page = await openPage('pkg-exam/paper/index', { attemptId: '999999' });
  await until(() => page.data.status === 'error', 'error shown');
  assert.match(textOf(page), '考试记录不存在');
  const result = await openPage('pkg-exam/result/index', { attemptId: '999999' });
  await until(() => result.data.status === 'error', 'error shown');
});

journey.run();
