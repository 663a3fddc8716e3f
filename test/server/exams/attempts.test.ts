// Sitting exams over HTTP: per-cadre papers that meet the blueprint and carry no keys, the
// window and the server-fixed deadline, idempotent autosave and resume, grading of every
// type, the deadline sweep and grace period, and bad input that changes nothing.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sweepExpiredAttempts } from '../../../server/src/exams/finalize.ts';
import { gradeResponse, type AnswerKey, type Response } from '../../../server/src/exams/grading.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';
import { createBlueprint, createExam, eastFixture, oneOfEachType, POINTS } from './support.ts';

type Fixture = Awaited<ReturnType<typeof eastFixture>>;
type Context = { app: TestApp; f: Fixture };
const RULES = [
  { statute: 'xianfa', type: 'single', difficulty: 1, count: 5 },
  { statute: 'xianfa', type: 'judge', count: 3 },
  { statute: 'xingzheng-chufa-fa', type: 'multiple', count: 2 },
  { type: 'fill', difficulty: 2, count: 2 },
];

for (const dialect of testDialects()) {
  const test = suite<Context>(`exam attempts [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'full' });
    context.f = await eastFixture(context.app);
  });
  test.after(async ({ app }) => app.close());

  test('a blueprint the pool cannot satisfy is refused, naming the rule', async ({ app, f }) => {
    const response = await app.call('POST', '/api/blueprints', { token: f.organiser, body: {
      name: '过大的试卷', organizationId: f.eastId, kind: 'random', points: POINTS, passMark: 1, timeLimitMinutes: 30,
      rules: [{ statute: 'xianfa', type: 'single', count: 5 }, { statute: 'guojia-peichang-fa', type: 'fill', difficulty: 3, count: 150 }],
    } });
    assert.is(response.status, 400);
    assert.is(response.body.error.details[0].path, 'body.rules.1');
    assert.match(response.body.error.details[0].message, /可用题目只有 \d+ 道/);
  });

  test('each cadre gets a paper that meets the blueprint exactly and carries no keys', async ({ app, f }) => {
    const blueprint = await createBlueprint(app, f.organiser, { organizationId: f.eastId, kind: 'random', rules: RULES, passMark: 20 });
    assert.is(blueprint.questionCount, 12);
    assert.is(blueprint.maxScore, 5 * 2 + 3 * 1 + 2 * 4 + 2 * 3);
    const exam = await createExam(app, f.organiser, { blueprintId: blueprint.id, audience: { organizationIds: [f.eastId] } });
    const response = await app.call('POST', `/api/exams/${exam.id}/attempts`, { token: f.cadre });
    assert.is(response.status, 200);
    const paper = response.body.data;
    assert.is(paper.items.length, 12);
    const text = JSON.stringify(paper);
    assert.not.ok(/"answer"|"explanation"|"correct"/.test(text), 'no keys in the paper');
    for (const item of paper.items) assert.equal(Object.keys(item).sort(), ['blanks', 'options', 'ordinal', 'points', 'response', 'seq', 'stem', 'type']);
    const db = app.running.deps.db;
    const items = await db.attemptItem.findMany({ where: { attemptId: paper.id }, include: { questionVersion: { include: { citations: { include: { statute: true } } } } } });
    const matches = (rule: (typeof RULES)[number], v: (typeof items)[number]['questionVersion']) =>
      v.type === rule.type && (!rule.difficulty || v.difficulty === rule.difficulty) && (!rule.statute || v.citations.some((c) => c.statute.slug === rule.statute));
    const used = new Set<number>();
    for (const rule of RULES) {
      const fitting = items.filter((i) => !used.has(i.id) && matches(rule, i.questionVersion)).slice(0, rule.count);
      assert.is(fitting.length, rule.count, JSON.stringify(rule));
      for (const i of fitting) used.add(i.id);
    }
    assert.is(new Set(items.map((i) => i.questionVersion.questionId)).size, 12, 'no question twice');
    const stems = new Set(items.map((i) => i.questionVersion.stem));
    assert.ok(paper.items.every((item: { stem: string }) => stems.has(item.stem)));
    const deadline = new Date(paper.deadline).getTime() - new Date(paper.startedAt).getTime();
    assert.is(deadline, 30 * 60_000);
  });

  test('the window is enforced, and the deadline never passes the close', async ({ app, f }) => {
    const blueprint = await createBlueprint(app, f.organiser, { organizationId: f.eastId, kind: 'random', rules: [{ type: 'judge', count: 2 }], timeLimitMinutes: 120 });
    const now = app.clock.now().getTime();
    const later = await createExam(app, f.organiser, { blueprintId: blueprint.id, audience: { organizationIds: [f.eastId] }, opensAt: new Date(now + 3_600_000).toISOString(), closesAt: new Date(now + 7_200_000).toISOString() });
    const early = await app.call('POST', `/api/exams/${later.id}/attempts`, { token: f.cadre });
    assert.is(early.status, 409);
    assert.is(early.body.error.code, 'exam_not_open');
    const closing = await createExam(app, f.organiser, { blueprintId: blueprint.id, audience: { organizationIds: [f.eastId] }, closesAt: new Date(now + 10 * 60_000).toISOString() });
    const started = await app.call('POST', `/api/exams/${closing.id}/attempts`, { token: f.cadre });
    assert.is(started.body.data.deadline, new Date(now + 10 * 60_000).toISOString(), 'min(start + 120 min, close)');
    app.clock.advance(11 * 60_000);
    const closed = await app.call('POST', `/api/exams/${closing.id}/attempts`, { token: f.cadre });
    assert.is(closed.status, 409);
    assert.is(closed.body.error.code, 'exam_closed');
    const west = await app.call('POST', `/api/exams/${later.id}/attempts`, { token: f.westCadre });
    assert.is(west.status, 404, 'outside the audience the exam does not exist');
  });

  test('autosave is idempotent by sequence number, and resume returns every saved answer', async ({ app, f }) => {
    const blueprint = await createBlueprint(app, f.organiser, { organizationId: f.eastId, kind: 'random', rules: [{ type: 'single', count: 3 }, { type: 'fill', count: 1 }], shuffleQuestions: false });
    const exam = await createExam(app, f.organiser, { blueprintId: blueprint.id, audience: { userIds: [f.cadreId] } });
    const paper = (await app.call('POST', `/api/exams/${exam.id}/attempts`, { token: f.cadre })).body.data;
    const save = (ordinal: number, response: unknown, seq: number) => app.call('PUT', `/api/attempts/${paper.id}/answers/${ordinal}`, { token: f.cadre, body: { response, seq } });
    const first = await save(1, 'B', 1);
    assert.equal([first.status, first.body.data.applied, first.body.data.seq], [200, true, 1]);
    const retried = await save(1, 'C', 1);
    assert.equal([retried.status, retried.body.data.applied, retried.body.data.seq], [200, false, 1]);
    assert.is((await save(1, 'D', 3)).body.data.applied, true);
    assert.is((await save(1, 'A', 2)).body.data.applied, false, 'an older save arriving late is ignored');
    await save(4, Array(paper.items[3].blanks).fill('全国人民代表大会'), 1);
    app.clock.advance(5 * 60_000);
    const resumed = await app.call('GET', `/api/attempts/${paper.id}`, { token: f.cadre });
    assert.is(resumed.body.data.items[0].response, 'D');
    assert.equal(resumed.body.data.items[3].response, Array(paper.items[3].blanks).fill('全国人民代表大会'));
    assert.is(resumed.body.data.items[1].response, null);
    assert.is(resumed.body.data.remainingSeconds, 25 * 60);
    const again = await app.call('POST', `/api/exams/${exam.id}/attempts`, { token: f.cadre });
    assert.equal([again.body.data.id, again.body.data.resumed], [paper.id, true], 'starting again resumes');
  });

  test('bad answers are 4xx and change nothing already saved', async ({ app, f }) => {
    const blueprint = await createBlueprint(app, f.organiser, { organizationId: f.eastId, kind: 'random', rules: [{ type: 'single', count: 2 }], shuffleQuestions: false });
    const exam = await createExam(app, f.organiser, { blueprintId: blueprint.id, audience: { userIds: [f.cadreId] } });
    const paper = (await app.call('POST', `/api/exams/${exam.id}/attempts`, { token: f.cadre })).body.data;
    const save = (ordinal: number, response: unknown, seq: number, token = f.cadre) => app.call('PUT', `/api/attempts/${paper.id}/answers/${ordinal}`, { token, body: { response, seq } });
    await save(1, 'A', 1);
    const unknownKey = await save(1, 'Z', 2);
    assert.is(unknownKey.status, 400);
    assert.match(unknownKey.body.error.message, /选项 Z 不存在/);
    const notInPaper = await save(9, 'A', 3);
    assert.is(notInPaper.status, 404);
    assert.match(notInPaper.body.error.message, /试卷中没有第 9 题/);
    assert.is((await save(1, ['A', 'B'], 4)).status, 400);
    assert.is((await save(1, 'B', 5, f.westCadre)).status, 404, 'another cadre cannot touch the attempt');
    const resumed = (await app.call('GET', `/api/attempts/${paper.id}`, { token: f.cadre })).body.data;
    assert.equal([resumed.items[0].response, resumed.items[0].seq], ['A', 1]);
  });

  test('two starts at once make one attempt: one paper is drawn, every other start is a clear 409 or resumes that paper', async ({ app, f }) => {
    const blueprint = await createBlueprint(app, f.organiser, { organizationId: f.eastId, kind: 'random', rules: [{ type: 'judge', count: 5 }] });
    const exam = await createExam(app, f.organiser, { blueprintId: blueprint.id, audience: { userIds: [f.cadreId] }, attemptsAllowed: 2 });
    const responses = await Promise.all([1, 2, 3].map(() => app.call('POST', `/api/exams/${exam.id}/attempts`, { token: f.cadre })));
    assert.is(await app.running.deps.db.attempt.count({ where: { examId: exam.id } }), 1);
    const drawn = responses.filter((r) => r.status === 200 && r.body.data.resumed === false);
    assert.is(drawn.length, 1, `exactly one start draws a paper: ${responses.map((r) => `${r.status}/${r.body.data?.resumed}`).join(', ')}`);
    const paper = drawn[0]!.body.data;
    for (const r of responses.filter((response) => response !== drawn[0])) {
      if (r.status === 409) {
        assert.is(r.body.error.code, 'conflict');
        assert.match(r.body.error.message, /已在另一处开始/);
      } else {
        assert.is(r.status, 200, JSON.stringify(r.body));
        assert.equal([r.body.data.id, r.body.data.resumed, r.body.data.items.map((i: { stem: string }) => i.stem)], [paper.id, true, paper.items.map((i: { stem: string }) => i.stem)]);
      }
    }
  });

  test('grading: exact, partial credit for multiple choice, fill alternatives normalised', async ({ app, f }) => {
    const q = await oneOfEachType(app);
    const blueprint = await createBlueprint(app, f.organiser, {
      organizationId: f.eastId, kind: 'fixed', fixedQuestionIds: [q.single.questionId, q.multiple.questionId, q.judge.questionId, q.fill.questionId],
      partialCredit: true, shuffleQuestions: false, shuffleOptions: true, passMark: 5,
    });
    const exam = await createExam(app, f.organiser, { blueprintId: blueprint.id, audience: { userIds: [f.cadreId] }, reviewAfterSubmit: { score: true, correctness: true, keys: true, explanations: true } });
    const paper = (await app.call('POST', `/api/exams/${exam.id}/attempts`, { token: f.cadre })).body.data;
    // Options are shuffled: find the shown key of each original option through its text.
    const shownKey = (ordinal: number, originalKey: string, version: { options: unknown }) => {
      const text = (version.options as Array<{ key: string; text: string }>).find((o) => o.key === originalKey)!.text;
      return paper.items[ordinal - 1].options.find((o: { text: string }) => o.text === text).key as string;
    };
    const correctMultiple = q.multiple.answer as string[];
    const save = (ordinal: number, response: unknown) => app.call('PUT', `/api/attempts/${paper.id}/answers/${ordinal}`, { token: f.cadre, body: { response, seq: 1 } });
    await save(1, shownKey(1, q.single.answer as string, q.single));
    await save(2, [shownKey(2, correctMultiple[0]!, q.multiple)]);
    await save(3, !(q.judge.answer as boolean));
    const fillAnswers = (q.fill.answer as string[][]).map((alternatives) => ` ${alternatives.at(-1)!.replace(/[A-Za-z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))}。`);
    await save(4, fillAnswers);
    const submitted = await app.call('POST', `/api/attempts/${paper.id}/submit`, { token: f.cadre });
    assert.is(submitted.status, 200);
    const result = submitted.body.data;
    const partial = Math.round((POINTS.multiple / correctMultiple.length) * 100) / 100;
    assert.equal(result.items.map((i: { score: number }) => i.score), [POINTS.single, partial, 0, POINTS.fill]);
    assert.equal(result.items.map((i: { correct: boolean }) => i.correct), [true, false, false, true]);
    assert.is(result.score, Math.round((POINTS.single + partial + POINTS.fill) * 100) / 100);
    assert.is(result.passed, result.score >= 5);
    assert.is(result.items[1].key.length, correctMultiple.length);
    assert.ok(result.items[1].key.includes(shownKey(2, correctMultiple[0]!, q.multiple)), 'keys come back in the shown letters');
    assert.ok(result.breakdown.some((b: { statute: string }) => b.statute === 'xianfa'));
    assert.ok(result.items[0].citations[0].text.length > 5, 'the cited article text comes with the explanation');
  });

  test('the deadline sweep submits an unfinished attempt at its deadline', async ({ app, f }) => {
    const blueprint = await createBlueprint(app, f.organiser, { organizationId: f.eastId, kind: 'random', rules: [{ type: 'judge', count: 2 }], timeLimitMinutes: 10 });
    const exam = await createExam(app, f.organiser, { blueprintId: blueprint.id, audience: { userIds: [f.cadreId] } });
    const paper = (await app.call('POST', `/api/exams/${exam.id}/attempts`, { token: f.cadre })).body.data;
    await app.call('PUT', `/api/attempts/${paper.id}/answers/1`, { token: f.cadre, body: { response: true, seq: 1 } });
    const db = app.running.deps.db;
    assert.is(await sweepExpiredAttempts(app.running.deps, app.clock.now()), 0, 'nothing is due yet');
    app.clock.advance(11 * 60_000);
    const late = await app.call('PUT', `/api/attempts/${paper.id}/answers/2`, { token: f.cadre, body: { response: true, seq: 1 } });
    assert.is(late.status, 409);
    assert.is(late.body.error.code, 'deadline_passed');
    assert.ok(await sweepExpiredAttempts(app.running.deps, app.clock.now()) >= 1);
    const attempt = await db.attempt.findUniqueOrThrow({ where: { id: paper.id } });
    assert.equal([attempt.status, attempt.autoSubmitted, attempt.submittedAt?.toISOString()], ['submitted', true, paper.deadline]);
    assert.is(await sweepExpiredAttempts(app.running.deps, app.clock.now()), 0, 'the sweep is idempotent');
    const item2 = await db.attemptItem.findUniqueOrThrow({ where: { attemptId_ordinal: { attemptId: paper.id, ordinal: 2 } } });
    assert.is(item2.response, null);
  });

  test('a grace period accepts a submit but no answers after the deadline', async ({ app, f }) => {
    const blueprint = await createBlueprint(app, f.organiser, { organizationId: f.eastId, kind: 'random', rules: [{ type: 'judge', count: 2 }], timeLimitMinutes: 5 });
    const exam = await createExam(app, f.organiser, { blueprintId: blueprint.id, audience: { userIds: [f.cadreId] }, graceSeconds: 120 });
    const paper = (await app.call('POST', `/api/exams/${exam.id}/attempts`, { token: f.cadre })).body.data;
    app.clock.advance(5 * 60_000 + 30_000);
    assert.is((await app.call('PUT', `/api/attempts/${paper.id}/answers/1`, { token: f.cadre, body: { response: true, seq: 1 } })).status, 409);
    await sweepExpiredAttempts(app.running.deps, app.clock.now());
    const waiting = await app.running.deps.db.attempt.findUniqueOrThrow({ where: { id: paper.id } });
    assert.is(waiting.status, 'in_progress', 'the sweep waits for the grace period');
    const submitted = await app.call('POST', `/api/attempts/${paper.id}/submit`, { token: f.cadre });
    assert.is(submitted.status, 200);
    assert.equal([submitted.body.data.status, submitted.body.data.autoSubmitted], ['submitted', false]);
    assert.is(submitted.body.data.submittedAt, app.clock.now().toISOString());
  });

  test('an attempt left open is swept once its grace has passed, submitted at its deadline', async ({ app, f }) => {
    const blueprint = await createBlueprint(app, f.organiser, { organizationId: f.eastId, kind: 'random', rules: [{ type: 'judge', count: 2 }], timeLimitMinutes: 5 });
    const exam = await createExam(app, f.organiser, { blueprintId: blueprint.id, audience: { userIds: [f.cadreId] }, graceSeconds: 120 });
    const paper = (await app.call('POST', `/api/exams/${exam.id}/attempts`, { token: f.cadre })).body.data;
    const db = app.running.deps.db;
    app.clock.advance(5 * 60_000 + 119_000);
    await sweepExpiredAttempts(app.running.deps, app.clock.now());
    assert.is((await db.attempt.findUniqueOrThrow({ where: { id: paper.id } })).status, 'in_progress', 'a second before the grace ends');
    app.clock.advance(2_000);
    assert.ok(await sweepExpiredAttempts(app.running.deps, app.clock.now()) >= 1);
    const attempt = await db.attempt.findUniqueOrThrow({ where: { id: paper.id } });
    assert.equal([attempt.status, attempt.autoSubmitted, attempt.submittedAt?.toISOString()], ['submitted', true, paper.deadline]);
  });

  test('prefer-unseen draws no question the cadre has already seen while unseen ones suffice', async ({ app, f }) => {
    const db = app.running.deps.db;
    const unit = await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E-GA' } });
    const user = await db.user.create({ data: { name: '新考生', phone: '13650000098', organizationId: unit.id, roles: { create: { role: 'cadre' } } } });
    const token = await app.tokenFor({ userId: user.id });
    const rule = { statute: 'jiancha-fa', type: 'judge' };
    const available = (await app.call('POST', '/api/blueprints/pool-counts', { token: f.organiser, body: { organizationId: f.eastId, rules: [{ ...rule, count: 1 }] } })).body.data.rows[0].available;
    const seen = await db.questionVersion.findMany({ where: { isCurrent: true, type: 'judge', question: { organizationId: null, status: 'active' }, citations: { some: { statute: { slug: rule.statute } } } }, take: 4 });
    assert.ok(available >= 10 && seen.length === 4, `pool of ${available}`);
    for (const version of seen) {
      const practised = await app.call('POST', '/api/practice/answers', { token, body: { questionId: version.questionId, versionId: version.id, response: true, mode: 'random' } });
      assert.is(practised.status, 200, JSON.stringify(practised.body));
    }
    const blueprint = await createBlueprint(app, f.organiser, { organizationId: f.eastId, kind: 'random', rules: [{ ...rule, count: available - seen.length }], preferUnseen: true });
    const exam = await createExam(app, f.organiser, { blueprintId: blueprint.id, audience: { userIds: [user.id] } });
    const paper = (await app.call('POST', `/api/exams/${exam.id}/attempts`, { token })).body.data;
    const drawn = await db.attemptItem.findMany({ where: { attemptId: paper.id }, include: { questionVersion: { select: { questionId: true } } } });
    assert.is(drawn.length, available - seen.length);
    const seenIds = new Set(seen.map((v) => v.questionId));
    assert.equal(drawn.filter((item) => seenIds.has(item.questionVersion.questionId)).length, 0, 'no seen question drawn');
  });

  test('saves racing the submit are either graded with it or refused, never stored ungraded', async ({ app, f }) => {
    const db = app.running.deps.db;
    const blueprint = await createBlueprint(app, f.organiser, { organizationId: f.eastId, kind: 'random', rules: [{ type: 'judge', count: 12 }, { type: 'single', count: 12 }], shuffleQuestions: false });
    for (let round = 0; round < 3; round++) {
      const exam = await createExam(app, f.organiser, { blueprintId: blueprint.id, audience: { userIds: [f.cadreId] } });
      const paper = (await app.call('POST', `/api/exams/${exam.id}/attempts`, { token: f.cadre })).body.data;
      const save = (item: { ordinal: number; type: string; options: Array<{ key: string }> | null }) =>
        app.call('PUT', `/api/attempts/${paper.id}/answers/${item.ordinal}`, { token: f.cadre, body: { response: item.type === 'judge' ? true : item.options![0]!.key, seq: 1 } });
      const half = paper.items.length / 2;
      const early = paper.items.slice(0, half).map(save);
      const submit = app.call('POST', `/api/attempts/${paper.id}/submit`, { token: f.cadre });
      const late = paper.items.slice(half).map(save);
      const saves = await Promise.all([...early, ...late]);
      assert.is((await submit).status, 200);
      const refused = saves.filter((s) => s.status !== 200);
      assert.ok(refused.every((s) => s.status === 409 && s.body.error.code === 'attempt_finished'), JSON.stringify(refused.map((s) => s.body)));
      const items = await db.attemptItem.findMany({ where: { attemptId: paper.id }, orderBy: { ordinal: 'asc' }, include: { questionVersion: { select: { type: true, answer: true } } } });
      saves.forEach((s, i) => {
        const item = items[i]!;
        if (s.status === 200) {
          assert.ok(item.response !== null, `item ${item.ordinal}: acknowledged save stored`);
          const expected = gradeResponse(item.questionVersion.type, item.questionVersion.answer as AnswerKey, item.response as Response, item.points, 'all-or-nothing');
          assert.equal([item.score, item.correct], [expected.score, expected.correct], `item ${item.ordinal}: graded on the stored response`);
        } else {
          assert.is(item.response, null, `item ${item.ordinal}: refused save not stored`);
        }
      });
      const attempt = await db.attempt.findUniqueOrThrow({ where: { id: paper.id } });
      assert.is(attempt.score, items.reduce((sum, i) => sum + (i.score ?? 0), 0), 'the score is the sum of the graded items');
      // The paper read afterwards shows exactly the saves graded: none landed after the grading read them.
      const reread = (await app.call('GET', `/api/attempts/${paper.id}`, { token: f.cadre })).body.data;
      assert.equal(reread.items.map((i: { response: unknown }) => i.response !== null), saves.map((s) => s.status === 200));
    }
  });

  test.run();
}
