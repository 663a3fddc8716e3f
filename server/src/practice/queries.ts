// Prisma filters and look-ups for practice: which questions a cadre may practise, how often
// they answered each, and the current text of cited articles.
import type { Prisma } from '../../generated/mysql/client.ts';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { NotFoundError } from '../errors.ts';
import { questionVisibilityWhere } from '../policy.ts';
import { questionWhere } from '../questions/queries.ts';
import type { PracticeQuestionsInput } from './schemas.ts';

/** Practice only ever serves questions in use that the actor may see. */
export function practicableWhere(actor: Actor): Prisma.QuestionWhereInput {
  return { status: 'active', ...questionVisibilityWhere(actor) };
}

/** The filters of the query, inside what the actor may practise. */
export async function filteredWhere(db: Db, actor: Actor, query: PracticeQuestionsInput): Promise<Prisma.QuestionWhereInput> {
  const { statute, divisionId, type, difficulty } = query;
  const base = await questionWhere(db, actor, { statute, divisionId, type, difficulty }, 'active');
  const parts: Prisma.QuestionWhereInput[] = [base];
  if (statute && (query.from !== undefined || query.to !== undefined)) parts.push(await rangeWhere(db, statute, query.from, query.to));
  if (query.mode === 'favourites') parts.push({ favourites: { some: { userId: actor.userId } } });
  return { AND: parts };
}

async function rangeWhere(db: Db, slug: string, from: number | undefined, to: number | undefined): Promise<Prisma.QuestionWhereInput> {
  const statute = await db.statute.findUnique({ where: { slug }, select: { id: true } });
  if (!statute) throw new NotFoundError('未找到该法规');
  const articleNumber = { ...(from !== undefined ? { gte: from } : {}), ...(to !== undefined ? { lte: to } : {}) };
  return { versions: { some: { isCurrent: true, citations: { some: { statuteId: statute.id, articleNumber } } } } };
}

/** How many times the user answered each question in practice, whatever the version. */
export async function answerCounts(db: Db, userId: number): Promise<Map<number, number>> {
  const byVersion = await db.practiceAnswer.groupBy({ by: ['questionVersionId'], where: { userId }, _count: { _all: true } });
  const versions = await db.questionVersion.findMany({ where: { id: { in: byVersion.map((row) => row.questionVersionId) } }, select: { id: true, questionId: true } });
  const questionOf = new Map(versions.map((v) => [v.id, v.questionId]));
  const counts = new Map<number, number>();
  for (const row of byVersion) {
    const questionId = questionOf.get(row.questionVersionId)!;
    counts.set(questionId, (counts.get(questionId) ?? 0) + row._count._all);
  }
  return counts;
}

export type ArticleText = { law: string; statuteTitle: string; number: number; label: string; text: string };
export type CitedArticle = { statuteId: number; articleNumber: number };

export const articleKey = (statuteId: number, number: number) => `${statuteId}:${number}`;

/** The current text of each cited article, keyed by articleKey; an article the current revision dropped is absent. */
export async function articleTexts(db: Db, citations: CitedArticle[]): Promise<Map<string, ArticleText>> {
  if (!citations.length) return new Map();
  const rows = await db.article.findMany({
    where: { number: { in: [...new Set(citations.map((c) => c.articleNumber))] }, revision: { isCurrent: true, statuteId: { in: [...new Set(citations.map((c) => c.statuteId))] } } },
    select: { number: true, label: true, text: true, revision: { select: { statuteId: true, statute: { select: { slug: true, title: true } } } } },
  });
  return new Map(rows.map((row) => [articleKey(row.revision.statuteId, row.number), {
    law: row.revision.statute.slug, statuteTitle: row.revision.statute.title, number: row.number, label: row.label, text: row.text,
  }]));
}
