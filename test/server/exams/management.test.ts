// Running exams as an organiser: overrides (audited), make-ups for those who failed or were
// absent, review options, results by organisation, and item statistics on a constructed data
// set whose values are known in advance.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';
import { createBlueprint, createExam, eastFixture, POINTS } from './support.ts';

type Fixture = Awaited<ReturnType<typeof eastFixture>>;
type Context = { app: TestApp; f: Fixture; people: Array<{ id: number; token: string }>; unitId: number };

for (const dialect of testDialects()) {
  const test = suite<Context>(`exam management [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'full' });
    context.f = await eastFixture(context.app);
    const db = context.app.running.deps.db;
    context.unitId = (await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E-GA' } })).id;
    context.people = [];
    for (const n of [1, 2, 3, 4, 5, 6]) {
      const user = await db.user.create({ data: { name: `考生${n}`, phone: `1360000000${n}`, organizationId: context.unitId, roles: { create: { role: 'cadre' } } } });
      context.people.push({ id: user.id, token: await context.app.tokenFor({ userId: user.id }) });
    }
  });
  test.after(async ({ app }) => app.close());

  const judgeBlueprint = (app: TestApp, f: Fixture, extra: Record<string, unknown> = {}) =>
    createBlueprint(app, f.organiser, { organizationId: f.eastId, kind: 'random', rules: [{ type: 'judge', count: 2 }], timeLimitMinutes: 20, passMark: 2, ...extra });
  /** Answers every judge item right (true key) or wrong, using the keys only the test can read. */
  async function sit(app: TestApp, token: string, examId: number, right: boolean) {
    const paper = (await app.call('POST', `/api/exams/${examId}/attempts`, { token })).body.data;
    const items = await app.running.deps.db.attemptItem.findMany({ where: { attemptId: paper.id }, include: { questionVersion: true }, orderBy: { ordinal: 'asc' } });
    for (const item of items) {
      const key = item.questionVersion.answer as boolean;
      await app.call('PUT', `/api/attempts/${paper.id}/answers/${item.ordinal}`, { token, body: { response: right ? key : !key, seq: 1 } });
    }
    return (await app.call('POST', `/api/attempts/${paper.id}/submit`, { token })).body.data;
  }

  test('overrides give one person more time, a later close and another attempt, each audited with its reason', async ({ app, f, people }) => {
    const blueprint = await judgeBlueprint(app, f);
    const now = app.clock.now().getTime();
    const exam = await createExam(app, f.organiser, { blueprintId: blueprint.id, audience: { userIds: [people[0]!.id, people[1]!.id] }, closesAt: new Date(now + 30 * 60_000).toISOString() });
    const override = await app.call('POST', `/api/exams/${exam.id}/overrides`, { token: f.organiser, body: { userId: people[0]!.id, extraMinutes: 15, extraAttempts: 1, closesAt: new Date(now + 90 * 60_000).toISOString(), reason: '视力障碍，经批准延长时间' } });
    assert.is(override.status, 201);
    const mine = (await app.call('POST', `/api/exams/${exam.id}/attempts`, { token: people[0]!.token })).body.data;
    assert.is(new Date(mine.deadline).getTime() - new Date(mine.startedAt).getTime(), 35 * 60_000);
    const other = (await app.call('POST', `/api/exams/${exam.id}/attempts`, { token: people[1]!.token })).body.data;
    assert.is(new Date(other.deadline).getTime() - new Date(other.startedAt).getTime(), 20 * 60_000);
    await app.call('POST', `/api/attempts/${mine.id}/submit`, { token: people[0]!.token });
    app.clock.advance(45 * 60_000);
    const second = await app.call('POST', `/api/exams/${exam.id}/attempts`, { token: people[0]!.token });
    assert.equal([second.status, second.body.data.attemptNo], [200, 2], 'a second attempt after the normal close');
    const refused = await app.call('POST', `/api/exams/${exam.id}/attempts`, { token: people[1]!.token });
    assert.is(refused.body.error.code, 'exam_closed');
    const audit = await app.running.deps.db.auditLog.findFirstOrThrow({ where: { action: 'exam.override', subjectId: String(exam.id) } });
    assert.is((audit.details as { reason: string }).reason, '视力障碍，经批准延长时间');
    const noReason = await app.call('POST', `/api/exams/${exam.id}/overrides`, { token: f.organiser, body: { userId: people[1]!.id, extraMinutes: 5, reason: '' } });
    assert.is(noReason.status, 400);
  });

  test('a make-up exam reaches exactly those who failed or were absent', async ({ app, f, people }) => {
    const blueprint = await judgeBlueprint(app, f);
    const exam = await createExam(app, f.organiser, { blueprintId: blueprint.id, audience: { userIds: people.slice(0, 3).map((p) => p.id) } });
    const passed = await sit(app, people[0]!.token, exam.id, true);
    const failed = await sit(app, people[1]!.token, exam.id, false);
    assert.equal([passed.passed, failed.passed], [true, false]);
    app.clock.advance(2 * 3_600_000);
    const now = app.clock.now().getTime();
    const makeUp = await app.call('POST', `/api/exams/${exam.id}/make-up`, { token: f.organiser, body: { opensAt: new Date(now).toISOString(), closesAt: new Date(now + 3_600_000).toISOString() } });
    assert.is(makeUp.status, 201);
    assert.equal(makeUp.body.data.audience.userIds.sort(), [people[1]!.id, people[2]!.id].sort());
    assert.is(makeUp.body.data.makeUpOfId, exam.id);
    assert.match(makeUp.body.data.title, /补考/);
    assert.is((await app.call('POST', `/api/exams/${makeUp.body.data.id}/attempts`, { token: people[0]!.token })).status, 404);
    assert.is((await app.call('POST', `/api/exams/${makeUp.body.data.id}/attempts`, { token: people[2]!.token })).status, 200);
  });

  test('review options hide keys after submitting and show them once the window closes', async ({ app, f, people }) => {
    const blueprint = await judgeBlueprint(app, f);
    const exam = await createExam(app, f.organiser, { blueprintId: blueprint.id, audience: { userIds: [people[3]!.id] }, reviewAfterSubmit: { score: true }, reviewAfterClose: { score: true, correctness: true, keys: true, explanations: true } });
    const result = await sit(app, people[3]!.token, exam.id, true);
    assert.is(result.score, 2);
    assert.ok(result.items.every((i: { key: unknown; correct: unknown; explanation: unknown }) => i.key === null && i.correct === null && i.explanation === null));
    const mine = (await app.call('GET', '/api/my/exams', { token: people[3]!.token })).body.data.find((e: { id: number }) => e.id === exam.id);
    assert.equal([mine.state, mine.attemptsUsed, mine.countedScore, mine.passed], ['open', 1, 2, true]);
    app.clock.advance(2 * 3_600_000);
    const later = await app.call('GET', `/api/attempts/${result.attemptId}/result`, { token: people[3]!.token });
    assert.ok(later.body.data.items.every((i: { key: unknown; correct: boolean; explanation: string }) => typeof i.key === 'boolean' && i.correct === true && i.explanation.length > 0));
  });

  test('item statistics on a constructed data set', async ({ app, f, people, unitId }) => {
    const db = app.running.deps.db;
    const firstCitesXianfa = { isCurrent: true, question: { ownerKey: 'national', status: 'active' as const }, citations: { some: { ordinal: 0, statute: { slug: 'xianfa' } } } };
    const judges = await db.questionVersion.findMany({ where: { ...firstCitesXianfa, type: 'judge' }, take: 3, orderBy: { id: 'asc' } });
    const single = await db.questionVersion.findFirstOrThrow({ where: { ...firstCitesXianfa, type: 'single' }, orderBy: { id: 'asc' } });
    const blueprint = await createBlueprint(app, f.organiser, { organizationId: f.eastId, kind: 'fixed', fixedQuestionIds: [...judges.map((j) => j.questionId), single.questionId], shuffleQuestions: false, shuffleOptions: false, passMark: 3 });
    const exam = await createExam(app, f.organiser, { blueprintId: blueprint.id, audience: { organizationIds: [unitId] } });
    const key = single.answer as string;
    const wrong = (single.options as Array<{ key: string }>).find((o) => o.key !== key)!.key;
    // Rows are people 1–6; columns Q1–Q3 (judge, 1 point, true = right) and Q4 (single, 2 points).
    const design: Array<[boolean, boolean, boolean, boolean]> = [
      [true, true, false, true], [true, true, false, true], [true, true, false, false],
      [false, true, true, false], [false, true, true, false], [false, true, true, false],
    ];
    for (const [index, row] of design.entries()) {
      const { token } = people[index]!;
      const paper = (await app.call('POST', `/api/exams/${exam.id}/attempts`, { token })).body.data;
      for (const [q, right] of row.slice(0, 3).entries()) {
        const answer = judges[q]!.answer as boolean;
        await app.call('PUT', `/api/attempts/${paper.id}/answers/${q + 1}`, { token, body: { response: right ? answer : !answer, seq: 1 } });
      }
      await app.call('PUT', `/api/attempts/${paper.id}/answers/4`, { token, body: { response: row[3] ? key : wrong, seq: 1 } });
      await app.call('POST', `/api/attempts/${paper.id}/submit`, { token });
    }
    const response = await app.call('GET', `/api/exams/${exam.id}/statistics`, { token: f.organiser });
    assert.is(response.status, 200);
    const stats = response.body.data;
    assert.is(stats.attempts, 6);
    const of = (versionQuestionId: number) => stats.items.find((i: { questionId: number }) => i.questionId === versionQuestionId);
    const [q1, q2, q3] = judges.map((j) => of(j.questionId));
    const q4 = of(single.questionId);
    // Facility: Q1 3/6, Q2 6/6, Q3 3/6, Q4 (2 × 2 points) / (6 × 2 points).
    assert.equal([q1.facility, q2.facility, q3.facility, q4.facility], [0.5, 1, 0.5, 0.333]);
    // Totals are 4, 4, 2, 2, 2, 2: the top group (2 of 6) got Q1 right and Q3 wrong; the bottom group the reverse.
    assert.ok(q1.discrimination > 0 && !q1.flagged);
    assert.ok(q3.discrimination < 0 && q3.flagged, 'negative discrimination is flagged for review');
    assert.is(q2.pointBiserial, null, 'everyone right: no variance');
    assert.equal(q4.optionCounts, { [key]: 2, [wrong]: 4 });
    assert.equal(stats.items[0].questionId, judges[2]!.questionId, 'flagged items first');
    const statute = stats.byStatute.find((s: { statute: string }) => s.statute === '中华人民共和国宪法');
    assert.is(statute.facility, Math.round((16 / 30) * 1000) / 1000);
    assert.ok(stats.byOrganization.some((row: { organization: string; statute: string }) => row.organization === '东城县公安局' && row.statute === '中华人民共和国宪法'));
    const bank = (await app.call('GET', '/api/statistics/items?statute=xianfa', { token: f.organiser })).body.data;
    assert.is(bank.items.find((i: { questionId: number }) => i.questionId === judges[2]!.questionId).flagged, true, 'the bank-wide view flags it too');
    const westView = (await app.call('GET', '/api/statistics/items', { token: await app.tokenFor({ username: 'organiser-west' }) })).body.data;
    assert.not.ok(westView.items.some((i: { questionId: number }) => i.questionId === judges[2]!.questionId), 'east attempts stay out of the west view');
    const rows = await app.call('GET', `/api/exams/${exam.id}/attempts?organizationId=${unitId}`, { token: f.organiser });
    assert.is(rows.body.pagination.total, 6);
    assert.equal(rows.body.data.map((r: { score: number }) => r.score), [4, 4, 2, 2, 2, 2]);
  });

  test('exams and their results stay inside the organiser\'s county', async ({ app, f, people }) => {
    const west = await app.tokenFor({ username: 'organiser-west' });
    const bureau = await app.tokenFor({ username: 'bureau' });
    const blueprint = await judgeBlueprint(app, f);
    const exam = await createExam(app, f.organiser, { blueprintId: blueprint.id, audience: { userIds: [people[0]!.id] } });
    assert.is((await app.call('GET', `/api/exams/${exam.id}`, { token: west })).status, 404);
    assert.is((await app.call('GET', `/api/exams/${exam.id}/statistics`, { token: west })).status, 404);
    assert.is((await app.call('GET', `/api/exams/${exam.id}`, { token: bureau })).status, 200);
    assert.is((await app.call('POST', `/api/exams/${exam.id}/overrides`, { token: bureau, body: { userId: people[0]!.id, reason: '测试原因' } })).status, 403);
    const foreignAudience = await app.call('POST', '/api/exams', { token: west, body: { title: '越权考试', blueprintId: blueprint.id, opensAt: new Date().toISOString(), closesAt: new Date(Date.now() + 60_000).toISOString(), audience: { userIds: [people[0]!.id] } } });
    assert.is(foreignAudience.status, 404, 'the east blueprint is invisible to the west organiser');
    const list = await app.call('GET', '/api/exams?pageSize=100', { token: west });
    assert.ok(list.body.data.every((e: { organizationId: number }) => e.organizationId !== f.eastId));
  });

  test.run();
}
