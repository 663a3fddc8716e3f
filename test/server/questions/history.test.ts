// A question's version diff, and the 待复核 queue after a statute revision: each question beside the
// old and new text of its article with the change marked, cleared by keep / edit / retire.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readStatuteFile } from '../../../server/src/bank/files.ts';
import { diffText } from '../../../server/src/questions/text-diff.ts';
import { saveQuestions } from '../../../server/src/questions/store.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';

const LAW = 'xingzheng-chufa-fa';
const original = readStatuteFile(`${LAW}.md`);
const revised = original.replace('（六）法律、行政法规规定的其他行政处罚。', '（六）责令改正；\n（七）法律、行政法规规定的其他行政处罚。');

function question(id: string, article: number, stem: string) {
  return {
    id, type: 'judge', stem, answer: true, difficulty: 1, tags: ['测试'],
    explanation: `行政处罚法第${article}条的规定。`, citations: [{ law: LAW, article }],
  };
}

const texts = (segments: Array<{ kind: string; text: string }>, kinds: string[]) => segments.filter((s) => kinds.includes(s.kind)).map((s) => s.text).join('');

const diff = suite('diffText');
diff('rebuilds both texts and marks only the change', () => {
  const before = '第九条 行政处罚的种类：（六）其他。', after = '第九条 行政处罚的种类：（六）责令改正；（七）其他。';
  const segments = diffText(before, after);
  assert.is(texts(segments, ['same', 'removed']), before);
  assert.is(texts(segments, ['same', 'added']), after);
  assert.is(texts(segments, ['added']), '责令改正；（七）');
  assert.is(texts(segments, ['removed']), '');
  assert.equal(diffText('', 'abc'), [{ kind: 'added', text: 'abc' }]);
});
diff.run();

type Context = { app: TestApp; east: string; west: string; admin: string; eastIds: Record<string, number>; westId: number };

for (const dialect of testDialects()) {
  const test = suite<Context>(`question history and review queue [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'statutes' });
    const db = context.app.running.deps.db;
    const org = async (code: string) => (await db.organization.findUniqueOrThrow({ where: { code } })).id;
    await saveQuestions(db, [question('h-9', 9, '东城县：警告属于行政处罚。'), question('h-9b', 9, '东城县：罚款属于行政处罚。'), question('h-10', 10, '东城县：第十条题目。')] as never, { owner: { kind: 'organization', organizationId: await org('DEMO-E') }, actorId: null });
    await saveQuestions(db, [question('w-9', 9, '西山县：警告属于行政处罚。')] as never, { owner: { kind: 'organization', organizationId: await org('DEMO-W') }, actorId: null });
    const ids = await db.question.findMany({ select: { id: true, externalId: true } });
    context.eastIds = Object.fromEntries(ids.map((q) => [q.externalId, q.id]));
    context.westId = context.eastIds['w-9']!;
    context.east = await context.app.tokenFor({ username: 'organiser-east' });
    context.west = await context.app.tokenFor({ username: 'organiser-west' });
    context.admin = await context.app.tokenFor({ username: 'admin' });
  });
  test.after(async ({ app }) => app.close());

  test('a version diff names each field and marks what changed', async ({ app, east, west, eastIds }) => {
    const id = eastIds['h-10']!;
    const edited = await app.call('PUT', `/api/questions/${id}`, { token: east, body: { ...question('h-10', 10, '东城县：修改后的第十条题目。'), id: undefined } });
    assert.is(edited.status, 200);
    const diff = await app.call('GET', `/api/questions/${id}/diff`, { token: east });
    assert.is(diff.status, 200);
    assert.equal([diff.body.data.from.version, diff.body.data.to.version], [1, 2]);
    const byField = Object.fromEntries(diff.body.data.fields.map((f: { field: string }) => [f.field, f]));
    assert.equal(diff.body.data.fields.filter((f: { changed: boolean }) => f.changed).map((f: { field: string }) => f.field), ['stem']);
    assert.is(texts(byField.stem.segments, ['added']), '修改后的');
    assert.is(byField.stem.label, '题干');
    assert.is((await app.call('GET', `/api/questions/${id}/diff?from=1&to=7`, { token: east })).status, 404);
    assert.is((await app.call('GET', `/api/questions/${id}/diff`, { token: west })).status, 404);
  });

  test('after a revision, each county sees only its own questions on the changed article, with old and new text', async ({ app, east, west, admin, eastIds }) => {
    const revision = await app.call('PUT', `/api/statutes/${LAW}/revision`, { token: admin, body: { revisedOn: '2026-11-01', source: '测试修订', text: revised } });
    assert.equal(revision.body.data.changedArticles, [9]);
    const queue = await app.call('GET', '/api/question-reviews', { token: east });
    assert.is(queue.status, 200);
    assert.equal(queue.body.data.map((item: { question: { id: number } }) => item.question.id), [eastIds['h-9'], eastIds['h-9b']]);
    const citation = queue.body.data[0].citations[0];
    assert.equal([citation.article, citation.articleLabel, citation.changed, citation.currentRevisedOn], [9, '第九条', true, '2026-11-01']);
    assert.ok(citation.oldText.includes('（六）法律、行政法规规定的其他行政处罚。'));
    assert.ok(citation.newText.includes('（六）责令改正；'));
    assert.is(texts(citation.segments, ['added']).replace(/\s/g, ''), '责令改正；（七）');
    assert.is(queue.body.data[0].question.status, 'needs_review');
    const westQueue = await app.call('GET', '/api/question-reviews', { token: west });
    assert.equal(westQueue.body.data.map((item: { question: { id: number } }) => item.question.id), [eastIds['w-9']]);
    const cadre = await app.tokenFor({ phone: '13900000011' });
    assert.is((await app.call('GET', '/api/question-reviews', { token: cadre })).status, 403);
  });

  test('keep and retire clear the queue in place', async ({ app, east, eastIds }) => {
    assert.is((await app.call('POST', `/api/questions/${eastIds['h-9']}/review`, { token: east, body: { decision: 'keep' } })).body.data.status, 'active');
    assert.is((await app.call('POST', `/api/questions/${eastIds['h-9b']}/review`, { token: east, body: { decision: 'retire' } })).body.data.status, 'retired');
    const queue = await app.call('GET', '/api/question-reviews', { token: east });
    assert.equal([queue.body.data, queue.body.pagination.total], [[], 0]);
  });

  test.run();
}
