// Item statistics over graded attempts — for one exam, or for the bank as a whole — and the
// roll-ups reviewers ask for: by statute, and by organisation × statute ("which units are weak on
// 行政复议法"). Always limited to attempts of people inside the caller's scope. The figures come
// from the item roll-up (item-rollup.ts), so a county's year is a few thousand rows, not millions
// of answers. The upper–lower index ranks attempts by their totals, which sums cannot do: it is
// computed from one exam's answers, and not given bank-wide, where totals of different exams are
// not comparable anyway.
import type { Actor } from '../auth/actor.ts';
import { Prisma, type Db } from '../db/client.ts';
import { examInScopeOrThrow } from '../exams/exams.ts';
import { scopeFor } from '../policy.ts';
import { gradedAttemptCount, unitsInScope, unitStatuteSums, versionSums, type ItemFilter, type VersionSums } from './item-rollup.ts';
import { itemStatistics, roundedFacility, statisticFromSums, sumOptionCounts, type ItemResponse } from './item-statistics.ts';
import { applyQueuedAttempts } from '../rollups/attempt-queue.ts';

type Filter = Omit<ItemFilter, 'unitIds'>;

async function statisticsOf(db: Db, actor: Actor, filter: Filter, discrimination: (unitIds: number[]) => Promise<Map<number, number | null>>) {
  const [units] = await Promise.all([unitsInScope(db, scopeFor(actor, 'exam.results')), applyQueuedAttempts(db)]);
  if (!units.length) return { attempts: 0, items: [], byStatute: [], byOrganization: [] };
  const unitIds = units.map((u) => u.id);
  const [attempts, sums, cells] = await Promise.all([
    gradedAttemptCount(db, { unitIds, examId: filter.examId }), versionSums(db, { unitIds, ...filter }), unitStatuteSums(db, { unitIds, ...filter }),
  ]);
  const [versions, statutes, indices] = await Promise.all([
    db.questionVersion.findMany({ where: { id: { in: [...new Set(sums.map((s) => s.versionId))] } }, select: { id: true, questionId: true, stem: true, question: { select: { externalId: true } } } }),
    db.statute.findMany({ select: { id: true, title: true } }).then((rows) => new Map(rows.map((s) => [s.id, s.title]))),
    discrimination(unitIds),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const versionOf = new Map(versions.map((v) => [v.id, v]));
  const byQuestion = new Map<number, VersionSums[]>();
  for (const sum of sums) {
    const questionId = versionOf.get(sum.versionId)!.questionId;
    byQuestion.set(questionId, [...(byQuestion.get(questionId) ?? []), sum]);
  }
  const items = [...byQuestion].map(([questionId, groups]) => {
    // The question as last revised among the versions answered.
    const latest = groups.reduce((a, b) => (b.versionId > a.versionId ? b : a));
    const version = versionOf.get(latest.versionId)!;
    const { responses, facility, pointBiserial } = statisticFromSums(groups);
    const discriminationIndex = indices.get(questionId) ?? null;
    return {
      questionId, responses, facility, discrimination: discriminationIndex, pointBiserial, optionCounts: sumOptionCounts(groups.map((g) => g.chosen)),
      flagged: (discriminationIndex ?? 0) < 0 || (pointBiserial ?? 0) < 0,
      externalId: version.question.externalId, stem: version.stem, statute: statutes.get(latest.statuteId) ?? null,
    };
  }).sort((a, b) => Number(b.flagged) - Number(a.flagged) || a.facility - b.facility || a.questionId - b.questionId);
  return {
    attempts,
    items,
    byStatute: sumGroups(cells, (cell) => statutes.get(cell.statuteId)!).map(([statute, row]) => ({ statute, ...row })),
    byOrganization: sumGroups(cells, (cell) => `${unitName.get(cell.organizationId)}\u0000${statutes.get(cell.statuteId)}`).map(([key, row]) => {
      const [organization, statute] = key.split('\u0000') as [string, string];
      return { organization, statute, ...row };
    }).sort((a, b) => a.facility - b.facility || a.organization.localeCompare(b.organization) || a.statute.localeCompare(b.statute)),
  };
}

type Cell = Awaited<ReturnType<typeof unitStatuteSums>>[number];

/** Cells summed per group: responses and facility Σscore ÷ Σpoints. */
function sumGroups(cells: Cell[], keyOf: (cell: Cell) => string) {
  const groups = new Map<string, { responses: number; score: number; points: number }>();
  for (const cell of cells) {
    const group = groups.get(keyOf(cell)) ?? { responses: 0, score: 0, points: 0 };
    group.responses += cell.responses; group.score += cell.score; group.points += cell.points;
    groups.set(keyOf(cell), group);
  }
  return [...groups].map(([key, g]) => [key, { responses: g.responses, facility: roundedFacility(g.score, g.points) }] as const);
}

/** The upper–lower index of each question of one exam, from its answers in scope. */
async function examDiscrimination(db: Db, examId: number, unitIds: number[]): Promise<Map<number, number | null>> {
  const rows = await db.$queryRaw<Array<{ attemptId: unknown; total: number | null; questionId: unknown; score: number | null; points: number }>>`
    SELECT a.id AS attemptId, a.score AS total, v.question_id AS questionId, i.score AS score, i.points AS points
    FROM attempt_items i JOIN attempts a ON a.id = i.attempt_id JOIN users u ON u.id = a.user_id JOIN question_versions v ON v.id = i.question_version_id
    WHERE a.exam_id = ${examId} AND a.status = 'submitted' AND u.organization_id IN (${Prisma.join(unitIds)})`;
  const responses: ItemResponse[] = rows.map((r) => ({ attemptId: Number(r.attemptId), questionId: Number(r.questionId), score: Number(r.score ?? 0), maxScore: Number(r.points), chosen: null }));
  const totals = new Map(rows.map((r) => [Number(r.attemptId), Number(r.total ?? 0)]));
  return new Map(itemStatistics(responses, [...totals].map(([attemptId, total]) => ({ attemptId, total }))).map((s) => [s.questionId, s.discrimination]));
}

export async function examStatistics(db: Db, actor: Actor, examId: number) {
  const exam = await examInScopeOrThrow(db, actor, examId, 'exam.results');
  return statisticsOf(db, actor, { examId: exam.id }, (unitIds) => examDiscrimination(db, exam.id, unitIds));
}

export async function bankStatistics(db: Db, actor: Actor, filter: { statute?: string }) {
  return statisticsOf(db, actor, { citedStatute: filter.statute }, async () => new Map());
}
