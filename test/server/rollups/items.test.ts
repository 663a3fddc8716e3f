// The item roll-up (stats/item-rollup.ts) against item statistics computed afresh from every
// graded answer, as the reports were before the roll-up — bank-wide, per exam and the unit ×
// statute heatmap — and the exam roll-up (rollups/exam-days.ts) against the attempts per unit and
// Beijing day and the dashboard's exam figures: after attempts are graded, after a late make-up is
// graded, after a cadre moves to another unit (their attempts still queued); graded attempts
// left queued are added first by a report, once whoever adds them; and the rebuild command gives
// what was kept. On both databases.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Db } from '../../../server/src/db/client.ts';
import { facilityBy, itemStatistics, type ItemResponse } from '../../../server/src/stats/item-statistics.ts';
import { rebuildItemRollup } from '../../../server/src/stats/item-rollup.ts';
import { beijingDay, DAY_MS, startOfBeijingDay } from '../../../server/src/rollups/beijing-day.ts';
import { rebuildExamDays } from '../../../server/src/rollups/exam-days.ts';
import { applyQueuedAttempts, queueApplier } from '../../../server/src/rollups/attempt-queue.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';
import { createBlueprint, createExam, eastFixture } from '../exams/support.ts';

type Fixture = Awaited<ReturnType<typeof eastFixture>>;
type Context = { app: TestApp; f: Fixture; people: Array<{ id: number; token: string }>; examId: number; eastPath: string };

/** Item statistics from every graded answer of the east county (the organiser's scope), as the report computed them on raw rows. */
async function fromAnswers(db: Db, eastPath: string, examId?: number) {
  const attempts = await db.attempt.findMany({
    where: { status: 'submitted', ...(examId ? { examId } : {}), user: { organization: { path: { startsWith: eastPath } } } },
    select: { id: true, score: true, user: { select: { organization: { select: { name: true } } } }, items: { select: { score: true, points: true, response: true, statuteId: true, questionVersion: { select: { questionId: true, type: true } } } } },
  });
  const titles = new Map((await db.statute.findMany()).map((s) => [s.id, s.title]));
  const responses: ItemResponse[] = [];
  const byStatute: Array<{ group: string; score: number; maxScore: number }> = [];
  const byOrganization: Array<{ group: string; score: number; maxScore: number }> = [];
  for (const attempt of attempts) {
    for (const item of attempt.items) {
      const { questionId, type } = item.questionVersion;
      const chosen = type === 'single' || type === 'multiple' ? [item.response].flat().filter((k): k is string => typeof k === 'string') : null;
      responses.push({ attemptId: attempt.id, questionId, score: item.score ?? 0, maxScore: item.points, chosen });
      if (item.statuteId) {
        byStatute.push({ group: titles.get(item.statuteId)!, score: item.score ?? 0, maxScore: item.points });
        byOrganization.push({ group: `${attempt.user.organization.name}|${titles.get(item.statuteId)}`, score: item.score ?? 0, maxScore: item.points });
      }
    }
  }
  const items = itemStatistics(responses, attempts.map((a) => ({ attemptId: a.id, total: a.score ?? 0 })));
  return {
    attempts: attempts.length,
    items: items.map((s) => ({ questionId: s.questionId, responses: s.responses, facility: s.facility, pointBiserial: s.pointBiserial, optionCounts: s.optionCounts, discrimination: s.discrimination })),
    byStatute: facilityBy(byStatute).map((g) => [g.group, g.responses, g.facility]).sort(),
    byOrganization: facilityBy(byOrganization).map((g) => [g.group, g.responses, g.facility]).sort(),
  };
}

type Report = { attempts: number; items: Array<Record<string, unknown> & { questionId: number }>; byStatute: Array<{ statute: string; responses: number; facility: number }>; byOrganization: Array<{ organization: string; statute: string; responses: number; facility: number }> };

