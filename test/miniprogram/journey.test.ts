// The main journey of a cadre, every step through the pages against one real server: first
// login and binding → home → 学习 tab → contents → reading with heartbeats and a presence check
// answered → ending with credit → 练习 with feedback → home again with the mistake due.
import './setup.ts';
import { startMiniprogramServer, wxEnv, type MiniprogramServer } from './wx-env.ts';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { detachAll, followNavigation, openPage, tap, textOf, typeInto, until, type Opened } from './pages.ts';
import { answer, keyOfCheck, keyOfVersion } from './answers.ts';

type Context = { server: MiniprogramServer };
const journey = suite<Context>('cadre journey', {} as Context);
journey.before(async (context) => {
  context.server = await startMiniprogramServer({ LOAD_BANK: 'full', PRESENCE_CHECK_RATE: '1', PRESENCE_MIN_SPACING_SECONDS: '90' });
});
journey.after(async ({ server }) => server.close());
journey.after.each(detachAll);

const ready = (page: Opened) => until(() => page.data.status !== 'loading', 'loaded');


journey('bind → home → read with heartbeats and a presence check → practice with feedback', async ({ server }) => {
  const { app } = server;
  wxEnv.reset();
  const me = (await app.call('GET', '/api/me', { token: await app.tokenFor({ phone: '13900000012' }) })).body.data;

  // First login: WeChat knows the person, the server does not yet.
  server.loginAs('openid-journey');
  const login = await openPage('pages/login/index');
  await until(() => login.data.bindTicket !== '', 'bind form');
  await tap(login, '.method-identity', '.t-button');
  await typeInto(login, '.name', me.name);
  await typeInto(login, '.phone', '13900000012');
  await typeInto(login, '.organization-code', me.organization.code);
  await tap(login, '.bind', '.t-button');
  await until(() => login.data.bound, 'reminders offered after binding');
  await tap(login, '.remind', '.t-button');
  await until(() => wxEnv.navigations.length > 0, 'home after binding');

  const home = await followNavigation(wxEnv.lastNavigation()!.url);
  await ready(home);
  assert.is(home.data.status, 'ready');
  assert.match(textOf(home), `${me.name}，您好`);
  await tap(home, '.go-study', '.t-button');

  const studyTab = await followNavigation(wxEnv.lastNavigation()!.url);
  await ready(studyTab);
  const xianfa = studyTab.data.statutes.findIndex((s: { slug: string }) => s.slug === 'xianfa');
  studyTab.querySelectorAll('.statute')[xianfa]!.querySelector('.t-cell')!.dispatchEvent('tap');
  await until(() => wxEnv.lastNavigation()!.url!.includes('/pkg-study/toc/'), 'contents');

  const toc = await followNavigation(wxEnv.lastNavigation()!.url);
  await ready(toc);
  toc.querySelectorAll('.chapter__title')[1]!.dispatchEvent('tap');
  await until(() => wxEnv.lastNavigation()!.url!.includes('/pkg-study/article/'), 'reader');

  const reader = await followNavigation(wxEnv.lastNavigation()!.url);
  await until(() => reader.data.status === 'ready' && reader.data.sessionId > 0, 'article and session');
  let checksAnswered = 0;
  for (let beat = 0; beat < 10; beat++) {
    reader.instance.onInteract();
    reader.instance.onPageScroll({ scrollTop: 120 * beat });
    if (beat % 3 === 2) await tap(reader, '.next', '.t-button');
    server.advance(30_000);
    await reader.instance.sendHeartbeat();
    if (reader.data.check.visible) {
      server.advance(7_000); // reading the question
      await answer(reader, reader.data.check.question, await keyOfCheck(server, reader.data.check.id), true);
      await tap(reader, '.check__submit', '.t-button');
      await until(() => !reader.data.check.visible, 'check answered');
      checksAnswered += 1;
    }
  }
  assert.ok(checksAnswered >= 1, 'at least one presence check came and was answered');
  const checks = await app.running.deps.db.presenceCheck.findMany({ where: { sessionId: reader.data.sessionId } });
  assert.ok(checks.length >= 1 && checks.every((c) => c.correct === true), 'every check answered right, on the server');
  await tap(reader, '.end', '.t-button');
  await until(() => reader.data.ended !== null, 'end');
  const session = await app.running.deps.db.studySession.findUniqueOrThrow({ where: { id: reader.data.sessionId } });
  assert.ok(session.creditedSeconds >= 120, `credited ${session.creditedSeconds} s`);
  assert.match(textOf(reader), reader.data.ended.credited);

  const practiceTab = await openPage('pages/practice/index');
  await ready(practiceTab);
  await tap(practiceTab, '.mode-random');
  const quiz = await followNavigation(wxEnv.lastNavigation()!.url);
  await ready(quiz);
  const first = quiz.data.current;
  await answer(quiz, first, await keyOfVersion(server, first.versionId), false);
  await tap(quiz, '.submit', '.t-button');
  await until(() => quiz.data.feedback !== null, 'feedback');
  assert.match(textOf(quiz), '回答错误');
  assert.match(textOf(quiz), '正确答案：');
  await tap(quiz, '.next', '.t-button');
  const second = quiz.data.current;
  await answer(quiz, second, await keyOfVersion(server, second.versionId), true);
  await tap(quiz, '.submit', '.t-button');
  await until(() => quiz.data.feedback !== null, 'feedback');
  assert.match(textOf(quiz), '回答正确');

  const homeAgain = await openPage('pages/home/index');
  await ready(homeAgain);
  assert.is(homeAgain.data.mistakesDue, 1, 'the mistake is due for review today');
});

journey.run();
