// Reading statutes over HTTP: the list, the table of contents, an article with its
// neighbours, a chapter's articles, and ranked full-text search with marked matches.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadStatutes, readManifest } from '../../../server/src/bank/files.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';

const shipped = loadStatutes();
type Fragment = { text: string; hit: boolean };

for (const dialect of testDialects()) {
  const test = suite<{ app: TestApp }>(`statutes API [${dialect}]`, {} as { app: TestApp });
  test.before(async (context) => { context.app = await startTestApp(dialect, { LOAD_BANK: 'statutes' }); });
  test.after(async ({ app }) => app.close());

  test('lists every statute (22) in manifest order with revision dates and sources, without signing in', async ({ app }) => {
    const response = await app.call('GET', '/api/statutes');
    assert.is(response.status, 200);
    const manifest = readManifest();
    assert.equal(response.body.data.map((s: { title: string }) => s.title), manifest.map((m) => m.title));
    const constitution = response.body.data[0];
    assert.is(constitution.slug, 'xianfa');
    assert.is(constitution.revisedOn, '2018-03-11');
    assert.is(constitution.articleCount, 143);
    assert.match(constitution.source, /LawRefBook/);
    assert.is(constitution.questionCount, 0, 'no questions loaded in this suite');
  });

  test('the table of contents nests sections under their chapters with article ranges', async ({ app }) => {
    const response = await app.call('GET', '/api/statutes/xianfa');
    assert.is(response.status, 200);
    const { chapters, history } = response.body.data;
    assert.is(chapters.length, 4);
    assert.is(chapters.reduce((n: number, c: { sections: unknown[] }) => n + c.sections.length, 0), 8);
    const stateStructure = chapters[2];
    assert.match(stateStructure.title, /国家机构/);
    assert.is(stateStructure.sections[0].firstArticle, stateStructure.firstArticle);
    assert.is(stateStructure.sections.at(-1).lastArticle, stateStructure.lastArticle);
    assert.is(chapters[0].firstArticle, 1);
    assert.is(chapters.at(-1).lastArticle, 143);
    assert.ok(history.length >= 6 && history[0].includes('1982年12月4日'));
  });

  test('an article comes with its clauses, chapter, section and neighbours', async ({ app }) => {
    const response = await app.call('GET', '/api/statutes/xingzheng-qiangzhi-fa/articles/2');
    assert.is(response.status, 200);
    const article = response.body.data;
    const expected = shipped.get('xingzheng-qiangzhi-fa')!.articles[1]!;
    assert.is(article.label, '第二条');
    assert.is(article.text, expected.text);
    assert.equal(article.paragraphs.map((p: { text: string }) => p.text), expected.paragraphs.map((p) => p.text));
    assert.equal(article.previous, { number: 1, label: '第一条' });
    assert.equal(article.next, { number: 3, label: '第三条' });
    assert.match(article.chapter.title, /总则/);
    const first = await app.call('GET', '/api/statutes/xianfa/articles/1');
    assert.is(first.body.data.previous, null);
    const last = await app.call('GET', '/api/statutes/xianfa/articles/143');
    assert.is(last.body.data.next, null);
    assert.match(last.body.data.chapter.title, /国旗/);
    assert.is(last.body.data.section, null);
    const npc = await app.call('GET', '/api/statutes/xianfa/articles/57');
    assert.match(npc.body.data.section.title, /第一节\s*全国人民代表大会/);
  });

  test('missing statutes and articles are 404 with a Chinese message; bad numbers are 400', async ({ app }) => {
    const missing = await app.call('GET', '/api/statutes/xianfa/articles/144');
    assert.is(missing.status, 404);
    assert.match(missing.body.error.message, /没有第 144 条/);
    assert.is((await app.call('GET', '/api/statutes/no-such-law')).status, 404);
    const bad = await app.call('GET', '/api/statutes/xianfa/articles/abc');
    assert.is(bad.status, 400);
    assert.is(bad.body.error.details[0].path, 'params.number');
  });

  test('a chapter\'s articles are listed in order, paginated', async ({ app }) => {
    const toc = (await app.call('GET', '/api/statutes/xingzheng-chufa-fa')).body.data;
    const chapter = toc.chapters[1];
    const response = await app.call('GET', `/api/statutes/xingzheng-chufa-fa/articles?divisionId=${chapter.id}&pageSize=5`);
    assert.is(response.status, 200);
    assert.is(response.body.pagination.total, chapter.lastArticle - chapter.firstArticle + 1);
    assert.equal(response.body.data.map((a: { number: number }) => a.number), [9, 10, 11, 12, 13]);
    const foreign = (await app.call('GET', '/api/statutes/xianfa')).body.data.chapters[0].id;
    assert.is((await app.call('GET', `/api/statutes/xingzheng-chufa-fa/articles?divisionId=${foreign}`)).status, 404);
  });

  test('search segments Chinese, ranks the defining article first and marks the matched words', async ({ app }) => {
    const response = await app.call('GET', `/api/articles/search?q=${encodeURIComponent('行政处罚的种类')}`);
    assert.is(response.status, 200);
    const [top] = response.body.data;
    assert.equal([top.article.statuteSlug, top.article.number], ['xingzheng-chufa-fa', 9]);
    const marked = top.snippet.filter((f: Fragment) => f.hit).map((f: Fragment) => f.text);
    assert.ok(marked.includes('行政处罚的种类'), JSON.stringify(top.snippet));
    assert.is(top.snippet.map((f: Fragment) => f.text).join(''), shipped.get('xingzheng-chufa-fa')!.articles[8]!.text.slice(0, 120) + '…');
    const scores = response.body.data.map((hit: { score: number }) => hit.score);
    assert.equal(scores, [...scores].sort((a: number, b: number) => b - a));
  });

  test('search by a word finds only articles containing it, and can be limited to one statute', async ({ app }) => {
    const response = await app.call('GET', `/api/articles/search?q=${encodeURIComponent('听证')}&pageSize=100`);
    const expected = [...shipped.values()].flatMap((s) => s.articles.filter((a) => a.text.includes('听证')).map((a) => `${s.slug}:${a.number}`)).sort();
    assert.equal(response.body.data.map((h: { article: { statuteSlug: string; number: number } }) => `${h.article.statuteSlug}:${h.article.number}`).sort(), expected);
    assert.is(response.body.pagination.total, expected.length);
    const one = await app.call('GET', `/api/articles/search?q=${encodeURIComponent('听证')}&statute=xingzheng-xuke-fa&pageSize=100`);
    assert.ok(one.body.data.length > 0 && one.body.data.every((h: { article: { statuteSlug: string } }) => h.article.statuteSlug === 'xingzheng-xuke-fa'));
  });

  test('an empty query is a 400 with a Chinese message; a query of stop words finds nothing', async ({ app }) => {
    const empty = await app.call('GET', '/api/articles/search?q=%20');
    assert.is(empty.status, 400);
    assert.match(empty.body.error.details[0].message, /请输入要搜索的词语/);
    const nothing = await app.call('GET', `/api/articles/search?q=${encodeURIComponent('的')}`);
    assert.is(nothing.status, 200);
    assert.is(nothing.body.pagination.total, 0);
  });

  test.run();
}
