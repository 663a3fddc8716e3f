// Replacing a statute with a newer revision: changed articles are detected, and exactly the
// questions citing them are marked "needs review" — not kept silently, not dropped.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readManifest, readStatuteFile } from '../../../server/src/bank/files.ts';
import { shippedQuestions } from '../../../server/src/bank/seed.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';

const LAW = 'xingzheng-chufa-fa';
const original = readStatuteFile(`${LAW}.md`);
// Article 9 gains an item; article 10 is untouched; a new article 87 is appended.
const revised = original
  .replace('（六）法律、行政法规规定的其他行政处罚。', '（六）责令改正；\n（七）法律、行政法规规定的其他行政处罚。')
  .trimEnd() + '\n\n第八十七条 本条为测试用新增条文。\n';
const citing = (article: number) => shippedQuestions().filter((q) => q.citations.some((c) => c.law === LAW && c.article === article)).map((q) => q.id).sort();

type Context = { app: TestApp; admin: string };

for (const dialect of testDialects()) {
  const test = suite<Context>(`statute revision [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'full' });
    context.admin = await context.app.tokenFor({ username: 'admin' });
  });
  test.after(async ({ app }) => app.close());

  test('the fixture really changes article 9 and is cited by questions', () => {
    assert.not.equal(revised, original);
    assert.ok(citing(9).length > 0, 'some shipped questions cite 行政处罚法 第九条');
  });

  test('only an administrator may replace a revision; the same text again changes nothing', async ({ app, admin }) => {
    const organiser = await app.tokenFor({ username: 'organiser-east' });
    const body = { revisedOn: '2021-01-22', source: 'test', text: original };
    assert.is((await app.call('PUT', `/api/statutes/${LAW}/revision`, { token: organiser, body })).status, 403);
    const same = await app.call('PUT', `/api/statutes/${LAW}/revision`, { token: admin, body });
    assert.is(same.status, 200);
    assert.equal(same.body.data, { ...same.body.data, outcome: 'unchanged', changedArticles: [], flaggedQuestions: 0 });
  });

  test('a changed article marks exactly its citing questions for review', async ({ app, admin }) => {
    const response = await app.call('PUT', `/api/statutes/${LAW}/revision`, { token: admin, body: { revisedOn: '2026-11-01', source: '测试修订', text: revised } });
    assert.is(response.status, 200);
    const outcome = response.body.data;
    assert.is(outcome.outcome, 'replaced');
    assert.equal(outcome.changedArticles, [9]);
    assert.equal(outcome.addedArticles, [87]);
    assert.equal(outcome.removedArticles, []);
    assert.is(outcome.flaggedQuestions, citing(9).length);

    const db = app.running.deps.db;
    const flagged = await db.question.findMany({ where: { status: 'needs_review' }, select: { externalId: true, reviewNote: true } });
    assert.equal(flagged.map((q) => q.externalId).sort(), citing(9));
    assert.ok(flagged.every((q) => q.reviewNote?.includes('2026-11-01')));
    const article10 = citing(10);
    assert.ok(article10.length > 0);
    assert.is(await db.question.count({ where: { externalId: { in: article10.filter((id) => !citing(9).includes(id)) }, status: 'active' } }), article10.filter((id) => !citing(9).includes(id)).length);
  });

  test('the new text is what readers get, and the old revision is kept', async ({ app }) => {
    const article = await app.call('GET', `/api/statutes/${LAW}/articles/9`);
    assert.match(article.body.data.text, /（七）法律、行政法规规定的其他行政处罚。/);
    assert.is(article.body.data.statute.revisedOn, '2026-11-01');
    assert.is((await app.call('GET', `/api/statutes/${LAW}/articles/87`)).status, 200);
    const search = await app.call('GET', `/api/articles/search?q=${encodeURIComponent('测试用新增条文')}`);
    assert.is(search.body.data[0].article.number, 87);
    assert.is(await app.running.deps.db.statuteRevision.count({ where: { statute: { slug: LAW } } }), 2);
  });

  test('questions under review leave the cadres\' lists until an organiser confirms them', async ({ app, admin }) => {
    const cadre = await app.tokenFor({ phone: '13900000011' });
    const id = citing(9)[0]!;
    const question = await app.running.deps.db.question.findFirstOrThrow({ where: { externalId: id } });
    assert.is((await app.call('GET', `/api/questions/${question.id}`, { token: cadre })).status, 404);
    const listed = await app.call('GET', `/api/questions?statute=${LAW}&article=9&pageSize=100`, { token: cadre });
    assert.is(listed.body.pagination.total, 0);
    const underReview = await app.call('GET', `/api/questions?statute=${LAW}&article=9&status=needs_review&pageSize=100`, { token: admin });
    assert.is(underReview.body.pagination.total, citing(9).length);
    assert.is((await app.call('GET', `/api/questions?status=needs_review`, { token: cadre })).status, 403);
    const kept = await app.call('POST', `/api/questions/${question.id}/review`, { token: admin, body: { decision: 'keep' } });
    assert.is(kept.status, 200);
    assert.is(kept.body.data.status, 'active');
    assert.is((await app.call('GET', `/api/questions/${question.id}`, { token: cadre })).status, 200);
  });

  test('a restart does not bring the older shipped text back', async ({ app }) => {
    const { loadShippedStatutes } = await import('../../../server/src/bank/seed.ts');
    const outcomes = await loadShippedStatutes(app.running.deps.db);
    assert.is(outcomes.length, readManifest().length - 1, 'the revised statute is skipped');
    const current = await app.running.deps.db.statuteRevision.findFirstOrThrow({ where: { statute: { slug: LAW }, isCurrent: true } });
    assert.is(current.revisedOn, '2026-11-01');
  });

  test('a removed article marks its citing questions for review too', async ({ app, admin }) => {
    const last = '第八十六条 本法自2021年7月15日起施行。';
    assert.ok(revised.includes(last) && citing(86).length > 0, 'the fixture removes an article some question cites');
    const shortened = revised.replace(last, '');
    const response = await app.call('PUT', `/api/statutes/${LAW}/revision`, { token: admin, body: { revisedOn: '2026-12-01', source: '测试删除条文', text: shortened } });
    assert.is(response.status, 200, JSON.stringify(response.body));
    assert.equal([response.body.data.removedArticles, response.body.data.changedArticles, response.body.data.addedArticles], [[86], [], []]);
    assert.is(response.body.data.flaggedQuestions, citing(86).length);
    const flagged = await app.running.deps.db.question.findMany({ where: { externalId: { in: citing(86) } }, select: { status: true, reviewNote: true } });
    assert.ok(flagged.every((q) => q.status === 'needs_review' && q.reviewNote?.includes('2026-12-01')), JSON.stringify(flagged));
  });

  test.run();
}
