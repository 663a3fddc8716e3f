// Item statistics over graded attempts — for one exam, or for the bank as a whole — and the
// roll-ups reviewers ask for: by statute, and by organisation × statute ("which units are
// weak on 行政复议法"). Always limited to attempts of people inside the caller's scope.
import type { Prisma } from '../../generated/mysql/client.ts';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { examInScopeOrThrow } from '../exams/exams.ts';
import { organizationScopeWhere } from '../policy.ts';
import { facilityBy, itemStatistics, type ItemResponse } from './item-statistics.ts';

const MAX_ATTEMPTS = 20_000;

async function statisticsOf(db: Db, where: Prisma.AttemptWhereInput, itemWhere: Prisma.AttemptItemWhereInput = {}) {
  const attempts = await db.attempt.findMany({
    where: { ...where, status: 'submitted' }, take: MAX_ATTEMPTS,
    select: {
      id: true, score: true,
      user: { select: { organization: { select: { id: true, name: true } } } },
      items: { where: itemWhere, select: { score: true, points: true, response: true, statuteId: true, questionVersion: { select: { questionId: true, type: true, stem: true, question: { select: { externalId: true } } } } } },
    },
  });
  const statutes = new Map((await db.statute.findMany({ select: { id: true, title: true } })).map((s) => [s.id, s.title]));
  const responses: ItemResponse[] = [];
  const questions = new Map<number, { externalId: string; stem: string; statute: string | null }>();
  const byStatute: Array<{ group: string; score: number; maxScore: number }> = [];
  const byOrganization: Array<{ group: string; score: number; maxScore: number }> = [];
  for (const attempt of attempts) {
    for (const item of attempt.items) {
      const version = item.questionVersion;
      const statute = item.statuteId ? statutes.get(item.statuteId) ?? null : null;
      questions.set(version.questionId, { externalId: version.question.externalId, stem: version.stem, statute });
      const chosen = version.type === 'single' || version.type === 'multiple' ? [item.response].flat().filter((k): k is string => typeof k === 'string') : null;
      responses.push({ attemptId: attempt.id, questionId: version.questionId, score: item.score ?? 0, maxScore: item.points, chosen });
      if (statute) {
        byStatute.push({ group: statute, score: item.score ?? 0, maxScore: item.points });
        byOrganization.push({ group: `${attempt.user.organization.name}\u0000${statute}`, score: item.score ?? 0, maxScore: item.points });
      }
    }
  }
  const items = itemStatistics(responses, attempts.map((a) => ({ attemptId: a.id, total: a.score ?? 0 })))
    .map((stat) => ({ ...stat, ...questions.get(stat.questionId)! }))
    .sort((a, b) => Number(b.flagged) - Number(a.flagged) || a.facility - b.facility);
  return {
    attempts: attempts.length,
    items,
    byStatute: facilityBy(byStatute).map((row) => ({ statute: row.group, responses: row.responses, facility: row.facility })),
    byOrganization: facilityBy(byOrganization).map((row) => {
      const [organization, statute] = row.group.split('\u0000') as [string, string];
      return { organization, statute, responses: row.responses, facility: row.facility };
    }).sort((a, b) => a.facility - b.facility),
  };
}

const inScopeWhere = (actor: Actor): Prisma.AttemptWhereInput => ({ user: { organization: organizationScopeWhere(actor, 'exam.results') } });

export async function examStatistics(db: Db, actor: Actor, examId: number) {
  const exam = await examInScopeOrThrow(db, actor, examId, 'exam.results');
  return statisticsOf(db, { examId: exam.id, ...inScopeWhere(actor) });
}

export async function bankStatistics(db: Db, actor: Actor, filter: { statute?: string }) {
  return statisticsOf(db, inScopeWhere(actor), filter.statute ? { questionVersion: { citations: { some: { statute: { slug: filter.statute } } } } } : {});
}
