// Browsing and editing questions: filters, public views without keys, organisation scope,
// the read-only national bank, and versioning on edit.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { shippedQuestions } from '../../../server/src/bank/seed.ts';
import type { Question } from '../../../server/src/bank/question-format.ts';
import { saveQuestions } from '../../../server/src/questions/store.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';

const bank = shippedQuestions();
const privateQuestion = (id: string, stem: string): Question => ({
  id, type: 'judge', stem, answer: true, explanation: '依据宪法第五条第一款，中华人民共和国实行依法治国，建设社会主义法治国家。',
  citations: [{ law: 'xianfa', article: 5, paragraph: 1 }], difficulty: 1, tags: ['本单位自编'],
});

type Context = { app: TestApp; tokens: Record<string, string>; eastQuestionId: number; westQuestionId: number };

for (const dialect of testDialects()) {
  const test = suite<Context>(`questions API [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'full' });
    const db = context.app.running.deps.db;
    const org = (code: string) => db.organization.findUniqueOrThrow({ where: { code } });
    await saveQuestions(db, [privateQuestion('east-001', '东城县自编：中华人民共和国实行依法治国，建设社会主义法治国家。')], { owner: { kind: 'organization', organizationId: (await org('DEMO-E')).id }, actorId: null });
    await saveQuestions(db, [privateQuestion('west-001', '西山县自编：中华人民共和国实行依法治国，建设社会主义法治国家。')], { owner: { kind: 'organization', organizationId: (await org('DEMO-W')).id }, actorId: null });
    context.eastQuestionId = (await db.question.findFirstOrThrow({ where: { externalId: 'east-001' } })).id;
    context.westQuestionId = (await db.question.findFirstOrThrow({ where: { externalId: 'west-001' } })).id;
    context.tokens = {
      cadre: await context.app.tokenFor({ phone: '13900000011' }),
      organiserEast: await context.app.tokenFor({ username: 'organiser-east' }),
      organiserWest: await context.app.tokenFor({ username: 'organiser-west' }),
      admin: await context.app.tokenFor({ username: 'admin' }),
    };
  });
  test.after(async ({ app }) => app.close());

  test('the whole shipped bank is loaded, and a second load writes nothing', async ({ app }) => {
    const db = app.running.deps.db;
    assert.is(await db.question.count({ where: { ownerKey: 'national' } }), bank.length);
    const { loadShippedBank } = await import('../../../server/src/bank/seed.ts');
    const again = await loadShippedBank(db);
    assert.equal(again.questions, { created: 0, updated: 0, unchanged: bank.length });
    assert.ok(again.statutes.every((s) => s.outcome === 'unchanged'));
    const listed = (await app.call('GET', '/api/statutes')).body.data.find((s: { slug: string }) => s.slug === 'xianfa');
    assert.is(listed.questionCount, bank.filter((q) => q.citations.some((c) => c.law === 'xianfa')).length);
  });

  test('public views never carry the answer or the explanation', async ({ app, tokens }) => {
    const list = await app.call('GET', '/api/questions?pageSize=100&type=fill', { token: tokens.cadre });
    assert.is(list.status, 200);
    assert.is(list.body.data.length, 100);
    const one = await app.call('GET', `/api/questions/${list.body.data[0].id}`, { token: tokens.cadre });
    for (const view of [...list.body.data, one.body.data]) {
      assert.not.ok('answer' in view || 'explanation' in view, JSON.stringify(view));
    }
    const shipped = bank.find((q) => q.id === one.body.data.externalId)!;
    assert.not.ok(JSON.stringify(one.body).includes(shipped.explanation));
    assert.is(one.body.data.blanks, (shipped.answer as string[][]).length);
  });

  test('filters by statute and article, type, difficulty and tag match the shipped bank', async ({ app, tokens }) => {
    const count = async (query: string) => (await app.call('GET', `/api/questions?${query}&owner=national`, { token: tokens.cadre })).body.pagination.total;
    const expect = (pick: (q: Question) => boolean) => bank.filter(pick).length;
    assert.is(await count('statute=xianfa'), expect((q) => q.citations.some((c) => c.law === 'xianfa')));
    assert.is(await count('statute=xianfa&article=62'), expect((q) => q.citations.some((c) => c.law === 'xianfa' && c.article === 62)));
    assert.is(await count('type=multiple&difficulty=3'), expect((q) => q.type === 'multiple' && q.difficulty === 3));
    assert.is(await count(`tag=${encodeURIComponent('关键少数')}`), expect((q) => (q.tags ?? []).includes('关键少数')));
    const toc = (await app.call('GET', '/api/statutes/xingzheng-chufa-fa')).body.data;
    const chapter = toc.chapters[4];
    assert.is(await count(`statute=xingzheng-chufa-fa&divisionId=${chapter.id}`),
      expect((q) => q.citations.some((c) => c.law === 'xingzheng-chufa-fa' && c.article >= chapter.firstArticle && c.article <= chapter.lastArticle)));
  });

  test('pages are stable and ordered; citations name the statute and article', async ({ app, tokens }) => {
    const first = await app.call('GET', '/api/questions?statute=xianfa&page=1&pageSize=10', { token: tokens.cadre });
    const second = await app.call('GET', '/api/questions?statute=xianfa&page=2&pageSize=10', { token: tokens.cadre });
    const ids = [...first.body.data, ...second.body.data].map((q: { id: number }) => q.id);
    assert.is(new Set(ids).size, 20);
    assert.equal(ids, [...ids].sort((a, b) => a - b));
    // A question filtered by statute cites it, though not always first (e.g. 国务院组织法 with 宪法).
    const citation = first.body.data[0].citations.find((c: { statuteTitle: string }) => c.statuteTitle === '中华人民共和国宪法');
    assert.ok(citation, JSON.stringify(first.body.data[0].citations));
    assert.match(citation.articleLabel, /^第[一二三四五六七八九十百]+条$/);
  });

  test('cadres see their own county\'s questions but not another county\'s', async ({ app, tokens, eastQuestionId, westQuestionId }) => {
    assert.is((await app.call('GET', `/api/questions/${eastQuestionId}`, { token: tokens.cadre })).status, 200);
    assert.is((await app.call('GET', `/api/questions/${westQuestionId}`, { token: tokens.cadre })).status, 404);
    const own = await app.call('GET', '/api/questions?owner=organization', { token: tokens.cadre });
    assert.equal(own.body.data.map((q: { externalId: string }) => q.externalId), ['east-001']);
    assert.is(own.body.data[0].owner.organizationName, '东城县');
  });

  test('reviewers see the key; an organiser of another county gets 404', async ({ app, tokens, eastQuestionId }) => {
    const full = await app.call('GET', `/api/questions/${eastQuestionId}/full`, { token: tokens.organiserEast });
    assert.is(full.status, 200);
    assert.is(full.body.data.answer, true);
    assert.match(full.body.data.explanation, /依法治国/);
    assert.is((await app.call('GET', `/api/questions/${eastQuestionId}/full`, { token: tokens.organiserWest })).status, 404);
    assert.is((await app.call('GET', `/api/questions/${eastQuestionId}/full`, { token: tokens.cadre })).status, 403);
  });

  test('an edit makes a new version; the old one stays readable by its id', async ({ app, tokens, eastQuestionId }) => {
    const before = (await app.call('GET', `/api/questions/${eastQuestionId}`, { token: tokens.cadre })).body.data;
    const edit = { ...privateQuestion('ignored', '东城县自编（修订）：中华人民共和国实行依法治国，建设社会主义法治国家。'), id: undefined };
    const response = await app.call('PUT', `/api/questions/${eastQuestionId}`, { token: tokens.organiserEast, body: edit });
    assert.is(response.status, 200);
    assert.is(response.body.data.version, 2);
    assert.is(response.body.data.externalId, 'east-001');
    assert.not.equal(response.body.data.versionId, before.versionId);
    const unchanged = await app.call('PUT', `/api/questions/${eastQuestionId}`, { token: tokens.organiserEast, body: edit });
    assert.is(unchanged.body.data.version, 2, 'saving the same content makes no version');
    const versions = await app.call('GET', `/api/questions/${eastQuestionId}/versions`, { token: tokens.organiserEast });
    assert.equal(versions.body.data.map((v: { version: number; isCurrent: boolean }) => [v.version, v.isCurrent]), [[2, true], [1, false]]);
    assert.is(versions.body.data[0].createdBy.name, '吴组织');
    const old = await app.running.deps.db.questionVersion.findUniqueOrThrow({ where: { id: before.versionId } });
    assert.match(old.stem, /^东城县自编：/);
  });

  test('a bad edit is a 400 naming the field, and changes nothing', async ({ app, tokens, eastQuestionId }) => {
    const bad = { ...privateQuestion('x', '东城县自编：这是一道引用了不存在条文的题目。'), answer: 'A', citations: [{ law: 'xianfa', article: 999 }] };
    const response = await app.call('PUT', `/api/questions/${eastQuestionId}`, { token: tokens.organiserEast, body: bad });
    assert.is(response.status, 400);
    const paths = response.body.error.details.map((d: { path: string }) => d.path);
    assert.ok(paths.includes('body.answer') && paths.includes('body.citations.0'), JSON.stringify(paths));
    assert.is(await app.running.deps.db.questionVersion.count({ where: { questionId: eastQuestionId } }), 2);
  });

  test('the national bank is read-only to organisers but not to administrators', async ({ app, tokens }) => {
    const national = await app.running.deps.db.question.findFirstOrThrow({ where: { ownerKey: 'national', externalId: 'xianfa-0001' } });
    const shipped = bank.find((q) => q.id === 'xianfa-0001')!;
    const edit = { ...shipped, id: undefined, version: undefined, difficulty: shipped.difficulty === 1 ? 2 : 1 };
    const refused = await app.call('PUT', `/api/questions/${national.id}`, { token: tokens.organiserEast, body: edit });
    assert.is(refused.status, 403);
    assert.match(refused.body.error.message, /全国题库为只读/);
    const accepted = await app.call('PUT', `/api/questions/${national.id}`, { token: tokens.admin, body: edit });
    assert.is(accepted.status, 200);
    const { loadShippedBank } = await import('../../../server/src/bank/seed.ts');
    await loadShippedBank(app.running.deps.db);
    const after = await app.call('GET', `/api/questions/${national.id}/full`, { token: tokens.admin });
    assert.is(after.body.data.difficulty, edit.difficulty, 'a restart keeps the administrator\'s edit');
  });

  test.run();
}