/** The report's figures in the shape fromAnswers gives; bank-wide there is no upper–lower index. */
function figuresOf(report: Report, withDiscrimination: boolean) {
  return {
    attempts: report.attempts,
    items: report.items.map((i) => ({ questionId: i.questionId, responses: i.responses, facility: i.facility, pointBiserial: i.pointBiserial, optionCounts: i.optionCounts, discrimination: i.discrimination }))
      .sort((a, b) => a.questionId - b.questionId),
    byStatute: report.byStatute.map((g) => [g.statute, g.responses, g.facility]).sort(),
    byOrganization: report.byOrganization.map((g) => [`${g.organization}|${g.statute}`, g.responses, g.facility]).sort(),
    withDiscrimination,
  };
}

async function assertAgrees(c: Context, after: string) {
  const db = c.app.running.deps.db;
  const bank = (await c.app.call('GET', '/api/statistics/items', { token: c.f.organiser })).body.data;
  const raw = await fromAnswers(db, c.eastPath);
  assert.ok(raw.items.length > 0);
  assert.equal(figuresOf(bank, false), { ...raw, items: raw.items.map((i) => ({ ...i, discrimination: null })), withDiscrimination: false }, `bank-wide, after ${after}`);
  const exam = (await c.app.call('GET', `/api/exams/${c.examId}/statistics`, { token: c.f.organiser })).body.data;
  assert.equal(figuresOf(exam, true), { ...await fromAnswers(db, c.eastPath, c.examId), withDiscrimination: true }, `one exam, after ${after}`);
  const heatmap = (await c.app.call('GET', `/api/statistics/heatmap`, { token: c.f.organiser })).body.data;
  const cells = heatmap.cells.map((cell: { organizationName: string; statuteTitle: string; responses: number; facility: number }) => [`${cell.organizationName}|${cell.statuteTitle}`, cell.responses, cell.facility]).sort();
  assert.equal(cells, raw.byOrganization, `the heatmap, after ${after}`);
}

/** The exam roll-up against the attempts, and the dashboard's exam figures for the county's year against its cadres' attempts. */
async function assertExamDaysAgree(c: Context, after: string) {
  const db = c.app.running.deps.db;
  await queueApplier(c.app.running.deps).idle();
  const attempts = await db.attempt.findMany({ where: { status: 'submitted' }, select: { submittedAt: true, passed: true, score: true, maxScore: true, user: { select: { organizationId: true } } } });
  const days = new Map<string, [number, number, number, number]>();
  for (const a of attempts) {
    const key = `${a.user.organizationId}|${beijingDay(a.submittedAt!.getTime())}`;
    const day = days.get(key) ?? [0, 0, 0, 0];
    days.set(key, [day[0] + 1, day[1] + (a.passed ? 1 : 0), day[2] + Math.round((a.score ?? 0) * 100), day[3] + Math.round(a.maxScore * 100)]);
  }
  const rolled = (await db.examDayRollup.findMany()).map((r) => [`${r.organizationId}|${r.day}`, [r.attempts, r.passed, Number(r.scoreSum), Number(r.maxScoreSum)]] as const);
  assert.equal(rolled.sort(), [...days].sort(), `exam days, after ${after}`);
  // Whole Beijing days around the clock, as the console asks: the roll-up answers these.
  const midnight = startOfBeijingDay(c.app.clock.now().getTime());
  const year = { from: new Date(midnight - 30 * DAY_MS).toISOString(), to: new Date(midnight + 30 * DAY_MS).toISOString() };
  const shown = (await c.app.call('GET', `/api/dashboard?organizationId=${c.f.eastId}&from=${year.from}&to=${year.to}`, { token: await c.app.tokenFor({ username: 'bureau' }) })).body.data.totals.exams;
  const cadres = await db.user.findMany({ where: { status: 'active', roles: { some: { role: 'cadre' } }, organization: { path: { startsWith: c.eastPath } } }, select: { id: true } });
  const mine = await db.attempt.findMany({ where: { status: 'submitted', userId: { in: cadres.map((u) => u.id) }, submittedAt: { gte: new Date(year.from), lt: new Date(year.to) } } });
  const score = mine.reduce((n, a) => n + (a.score ?? 0), 0);
  const maxScore = mine.reduce((n, a) => n + a.maxScore, 0);
  assert.equal(shown, {
    attempts: mine.length, passed: mine.filter((a) => a.passed).length,
    passRate: mine.length ? Math.round((mine.filter((a) => a.passed).length / mine.length) * 1000) / 1000 : null,
    averagePercent: maxScore ? Math.round((score / maxScore) * 1000) / 10 : null,
  }, `the dashboard's exams, after ${after}`);
  assert.ok(shown.attempts > 0);
}

