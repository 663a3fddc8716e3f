// 练习 pages against a real server: the modes, questions answered with immediate feedback (key,
// explanation, cited article text, right and wrong options marked), 背题, favourites, 错题本,
// the read-the-article-first state for leeches, and empty states.
import './setup.ts';
import { startMiniprogramServer, signInAs, wxEnv, type MiniprogramServer } from './wx-env.ts';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { detachAll, openPage, tap, textOf, until, type Opened } from './pages.ts';
import { answer, keyOfVersion } from './answers.ts';

type Context = { server: MiniprogramServer; userId: number };
const practice = suite<Context>('练习 pages', {} as Context);
practice.before(async (context) => {
  context.server = await startMiniprogramServer({ LOAD_BANK: 'full' });
  const token = await context.server.app.tokenFor({ phone: '13900000021' });
  context.userId = (await context.server.app.call('GET', '/api/me', { token })).body.data.id;
});
practice.after(async ({ server }) => server.close());
practice.before.each(async ({ server }) => {
  wxEnv.reset();
  await signInAs(server, { phone: '13900000021' });
});
practice.after.each(detachAll);

const ready = (page: Opened) => until(() => page.data.status !== 'loading', 'loaded');
const options = (page: Opened) => page.querySelector('.question-view')!.querySelectorAll('.option');
const classesOf = (node: Opened) => (node as unknown as { dom: { className: string } }).dom.className;

practice('the 练习 tab offers every mode, the types, and statutes with their chapters', async () => {
  const page = await openPage('pages/practice/index');
  await ready(page);
  for (const name of ['错题复习', '每日一题', '随机练习', '背题模式', '错题本', '我的收藏', '单选题', '填空题']) assert.match(textOf(page), name);
  await tap(page, '.mode-memorize');
  assert.equal(wxEnv.lastNavigation()?.url, '/pkg-practice/quiz/index?mode=memorize');
  await tap(page, '.type-judge', '.t-button');
  assert.equal(wxEnv.lastNavigation()?.url, '/pkg-practice/quiz/index?mode=type&type=judge');
  await tap(page, '.statute-xianfa', '.t-cell');
  await until(() => page.data.chapters.length > 0, 'chapters');
  page.querySelectorAll('.chapter')[1]!.dispatchEvent('tap');
  await until(() => wxEnv.navigations.length === 3, 'navigation');
  assert.equal(wxEnv.lastNavigation()?.url, `/pkg-practice/quiz/index?mode=chapter&statute=xianfa&divisionId=${page.data.chapters[0].id}`);
});

practice('a wrong answer gets the key, explanation and article text at once, marks the options, and files the question for review', async ({ server, userId }) => {
  const page = await openPage('pkg-practice/quiz/index', { mode: 'type', type: 'single' });
  await ready(page);
  assert.is(page.data.items.length, 10);
  const question = page.data.current;
  assert.is(question.type, 'single');
  assert.not.ok('answer' in question, 'no key before answering');
  const key = await keyOfVersion(server, question.versionId);
  await tap(page, '.submit', '.t-button');
  assert.equal(wxEnv.toasts.at(-1), { title: '请先作答', icon: 'none' });
  await answer(page, question, key, false);
  await tap(page, '.submit', '.t-button');
  await until(() => page.data.feedback !== null, 'feedback');
  assert.match(textOf(page), '回答错误');
  assert.match(textOf(page), `正确答案：${key}`);
  assert.ok(page.data.feedback.citations.some((c: { text: string | null }) => c.text && c.text.length > 10), 'the cited article text is shown');
  await until(() => options(page).some((o) => classesOf(o).includes('option--right')), 'marks');
  assert.ok(classesOf(page.querySelector('.question-view')!.querySelector(`.option-${key}`)!).includes('option--right'));
  assert.ok(options(page).some((o) => classesOf(o).includes('option--wrong')));
  const card = await server.app.running.deps.db.reviewCard.findUnique({ where: { userId_questionId: { userId, questionId: question.id } } });
  assert.ok(card, 'filed in the 错题本');
  await tap(page, '.next', '.t-button');
  assert.is(page.data.index, 1);
  assert.is(page.data.feedback, null);
});

practice('a right answer says so; the summary counts the answers', async ({ server }) => {
  const page = await openPage('pkg-practice/quiz/index', { mode: 'random' });
  await ready(page);
  page.setData({ items: page.data.items.slice(0, 1) });
  page.instance.show(0);
  const question = page.data.current;
  await answer(page, question, await keyOfVersion(server, question.versionId), true);
  await tap(page, '.submit', '.t-button');
  await until(() => page.data.feedback !== null, 'feedback');
  assert.match(textOf(page), '回答正确');
  await tap(page, '.next', '.t-button');
  assert.match(textOf(page), '共作答 1 题，答对 1 题');
});

practice('背题 shows the key, explanation and articles without answering', async () => {
  const page = await openPage('pkg-practice/quiz/index', { mode: 'memorize' });
  await ready(page);
  assert.is(page.data.current.kind, 'memorize');
  assert.ok(page.data.feedback, 'feedback shown at once');
  assert.is(page.querySelector('.submit'), undefined);
  assert.match(textOf(page), '正确答案：');
  assert.match(textOf(page), page.data.current.articles[0].text.slice(0, 10));
});

