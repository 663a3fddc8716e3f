// Prisma shapes and filters for questions: the current version with its citations, and the
// translation of list filters into a where clause.
import type { Prisma } from '../../generated/mysql/client.ts';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { containsLiterally } from '../db/like.ts';
import { NotFoundError } from '../errors.ts';
import { questionVisibilityWhere } from '../policy.ts';
import type { z } from 'zod';
import type { QuestionFilter } from './schemas.ts';

export const versionInclude = {
  citations: { include: { statute: { select: { slug: true, title: true } } }, orderBy: { ordinal: 'asc' } },
} as const satisfies Prisma.QuestionVersionInclude;

export const questionInclude = {
  organization: { select: { id: true, name: true, path: true } },
  versions: { where: { isCurrent: true }, include: versionInclude },
} as const satisfies Prisma.QuestionInclude;

export type QuestionRow = Prisma.QuestionGetPayload<{ include: typeof questionInclude }>;
export type VersionRow = Prisma.QuestionVersionGetPayload<{ include: typeof versionInclude }>;

export type QuestionFilterInput = z.output<typeof QuestionFilter>;

/** The where clause of a filtered list, always inside what the actor may see. */
export async function questionWhere(db: Db, actor: Actor, filter: QuestionFilterInput, status: Prisma.QuestionWhereInput['status']): Promise<Prisma.QuestionWhereInput> {
  const version: Prisma.QuestionVersionWhereInput = { isCurrent: true };
  if (filter.type) version.type = filter.type;
  if (filter.difficulty) version.difficulty = filter.difficulty;
  if (filter.tag) version.tagRows = { some: { tag: filter.tag } };
  if (filter.keyword) Object.assign(version, await containsLiterally(db, 'question_versions', { stem: 'stem' }, filter.keyword));
  const citation = await citationWhere(db, filter);
  if (citation) version.citations = { some: citation };
  return {
    AND: [
      questionVisibilityWhere(actor),
      filter.owner === 'national' ? { organizationId: null } : filter.owner === 'organization' ? { organizationId: { not: null } } : {},
      filter.organizationId ? { organizationId: filter.organizationId } : {},
    ],
    status,
    versions: { some: version },
  };
}

async function citationWhere(db: Db, filter: QuestionFilterInput): Promise<Prisma.QuestionCitationWhereInput | null> {
  if (!filter.statute && !filter.divisionId && !filter.article) return null;
  if (!filter.statute) throw new NotFoundError('按章节或条号筛选时请同时指定法规');
  const revision = await db.statuteRevision.findFirst({ where: { statute: { slug: filter.statute }, isCurrent: true }, select: { id: true, statuteId: true } });
  if (!revision) throw new NotFoundError('未找到该法规');
  const where: Prisma.QuestionCitationWhereInput = { statuteId: revision.statuteId };
  if (filter.divisionId) {
    const division = await db.statuteDivision.findFirst({ where: { id: filter.divisionId, revisionId: revision.id } });
    if (!division) throw new NotFoundError('该法规没有这个章节');
    where.articleNumber = { gte: division.firstArticle, lte: division.lastArticle };
  }
  if (filter.article) where.articleNumber = filter.article;
  return where;
}
