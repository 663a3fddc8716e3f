// One cadre can never break another's saves. Saves and heartbeats are written in shared batches
// (group commit); a row the database refuses must fail alone. Tested over HTTP with a mixed load
// (a row the database refuses, by a trigger, among honest concurrent saves), with the real
// MariaDB refusal (a lone surrogate reaching its JSON check) straight into the answer writer,
// and with a heartbeat for a session that does not exist among honest ones.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { answerWriter } from '../../../server/src/exams/answer-writer.ts';
import { heartbeatWriter, type HeartbeatRow } from '../../../server/src/study/heartbeat-writer.ts';
import { saveQuestions } from '../../../server/src/questions/store.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';
import { createBlueprint, createExam, eastFixture } from '../exams/support.ts';

const ITEMS = 6;
const ROUNDS = 4;
const HONEST = ['13900000011', '13900000012', '13900000013'];

type Paper = { id: number; items: Array<{ ordinal: number; blanks: number }> };
type Context = { app: TestApp; papers: Map<string, Paper>; tokens: Map<string, string>; bad: { token: string; paper: Paper } };

/** Makes the database itself refuse any answer containing "poison", as it would refuse a row it cannot store. */
async function poisonAnswers(app: TestApp): Promise<void> {
  const { db, dialect } = app.running.deps;
  if (dialect === 'mysql') {
    await app.running.deps.rawMysql!.query(`CREATE TRIGGER refuse_poison BEFORE UPDATE ON attempt_items FOR EACH ROW
      BEGIN IF NEW.response LIKE '%poison%' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'poisoned row'; END IF; END`);
  } else {
    await db.$executeRawUnsafe(`CREATE TRIGGER refuse_poison BEFORE UPDATE ON attempt_items WHEN NEW.response LIKE '%poison%'
      BEGIN SELECT RAISE(ABORT, 'poisoned row'); END`);
  }
}

const fill = (paper: Paper, ordinal: number, text: string) => Array.from({ length: paper.items[ordinal - 1]!.blanks }, () => text);

