// Correctness by unit × statute over graded exam answers ("which units are weak on 行政复议法"),
// read from the item roll-up (item-rollup.ts), so the console draws a heatmap from a few hundred
// cells without touching the answers.
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { examInScopeOrThrow } from '../exams/exams.ts';
import { scopeFor } from '../policy.ts';
import { unitsInScope, unitStatuteSums } from './item-rollup.ts';
import { roundedFacility } from './item-statistics.ts';
import { applyQueuedAttempts } from '../rollups/attempt-queue.ts';

export async function correctnessHeatmap(db: Db, actor: Actor, filter: { examId?: number; statute?: string }) {
  if (filter.examId) await examInScopeOrThrow(db, actor, filter.examId, 'exam.results');
  const [units] = await Promise.all([unitsInScope(db, scopeFor(actor, 'exam.results')), applyQueuedAttempts(db)]);
  const rows = units.length ? await unitStatuteSums(db, { unitIds: units.map((u) => u.id), examId: filter.examId, answerStatute: filter.statute }) : [];
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const statuteTitle = new Map((await db.statute.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.statuteId))] } }, select: { id: true, title: true } })).map((s) => [s.id, s.title]));
  const cells = rows.map((row) => ({
    organizationId: row.organizationId, organizationName: unitName.get(row.organizationId)!, statuteId: row.statuteId, statuteTitle: statuteTitle.get(row.statuteId)!,
    responses: row.responses, facility: roundedFacility(row.score, row.points),
  }));
  const unique = <T>(values: T[]) => [...new Map(values.map((v) => [JSON.stringify(v), v])).values()];
  return {
    organizations: unique(cells.map((c) => ({ id: c.organizationId, name: c.organizationName }))),
    statutes: unique(cells.map((c) => ({ id: c.statuteId, title: c.statuteTitle }))),
    cells,
  };
}