/**
 * As if every graded attempt had been queued and none added yet (a process stopped after its
 * gradings): the item and exam roll-ups emptied and every submitted attempt queued. Their 考 tasks
 * stay counted, which adding again leaves as they are.
 */
async function requeueAll(db: Db) {
  await db.itemRollup.deleteMany();
  await db.examDayRollup.deleteMany();
  const submitted = await db.attempt.findMany({ where: { status: 'submitted' }, select: { id: true } });
  await db.rollupQueue.createMany({ data: submitted.map((a) => ({ attemptId: a.id })) });
}

const rolledRows = async (db: Db) => [
  ...(await db.itemRollup.findMany()), ...(await db.examDayRollup.findMany()),
].map((row) => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).sort();

for (const dialect of testDialects()) {
  const test = suite<Context>(`item roll-up [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'full' });
    context.f = await eastFixture(context.app);
    const db = context.app.running.deps.db;
    context.eastPath = (await db.organization.findUniqueOrThrow({ where: { id: context.f.eastId } })).path;
    const units = await db.organization.findMany({ where: { code: { in: ['DEMO-E-GA', 'DEMO-E-ZF'] } }, orderBy: { code: 'asc' } });
    context.people = [];
    for (const n of [1, 2, 3, 4, 5, 6, 7]) {
      const user = await db.user.create({ data: { name: `考生${n}`, phone: `1370000000${n}`, organizationId: units[n % 2]!.id, roles: { create: { role: 'cadre' } } } });
      context.people.push({ id: user.id, token: await context.app.tokenFor({ userId: user.id }) });
    }
  });
  test.after(async ({ app }) => app.close());

  /** Answers the paper: the items whose ordinal is in `right` correctly, the rest wrongly; choice items with a real option. */
  async function sit(c: Context, token: string, examId: number, right: number[], late = false) {
    const db = c.app.running.deps.db;
    const paper = (await c.app.call('POST', `/api/exams/${examId}/attempts`, { token })).body.data;
    const items = await db.attemptItem.findMany({ where: { attemptId: paper.id }, include: { questionVersion: true }, orderBy: { ordinal: 'asc' } });
    for (const item of items) {
      const { type, answer, options } = item.questionVersion;
      const wrong = type === 'judge' ? !answer : type === 'single' ? (options as Array<{ key: string }>).find((o) => o.key !== answer)!.key : null;
      const shown = (response: unknown) => {
        // Papers may shuffle options: the cadre answers in the keys shown.
        const map = item.optionMap as Record<string, string> | null;
        if (!map || typeof response !== 'string') return response;
        return Object.entries(map).find(([, own]) => own === response)![0];
      };
      if (right.includes(item.ordinal) || wrong !== null) {
        await c.app.call('PUT', `/api/attempts/${paper.id}/answers/${item.ordinal}`, { token, body: { response: shown(right.includes(item.ordinal) ? answer : wrong), seq: 1 } });
      }
    }
    if (late) c.app.clock.advance(31 * 60_000);
    const submitted = await c.app.call('POST', `/api/attempts/${paper.id}/submit`, { token });
    assert.is(submitted.status, 200, JSON.stringify(submitted.body));
    return submitted.body.data;
  }

  test('attempts graded', async (c) => {
    const db = c.app.running.deps.db;
    const firstCitesXianfa = { isCurrent: true, question: { ownerKey: 'national', status: 'active' as const }, citations: { some: { ordinal: 0, statute: { slug: 'xianfa' } } } };
    const judges = await db.questionVersion.findMany({ where: { ...firstCitesXianfa, type: 'judge' }, take: 3, orderBy: { id: 'asc' } });
    const single = await db.questionVersion.findFirstOrThrow({ where: { isCurrent: true, type: 'single', question: { ownerKey: 'national', status: 'active' } }, orderBy: { id: 'desc' } });
    const blueprint = await createBlueprint(c.app, c.f.organiser, { organizationId: c.f.eastId, kind: 'fixed', fixedQuestionIds: [...judges.map((j) => j.questionId), single.questionId], shuffleQuestions: false, shuffleOptions: true, passMark: 4 });
    const exam = await createExam(c.app, c.f.organiser, { blueprintId: blueprint.id, audience: { userIds: c.people.map((p) => p.id) } });
    c.examId = exam.id;
    const design = [[1, 2, 4], [1, 2, 4], [1, 2], [2, 3], [2, 3], [2]];
    for (const [index, right] of design.entries()) await sit(c, c.people[index]!.token, exam.id, right);
    await queueApplier(c.app.running.deps).idle();
    assert.ok(await db.itemRollup.count() > 0, 'added after the gradings, by the queue\'s applier');
    assert.is(await db.rollupQueue.count(), 0);
    await assertAgrees(c, 'attempts were graded');
    await assertExamDaysAgree(c, 'attempts were graded');
  });

  test('a late make-up graded', async (c) => {
    const now = c.app.clock.now().getTime();
    c.app.clock.advance(2 * 3_600_000);
    const makeUp = await c.app.call('POST', `/api/exams/${c.examId}/make-up`, { token: c.f.organiser, body: { opensAt: new Date(now + 2 * 3_600_000).toISOString(), closesAt: new Date(now + 6 * 3_600_000).toISOString() } });
    assert.is(makeUp.status, 201, JSON.stringify(makeUp.body));
    const late = await sit(c, c.people[6]!.token, makeUp.body.data.id, [1, 3, 4], true);
    assert.is(late.autoSubmitted, true, 'past its deadline: graded as of the deadline');
    await assertAgrees(c, 'a late make-up was graded');
    await assertExamDaysAgree(c, 'a late make-up was graded');
  });

  test('attempts left queued: read first by a report, added once by concurrent appliers', async (c) => {
    const db = c.app.running.deps.db;
    const kept = await rolledRows(db);
    await requeueAll(db);
    assert.equal(await rolledRows(db), []);
    await assertAgrees(c, 'a report found the attempts queued');
    assert.is(await db.rollupQueue.count(), 0);
    assert.equal(await rolledRows(db), kept);
    await requeueAll(db);
    await Promise.all([applyQueuedAttempts(db), applyQueuedAttempts(db), c.app.call('GET', '/api/statistics/heatmap', { token: c.f.organiser })]);
    assert.equal(await rolledRows(db), kept);
    await assertExamDaysAgree(c, 'concurrent appliers');
  });

  test('a cadre moved to another unit moves their answers', async (c) => {
    const db = c.app.running.deps.db;
    // Their attempts are still queued when they move: added under the unit they leave, then moved.
    await requeueAll(db);
    const target = await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E-GA' } });
    const before = await db.user.findUniqueOrThrow({ where: { id: c.people[0]!.id } });
    assert.not.equal(before.organizationId, target.id);
    const moved = await c.app.call('PATCH', `/api/users/${c.people[0]!.id}`, { token: c.f.organiser, body: { organizationId: target.id } });
    assert.is(moved.status, 200, JSON.stringify(moved.body));
    await assertAgrees(c, 'a cadre moved');
    await assertExamDaysAgree(c, 'a cadre moved');
  });

  test('the rebuild gives what the grading transactions kept', async (c) => {
    const db = c.app.running.deps.db;
    const kept = await rolledRows(db);
    const rebuild = async () => { await rebuildItemRollup(c.app.running.deps); await rebuildExamDays(c.app.running.deps); };
    await rebuild();
    assert.equal(await rolledRows(db), kept);
    await db.itemRollup.deleteMany();
    await db.examDayRollup.deleteMany();
    await rebuild();
    assert.equal(await rolledRows(db), kept, 'rebuilt from the raw rows alone');
    await assertAgrees(c, 'the rebuild');
    await assertExamDaysAgree(c, 'the rebuild');
  });

  test.run();
}