for (const dialect of testDialects()) {
  const test = suite<Context>(`isolation of batched writes [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'statutes', DB_POOL_SIZE: '6' });
    const { app } = context;
    const f = await eastFixture(app);
    // Fill questions of the county's own instead of the national bank: a quicker start.
    const questions = Array.from({ length: ITEMS }, (_, i) => ({
      id: `isolation-${i}`, type: 'fill', stem: `隔离测试第 ${i + 1} 题：国家维护社会主义法制的（  ）和尊严。`, answer: [['统一']], difficulty: 1, tags: [],
      explanation: '宪法第五条第二款。', citations: [{ law: 'xianfa', article: 5, paragraph: 2 }],
    }));
    await saveQuestions(app.running.deps.db, questions as never, { owner: { kind: 'organization', organizationId: f.eastId }, actorId: null });
    const blueprint = await createBlueprint(app, f.organiser, { organizationId: f.eastId, kind: 'random', rules: [{ type: 'fill', count: ITEMS }] });
    const exam = await createExam(app, f.organiser, { blueprintId: blueprint.id, audience: { organizationIds: [f.eastId], keyMinorityOnly: false } });
    context.tokens = new Map();
    context.papers = new Map();
    for (const phone of HONEST) {
      const token = await app.tokenFor({ phone });
      context.tokens.set(phone, token);
      const started = await app.call('POST', `/api/exams/${exam.id}/attempts`, { token });
      assert.is(started.status, 200, JSON.stringify(started.body));
      context.papers.set(phone, started.body.data);
    }
    const badToken = await app.tokenFor({ username: 'organiser-east' });
    const started = await app.call('POST', `/api/exams/${exam.id}/attempts`, { token: badToken });
    assert.is(started.status, 200, JSON.stringify(started.body));
    context.bad = { token: badToken, paper: started.body.data };
    await poisonAnswers(app);
  });
  test.after(async ({ app }) => app.close());

  test('a lone surrogate is refused at the edge with the field path, before any batch', async ({ app, bad }) => {
    const response = await app.call('PUT', `/api/attempts/${bad.paper.id}/answers/1`, { token: bad.token, rawBody: '{"response":["\\ud800"],"seq":1}' });
    assert.is(response.status, 400);
    assert.is(response.body.error.code, 'validation_failed');
    assert.equal(response.body.error.details.map((d: { path: string; code: string }) => [d.path, d.code]), [['body.response.0', 'ill_formed_string']]);
  });

  test('a save the database refuses fails alone: every honest save in the same batches is acknowledged and stored', async ({ app, papers, tokens, bad }) => {
    const honest: Array<Promise<{ status: number; applied: boolean }>> = [];
    const refused: Array<Promise<number>> = [];
    const surrogates: Array<Promise<number>> = [];
    for (let seq = 1; seq <= ROUNDS; seq++) {
      // Every round sends all saves at once, so the poisoned one shares batches with honest ones.
      for (const [phone, paper] of papers) {
        for (let ordinal = 1; ordinal <= ITEMS; ordinal++) {
          honest.push(app.call('PUT', `/api/attempts/${paper.id}/answers/${ordinal}`, { token: tokens.get(phone)!, body: { response: fill(paper, ordinal, `答${seq}`), seq } })
            .then((r) => ({ status: r.status, applied: r.body.data?.applied })));
        }
      }
      for (let ordinal = 1; ordinal <= 2; ordinal++) {
        refused.push(app.call('PUT', `/api/attempts/${bad.paper.id}/answers/${ordinal}`, { token: bad.token, body: { response: fill(bad.paper, ordinal, 'poison'), seq } }).then((r) => r.status));
      }
      // And the issue's own case, an emoji cut in half, among the same saves.
      surrogates.push(app.call('PUT', `/api/attempts/${bad.paper.id}/answers/3`, { token: bad.token, rawBody: `{"response":["\\ud800"],"seq":${seq}}` }).then((r) => r.status));
      await Promise.all([...honest, ...refused, ...surrogates]);
    }
    const results = await Promise.all(honest);
    assert.is(results.length, HONEST.length * ITEMS * ROUNDS);
    assert.equal(results.filter((r) => r.status !== 200 || !r.applied), [], 'every honest save acknowledged and applied');
    assert.ok((await Promise.all(refused)).every((status) => status === 500), 'the refused row fails, as its own error');
    assert.equal(await Promise.all(surrogates), Array(ROUNDS).fill(400));
    const stored = await app.running.deps.db.attemptItem.findMany({ where: { attemptId: { in: [...papers.values()].map((p) => p.id) } }, select: { response: true, responseSeq: true } });
    assert.is(stored.length, HONEST.length * ITEMS);
    for (const item of stored) {
      assert.is(item.responseSeq, ROUNDS);
      assert.ok((item.response as string[]).every((text) => text === `答${ROUNDS}`), JSON.stringify(item.response));
    }
  });

  test('the answer writer itself: a row the database refuses, submitted with honest rows, fails alone', async ({ app, papers, bad }) => {
    const { deps } = app.running;
    const ids = await deps.db.attemptItem.findMany({ where: { attemptId: { in: [...papers.values()].map((p) => p.id) } }, select: { id: true }, orderBy: { id: 'asc' } });
    const badItem = await deps.db.attemptItem.findFirstOrThrow({ where: { attemptId: bad.paper.id }, select: { id: true } });
    // On MariaDB this is the issue's own case: a lone surrogate fails the JSON check of the column.
    const refusedResponse = dialect === 'mysql' ? JSON.stringify(['\ud800']) : JSON.stringify(['poison']);
    const at = app.clock.now();
    const writer = answerWriter(deps);
    const outcomes = await Promise.allSettled([
      ...ids.slice(0, 5).map((item) => writer.submit({ itemId: item.id, seq: 100, response: JSON.stringify(['直写']), at })),
      writer.submit({ itemId: badItem.id, seq: 100, response: refusedResponse, at }),
      ...ids.slice(5, 10).map((item) => writer.submit({ itemId: item.id, seq: 100, response: JSON.stringify(['直写']), at })),
    ]);
    assert.equal(outcomes.map((o) => o.status), [...Array(5).fill('fulfilled'), 'rejected', ...Array(5).fill('fulfilled')]);
    assert.ok(outcomes.every((o) => o.status === 'rejected' || o.value.kind === 'applied'));
    const stored = await deps.db.attemptItem.findMany({ where: { id: { in: ids.slice(0, 10).map((i) => i.id) } }, select: { response: true, responseSeq: true } });
    assert.ok(stored.every((item) => item.responseSeq === 100 && (item.response as string[])[0] === '直写'));
  });

  test('the heartbeat writer: a heartbeat the database refuses (no such session) fails alone', async ({ app, tokens }) => {
    const { deps } = app.running;
    const statute = await deps.db.statute.findFirstOrThrow({ select: { slug: true } });
    const opened = await app.call('POST', '/api/study/sessions', { token: tokens.get(HONEST[0]!)!, body: { statute: statute.slug } });
    assert.is(opened.status, 201, JSON.stringify(opened.body));
    const sessionId: number = opened.body.data.id;
    const beat = (id: number, seq: number): HeartbeatRow => ({
      sessionId: id, seq, serverAt: app.clock.now(), clientAt: app.clock.now(), foreground: true, taps: 1, scrolls: 0, keys: 0, gaps: [], statute: statute.slug, article: 1, scroll: 0,
    });
    const writer = heartbeatWriter(deps);
    const outcomes = await Promise.allSettled([writer.submit(beat(sessionId, 1)), writer.submit(beat(999_999_999, 1)), writer.submit(beat(sessionId, 2))]);
    assert.equal(outcomes.map((o) => o.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.is(await deps.db.heartbeat.count({ where: { sessionId } }), 2);
  });

  test.run();
}
