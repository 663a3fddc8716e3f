// 首页 and 我的 against a real server: tasks with what is missing, the study ring, exams, 错题 due,
// unread messages, the daily question; the archive with a study line's evidence, exam history,
// weekly study time, flags with an appeal, messages, reminders and sign-out.
import './setup.ts';
import { startMiniprogramServer, signInAs, wxEnv, type MiniprogramServer } from './wx-env.ts';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { enqueueNotifications } from '../../server/src/notifications/outbox.ts';
import { detachAll, openPage, tap, textOf, typeInto, until, type Opened } from './pages.ts';
import { studier } from '../server/study/support.ts';

type Context = { server: MiniprogramServer; userId: number; flagId: number };
const CADRE = '13900000011';
const mine = suite<Context>('首页 and 我的', {} as Context);
mine.before(async (context) => {
  const server = await startMiniprogramServer({ LOAD_BANK: 'full', PRESENCE_CHECK_RATE: '0' });
  context.server = server;
  const { app } = server;
  const organiser = await app.tokenFor({ username: 'organiser-east' });
  const organiserMe = (await app.call('GET', '/api/me', { token: organiser })).body.data;
  const county = organiserMe.roles.find((r: { role: string }) => r.role === 'organiser').scopeOrganizationId;
  const now = app.clock.now().getTime();
  const campaign = await app.call('POST', '/api/campaigns', {
    token: organiser,
    body: {
      organizationId: county, name: '2026 年度学法', period: '2026 年度', startsAt: new Date(now - 86_400_000).toISOString(), endsAt: new Date(now + 30 * 86_400_000).toISOString(),
      audience: { organizationIds: [county], keyMinorityOnly: true },
      requirements: [
        { kind: 'study', title: '年度学法学时', params: { minutes: 120 }, dueAt: new Date(now + 20 * 86_400_000).toISOString() },
        { kind: 'report', title: '年度述法', params: { rubric: [{ name: '依法决策', maxScore: 100 }] }, dueAt: new Date(now + 20 * 86_400_000).toISOString() },
      ],
    },
  });
  assert.is(campaign.status, 201, JSON.stringify(campaign.body));
  // A study session with a background stretch: some credit, and a flag to appeal.
  const cadre = await app.tokenFor({ phone: CADRE });
  context.userId = (await app.call('GET', '/api/me', { token: cadre })).body.data.id;
  const s = studier(app, cadre);
  await s.open();
  for (let i = 0; i < 12; i++) await s.beat();
  for (let i = 0; i < 8; i++) await s.beat({ visibility: 'background', taps: 0, scrolls: 0, gapsMs: [] });
  const ended = await s.end();
  context.flagId = ended.body.data.flags[0].id;
  const lecture = await app.call('POST', '/api/lectures', { token: cadre, body: { title: '宪法进机关宣讲', givenAt: new Date(now - 3_600_000).toISOString(), audienceSize: 30 } });
  assert.is(lecture.status, 201, JSON.stringify(lecture.body));
  await enqueueNotifications(app.running.deps.db, [{ userId: context.userId, kind: 'task_reminder', dedupeKey: 'mp-test:1', payload: { text: '提醒：年度述法 将于 12月24日 截止' } }], app.clock.now());
});
mine.after(async ({ server }) => server.close());
mine.before.each(async ({ server }) => {
  wxEnv.reset();
  await signInAs(server, { phone: CADRE });
});
mine.after.each(detachAll);

const ready = (page: Opened) => until(() => page.data.status !== 'loading', 'loaded');