practice('a question can be favourited and unfavourited; the favourites page lists and removes it', async ({ server }) => {
  const quiz = await openPage('pkg-practice/quiz/index', { mode: 'random' });
  await ready(quiz);
  const id = quiz.data.current.id;
  await tap(quiz, '.favourite', '.t-button');
  await until(() => quiz.data.favourite, 'favourited');
  const token = String(wxEnv.storage.get('xuefa.token'));
  const listed = async () => (await server.app.call('GET', '/api/practice/favourites', { token })).body.data.map((q: { id: number }) => q.id);
  assert.equal(await listed(), [id]);

  const favourites = await openPage('pkg-practice/favourites/index');
  await ready(favourites);
  assert.match(textOf(favourites), quiz.data.current.stem.slice(0, 12));
  await tap(favourites, '.practise', '.t-button');
  assert.equal(wxEnv.lastNavigation()?.url, '/pkg-practice/quiz/index?mode=favourites');
  await tap(favourites, `.remove-${id}`, '.t-button');
  await until(() => favourites.data.status === 'empty', 'emptied');
  assert.equal(await listed(), []);
  assert.match(textOf(favourites), '还没有收藏题目');

  await tap(quiz, '.favourite', '.t-button');
  await tap(quiz, '.favourite', '.t-button');
  await until(() => !quiz.data.favourite, 'unfavourited');
  assert.equal(await listed(), []);
});

practice('practising favourites with none is an empty state', async () => {
  const page = await openPage('pkg-practice/quiz/index', { mode: 'favourites' });
  await ready(page);
  assert.is(page.data.status, 'empty');
  assert.match(textOf(page), '还没有收藏题目');
});

practice('the 错题本 lists mistakes due first, opens review, and removes one', async ({ server, userId }) => {
  const page = await openPage('pkg-practice/mistakes/index');
  await ready(page);
  assert.ok(page.data.mistakes.length >= 1, 'the wrong answer above is here');
  const first = page.data.mistakes[0];
  await tap(page, '.review', '.t-button');
  assert.equal(wxEnv.lastNavigation()?.url, '/pkg-practice/quiz/index?mode=review');
  await tap(page, `.remove-${first.questionId}`, '.t-button');
  await until(() => !page.data.mistakes.some((m: { questionId: number }) => m.questionId === first.questionId), 'removed');
  const card = await server.app.running.deps.db.reviewCard.findUniqueOrThrow({ where: { userId_questionId: { userId, questionId: first.questionId } } });
  assert.ok(card.removedAt);
});

practice('a leech asks for its article to be read first; after reading it is asked again', async ({ server, userId }) => {
  const db = server.app.running.deps.db;
  const quiz = await openPage('pkg-practice/quiz/index', { mode: 'type', type: 'judge' });
  await ready(quiz);
  const question = quiz.data.current;
  await answer(quiz, question, await keyOfVersion(server, question.versionId), false);
  await tap(quiz, '.submit', '.t-button');
  await until(() => quiz.data.feedback !== null, 'feedback');
  await db.reviewCard.update({ where: { userId_questionId: { userId, questionId: question.id } }, data: { needsReading: true, lapses: 4, due: new Date(server.app.clock.now().getTime() - 60_000) } });

  const review = await openPage('pkg-practice/quiz/index', { mode: 'review' });
  await ready(review);
  assert.is(review.data.current.kind, 'read');
  assert.match(textOf(review), '请先阅读条文');
  assert.is(review.querySelector('.favourite'), undefined);
  await tap(review, '.read-done', '.t-button');
  await until(() => wxEnv.toasts.some((t) => t.title === '已记录，题目将重新出现'), 'reading recorded');
  const card = await db.reviewCard.findUniqueOrThrow({ where: { userId_questionId: { userId, questionId: question.id } } });
  assert.is(card.needsReading, false);
});

practice('an answer lost to the network says so, keeps the choice, and can be sent again', async ({ server }) => {
  const page = await openPage('pkg-practice/quiz/index', { mode: 'random' });
  await ready(page);
  const question = page.data.current;
  await answer(page, question, await keyOfVersion(server, question.versionId), true);
  wxEnv.offline = true;
  await tap(page, '.submit', '.t-button');
  await until(() => wxEnv.toasts.length > 0, 'error toast');
  assert.equal(wxEnv.toasts.at(-1), { title: '网络连接失败，请检查网络后重试', icon: 'none' });
  assert.is(page.data.feedback, null);
  assert.is(wxEnv.requests.filter((r) => r.url.endsWith('/api/practice/answers')).length, 1, 'an answer is not retried blindly');
  wxEnv.offline = false;
  await tap(page, '.submit', '.t-button');
  await until(() => page.data.feedback !== null, 'feedback');
  assert.match(textOf(page), '回答正确');
});

practice('the daily question is one question for the day', async () => {
  const page = await openPage('pkg-practice/quiz/index', { mode: 'daily' });
  await ready(page);
  assert.is(page.data.items.length, 1);
  assert.match(textOf(page), '每日一题');
});

practice.run();
