// Correctness by unit × statute over graded exam answers ("which units are weak on 行政复议法"),
// summed in SQL so the console draws a heatmap from a few hundred cells, not every answer.
import type { Actor } from '../auth/actor.ts';
import { Prisma, type Db } from '../db/client.ts';
import { examInScopeOrThrow } from '../exams/exams.ts';
import { scopeFor } from '../policy.ts';

type CellRow = { organizationId: number | bigint; organizationName: string; statuteId: number | bigint; statuteTitle: string; responses: number | bigint; score: number | null; points: number | null };

/** Organisation paths are digits and slashes, so a prefix is a safe LIKE pattern. */
function scopeCondition(actor: Actor): Prisma.Sql | null {
  const scope = scopeFor(actor, 'exam.results');
  if (scope === 'all') return Prisma.sql`1 = 1`;
  if (!scope.length) return null;
  return Prisma.sql`(${Prisma.join(scope.map((prefix) => Prisma.sql`o.path LIKE ${`${prefix}%`}`), ' OR ')})`;
}

export async function correctnessHeatmap(db: Db, actor: Actor, filter: { examId?: number; statute?: string }) {
  if (filter.examId) await examInScopeOrThrow(db, actor, filter.examId, 'exam.results');
  const inScope = scopeCondition(actor);
  const rows = inScope ? await db.$queryRaw<CellRow[]>`
    SELECT u.organization_id AS organizationId, o.name AS organizationName, i.statute_id AS statuteId, s.title AS statuteTitle,
      COUNT(*) AS responses, SUM(i.score) AS score, SUM(i.points) AS points
    FROM attempt_items i
    JOIN attempts a ON a.id = i.attempt_id
    JOIN users u ON u.id = a.user_id
    JOIN organizations o ON o.id = u.organization_id
    JOIN statutes s ON s.id = i.statute_id
    WHERE a.status = 'submitted' AND ${inScope}
      ${filter.examId ? Prisma.sql`AND a.exam_id = ${filter.examId}` : Prisma.empty}
      ${filter.statute ? Prisma.sql`AND s.slug = ${filter.statute}` : Prisma.empty}
    GROUP BY u.organization_id, o.name, i.statute_id, s.title
    ORDER BY u.organization_id, i.statute_id` : [];
  const cells = rows.map((row) => ({
    organizationId: Number(row.organizationId), organizationName: row.organizationName, statuteId: Number(row.statuteId), statuteTitle: row.statuteTitle,
    responses: Number(row.responses), facility: Number(row.points) ? Math.round((Number(row.score ?? 0) / Number(row.points)) * 1000) / 1000 : 0,
  }));
  const unique = <T>(values: T[]) => [...new Map(values.map((v) => [JSON.stringify(v), v])).values()];
  return {
    organizations: unique(cells.map((c) => ({ id: c.organizationId, name: c.organizationName }))),
    statutes: unique(cells.map((c) => ({ id: c.statuteId, title: c.statuteTitle }))),
    cells,
  };
}
