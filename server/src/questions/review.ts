// Questions whose cited article changed are not silently kept or dropped: they are marked
// "needs review" with a note, and stay out of practice and exams until an organiser acts.
import type { Tx } from '../db/client.ts';

/** Marks every live question whose current version cites one of the articles; returns how many. */
export async function flagQuestionsCitingArticles(tx: Tx, statuteId: number, articleNumbers: number[], note: string): Promise<number> {
  if (!articleNumbers.length) return 0;
  const citing = await tx.question.findMany({
    where: {
      status: { not: 'retired' },
      versions: { some: { isCurrent: true, citations: { some: { statuteId, articleNumber: { in: articleNumbers } } } } },
    },
    select: { id: true },
  });
  if (!citing.length) return 0;
  const result = await tx.question.updateMany({ where: { id: { in: citing.map((q) => q.id) } }, data: { status: 'needs_review', reviewNote: note.slice(0, 500) } });
  return result.count;
}
