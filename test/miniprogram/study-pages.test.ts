// 学习 pages against a real server: the statutes and courses, a table of contents, search with
// highlighted hits and its empty state, and a course that opens the reader.
import './setup.ts';
import { startMiniprogramServer, signInAs, wxEnv, type MiniprogramServer } from './wx-env.ts';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { detachAll, openPage, tap, textOf, typeInto, until } from './pages.ts';

type Context = { server: MiniprogramServer; courseId: number };
const study = suite<Context>('学习 pages', {} as Context);
study.before(async (context) => {
  context.server = await startMiniprogramServer({ LOAD_BANK: 'statutes' });
  const { app } = context.server;
  const organiser = await app.tokenFor({ username: 'organiser-east' });
  const me = (await app.call('GET', '/api/me', { token: organiser })).body.data;
  const organizationId = me.roles.find((r: { role: string }) => r.role === 'organiser').scopeOrganizationId;
  const course = await app.call('POST', '/api/courses', { token: organiser, body: { organizationId, title: '宪法精读', minMinutes: 20, items: [{ kind: 'note', text: '先读总纲' }, { kind: 'article', statute: 'xianfa', article: 1 }, { kind: 'article', statute: 'xianfa', article: 33 }] } });
  assert.is(course.status, 201, JSON.stringify(course.body));
  context.courseId = course.body.data.id;
});
study.after(async ({ server }) => server.close());
study.before.each(async ({ server }) => {
  wxEnv.reset();
  await signInAs(server, { phone: '13900000011' });
});
study.after.each(detachAll);

study('the 学习 tab lists the statutes and the assigned courses; tapping opens them', async ({ courseId }) => {
  const page = await openPage('pages/study/index');
  await until(() => page.data.status === 'ready', 'statutes');
  assert.ok(page.data.statutes.length >= 10, `${page.data.statutes.length} statutes`);
  assert.match(textOf(page), '中华人民共和国宪法');
  assert.match(textOf(page), '宪法精读');
  await tap(page, '.statute', '.t-cell');
  assert.equal(wxEnv.lastNavigation(), { kind: 'navigateTo', url: `/pkg-study/toc/index?slug=${page.data.statutes[0].slug}`, delta: undefined });
  await tap(page, '.course', '.t-cell');
  assert.equal(wxEnv.lastNavigation()?.url, `/pkg-study/course/index?id=${courseId}`);
  await tap(page, '.search');
  assert.equal(wxEnv.lastNavigation()?.url, '/pkg-study/search/index');
});

study('the table of contents shows chapters and sections, each opening its first article', async () => {
  const page = await openPage('pkg-study/toc/index', { slug: 'xianfa' });
  await until(() => page.data.status === 'ready', 'toc');
  const chapters = page.data.statute.chapters;
  assert.ok(chapters.length >= 4);
  assert.match(textOf(page), chapters[0].title);
  assert.ok(chapters.some((c: { sections: unknown[] }) => c.sections.length > 0), 'sections shown under their chapter');
  const second = page.querySelectorAll('.chapter__title')[1]!;
  second.dispatchEvent('tap');
  await until(() => wxEnv.navigations.length > 0, 'navigation');
  assert.equal(wxEnv.lastNavigation()?.url, `/pkg-study/article/index?slug=xianfa&number=${chapters[1].firstArticle}`);
});

study("an unknown statute shows the server's message with a retry", async () => {
  const page = await openPage('pkg-study/toc/index', { slug: 'no-such-law' });
  await until(() => page.data.status === 'error', 'error');
  assert.match(textOf(page), page.data.message);
  assert.match(page.data.message, /[\u4e00-\u9fa5]/);
});

study('search shows the hits with the matched words highlighted, and an empty result plainly', async () => {
  const page = await openPage('pkg-study/search/index');
  assert.match(textOf(page), '全文检索');
  await typeInto(page, '.search', '国家机关工作人员');
  page.instance.search();
  await until(() => page.data.status === 'ready', 'results');
  assert.ok(page.data.total > 0);
  const hits = page.querySelectorAll('.hit');
  assert.ok(hits.length > 0, 'hit fragments rendered with the hit class');
  assert.ok(hits.every((hit) => (hit.dom?.textContent ?? '').length > 0));
  page.querySelector('.result')!.dispatchEvent('tap');
  await until(() => wxEnv.navigations.length > 0, 'navigation');
  assert.match(wxEnv.lastNavigation()!.url!, /^\/pkg-study\/article\/index\?slug=[\w-]+&number=\d+$/);

  await typeInto(page, '.search', '量子纠缠超导体');
  await page.instance.search();
  assert.is(page.data.status, 'empty');
  assert.match(textOf(page), '未找到相关条文');
});

study('a course lists its articles and notes and opens the reader on its first article', async ({ courseId }) => {
  const page = await openPage('pkg-study/course/index', { id: String(courseId) });
  await until(() => page.data.status === 'ready', 'course');
  assert.match(textOf(page), '先读总纲');
  assert.match(textOf(page), '至少学习 20 分钟');
  await tap(page, '.start', '.t-button');
  assert.equal(wxEnv.lastNavigation()?.url, `/pkg-study/article/index?courseId=${courseId}&slug=xianfa&number=1`);

  const reader = await openPage('pkg-study/article/index', { courseId: String(courseId), slug: 'xianfa', number: '1' });
  await until(() => reader.data.status === 'ready' && reader.data.sessionId > 0, 'course reader');
  assert.equal([reader.data.previous, reader.data.next], [null, { statute: 'xianfa', article: 33 }], 'walks the course, not the statute');
  const session = await wxEnv.requests.find((r) => r.url.endsWith('/api/study/sessions'));
  assert.equal(session?.body, { courseId });
});

study('a course that does not exist is an empty state', async () => {
  const page = await openPage('pkg-study/course/index', { id: '999999' });
  await until(() => page.data.status === 'empty', 'empty');
  assert.match(textOf(page), '课程不存在');
});

study.run();