mine('home shows the tasks with what is missing, the study ring, exams, mistakes, unread messages and the daily question', async ({ server }) => {
  wxEnv.storage.set('xuefa.user', { name: '王建国' });
  const page = await openPage('pages/home/index');
  await ready(page);
  assert.is(page.data.status, 'ready');
  const text = textOf(page);
  assert.match(text, '王建国，您好');
  assert.match(text, '年度学法学时');
  assert.match(text, '年度述法');
  assert.ok(page.data.tasks.some((t: { missing: string | null }) => t.missing), 'what is missing is shown');
  const credited = (await server.app.call('GET', '/api/my/tasks', { token: String(wxEnv.storage.get('xuefa.token')) })).body.data.find((t: { requirement: { kind: string } }) => t.requirement.kind === 'study').progress.done;
  assert.equal(page.data.study, { done: Math.round(credited), required: 120, percent: Math.round((credited / 120) * 100) });
  assert.ok(credited > 0, 'the study above counted');
  const messages = (await server.app.call('GET', '/api/my/notifications', { token: String(wxEnv.storage.get('xuefa.token')) })).body.data;
  assert.ok(messages.length >= 3, 'two new tasks and the reminder');
  assert.is(page.data.unread, messages.length);
  assert.ok(page.data.daily.length > 5, 'the daily question');
  await tap(page, '.go-study', '.t-button');
  assert.equal(wxEnv.lastNavigation(), { kind: 'switchTab', url: '/pages/study/index', delta: undefined });
  await tap(page, '.messages');
  assert.equal(wxEnv.lastNavigation()?.url, '/pkg-mine/messages/index');
  await tap(page, '.task');
  assert.match(wxEnv.lastNavigation()!.url!, /^\/pkg-tasks\/detail\/index\?id=\d+$/);
});

mine('home for a cadre with nothing assigned says so plainly, without a ring', async ({ server }) => {
  await signInAs(server, { phone: '13900000023' });
  const page = await openPage('pages/home/index');
  await ready(page);
  assert.is(page.data.status, 'ready');
  for (const text of ['本期暂无任务', '本期没有学时要求', '暂无待参加的考试']) assert.match(textOf(page), text);
  assert.is(page.querySelector('.ring'), undefined);
  assert.equal([page.data.mistakesDue, page.data.unread], [0, 0]);
});

mine('home without a token goes to login', async () => {
  wxEnv.storage.clear();
  await openPage('pages/home/index');
  assert.equal(wxEnv.lastNavigation(), { kind: 'reLaunch', url: '/pages/login/index', delta: undefined });
});

mine('我的 shows who I am and opens each page; reminders ask with the server template; sign-out revokes the token', async ({ server }) => {
  const page = await openPage('pages/mine/index');
  await ready(page);
  assert.match(textOf(page), '王建国');
  assert.match(textOf(page), `${page.data.unread} 条未读`);
  assert.ok(page.data.unread >= 3);
  await tap(page, '.archive', '.t-cell');
  assert.equal(wxEnv.lastNavigation()?.url, '/pkg-mine/archive/index');
  await tap(page, '.subscribe', '.t-cell');
  await until(() => wxEnv.subscribeRequests.length === 1, 'subscribe asked');
  assert.equal(wxEnv.subscribeRequests, [['dev-template-task']]);
  const token = String(wxEnv.storage.get('xuefa.token'));
  await tap(page, '.logout', '.t-button');
  await until(() => wxEnv.lastNavigation()?.url === '/pages/login/index', 'signed out');
  assert.is(wxEnv.storage.has('xuefa.token'), false);
  assert.is((await server.app.call('GET', '/api/me', { token })).status, 401);
});

mine('the archive lists the period with totals; a study line and a lecture line open their evidence', async () => {
  const page = await openPage('pkg-mine/archive/index');
  await ready(page);
  assert.is(page.data.status, 'ready');
  assert.match(textOf(page), '线上学时');
  const study = page.data.entries.findIndex((e: { kind: string }) => e.kind === 'study');
  page.querySelector(`.entry-${study}`)!.dispatchEvent('tap');
  await until(() => page.data.entries[study].open, 'study evidence');
  const session = page.data.entries[study].evidenceLines;
  assert.match(session.lines[0], /^认定学时 .+ · 心跳 20 次$/);
  assert.ok(session.lines.some((line: string) => line.endsWith('切到后台')), 'the background stretch is on the timeline');
  assert.ok(session.warnings.length >= 1);
  assert.match(textOf(page), session.warnings[0]);
  const lecture = page.data.entries.findIndex((e: { kind: string }) => e.kind === 'lecture');
  page.querySelector(`.entry-${lecture}`)!.dispatchEvent('tap');
  await until(() => page.data.entries[lecture].open, 'lecture evidence');
  assert.match(textOf(page), '听众 30 人');
  assert.match(textOf(page), '材料：未上传');
  page.querySelector(`.entry-${study}`)!.dispatchEvent('tap');
  await until(() => !page.data.entries[study].open, 'folded again');
  page.querySelector('.period-picker')!.querySelector('.period-lastYear')!.dispatchEvent('tap');
  await until(() => page.data.period === 'lastYear' && page.data.status !== 'loading', 'last year');
  assert.is(page.data.status, 'empty');
  assert.match(textOf(page), '这个时段没有学法记录');
});

mine('study time is drawn per week, newest first', async () => {
  const page = await openPage('pkg-mine/study-time/index');
  await ready(page);
  assert.is(page.data.status, 'ready');
  const bars = page.data.bars;
  assert.ok(bars.length >= 13);
  assert.is(bars[0].percent, 100, 'this week has the study');
  assert.is(page.querySelectorAll('.bar-row').length, bars.length);

  // Any span of days: the last two weeks, picked with the date pickers.
  const picker = page.querySelector('.period-picker')!;
  picker.querySelector('.period-custom')!.dispatchEvent('tap');
  await until(() => !!picker.querySelector('.custom__first'), 'date pickers');
  const day = (offsetDays: number) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
  picker.querySelector('.custom__first')!.dispatchEvent('change', { detail: { value: day(-13) } });
  picker.querySelector('.custom__last')!.dispatchEvent('change', { detail: { value: day(0) } });
  await until(() => page.data.period === 'custom' && page.data.status === 'ready', 'custom span');
  assert.ok(page.data.bars.length >= 2 && page.data.bars.length <= 3, `${page.data.bars.length} weeks`);
  assert.is(page.data.bars[0].percent, 100);
});

mine('flags show their explanation; an appeal is sent once and then shown', async ({ server, flagId }) => {
  const page = await openPage('pkg-mine/flags/index');
  await ready(page);
  assert.ok(page.data.flags.some((f: { id: number }) => f.id === flagId));
  await tap(page, `.appeal-submit-${flagId}`, '.t-button');
  assert.equal(wxEnv.toasts.at(-1), { title: '请说明申诉理由', icon: 'none' });
  await typeInto(page, `.appeal-note-${flagId}`, '当时在开会，用手机阅读条文');
  await tap(page, `.appeal-submit-${flagId}`, '.t-button');
  await until(() => wxEnv.toasts.at(-1)?.title === '申诉已提交', 'appealed');
  assert.match(textOf(page), '我的申诉：当时在开会，用手机阅读条文');
  assert.is(page.querySelector(`.appeal-submit-${flagId}`), undefined);
  const stored = await server.app.running.deps.db.studyFlag.findUniqueOrThrow({ where: { id: flagId } });
  assert.is(stored.appealNote, '当时在开会，用手机阅读条文');
});

mine('messages are listed newest first and become read', async () => {
  const page = await openPage('pkg-mine/messages/index');
  await ready(page);
  assert.match(textOf(page), '提醒：年度述法 将于 12月24日 截止');
  assert.match(textOf(page), '任务提醒');
  assert.ok(page.querySelector('.message--unread'));
  const again = await openPage('pkg-mine/messages/index');
  await ready(again);
  assert.is(again.querySelector('.message--unread'), undefined);
});

mine('a cadre with no history sees each 我的 page empty, said plainly', async ({ server }) => {
  await signInAs(server, { phone: '13900000023' });
  const expected: [string, string][] = [
    ['pkg-mine/study-time/index', '这个时段没有学习记录'], ['pkg-mine/flags/index', '这个时段没有异常标记'], ['pkg-mine/messages/index', '暂无消息'],
    ['pkg-mine/archive/index', '这个时段没有学法记录'], ['pkg-practice/mistakes/index', '错题本是空的'],
  ];
  for (const [path, text] of expected) {
    const page = await openPage(path);
    await ready(page);
    assert.equal([path, page.data.status], [path, 'empty']);
    assert.match(textOf(page), text);
  }
});

mine('exam history is empty before any exam', async () => {
  const page = await openPage('pkg-mine/exams/index');
  await ready(page);
  assert.is(page.data.status, 'empty');
  assert.match(textOf(page), '还没有参加过考试');
});

mine.run();
