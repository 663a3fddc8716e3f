// Grading and closing an attempt. Closing is a compare-and-set on the status, so a cadre's
// submit and the deadline sweep can race safely: exactly one of them grades.
import { rawSql } from '../db/raw-sql.ts';
import type { AppDeps } from '../deps.ts';
import { closeAttempt, itemsOf, writeGrades, type ItemRow } from './attempt-queries.ts';
import { examDefinition } from './exam-definition.ts';
import { gradeResponse, type AnswerKey, type Response } from './grading.ts';
import { forgetPaper } from './paper-cache.ts';
import { statuteNames, type StatuteName } from './statute-names.ts';
import { versionsOf } from './version-cache.ts';
import { queueApplier, queueGradedAttempt } from '../rollups/attempt-queue.ts';

export type FinishedBy = { at: Date; auto: boolean };

/** The attempt as graded: what the result view needs, without reading it back. */
export type Graded = { score: number; passed: boolean; breakdown: Breakdown; items: ItemRow[] };
type Breakdown = Array<{ statute: string; title: string; score: number; maxScore: number }>;

/** Closes and grades the attempt; null if it was closed already (by a submit or the sweep). */
export async function finalizeAttempt(deps: Pick<AppDeps, 'db' | 'rawMysql'> & Partial<Pick<AppDeps, 'logger'>>, attempt: { id: number; examId: number }, finished: FinishedBy): Promise<Graded | null> {
  const { db } = deps;
  const exam = await examDefinition(db, attempt.examId);
  const { partialCredit, passMark } = exam!.blueprint;
  const graded = await rawSql(deps).transaction(async (sql) => {
    // The status flips first: a save racing this submit now waits on the attempt row and is then
    // refused (answer-writer.ts), so the responses read next are the final ones.
    if (!(await closeAttempt(sql, attempt.id, finished))) return null;
    const items = await itemsOf(sql, attempt.id);
    // Versions and statutes come from caches; the rare miss is read through Prisma, outside
    // this transaction's connection, which it does not need.
    const versions = await versionsOf(db, items.map((item) => item.questionVersionId));
    const statutes = await statuteNames(db, items.map((item) => item.statuteId));
    const grades = items.map((item) => {
      const version = versions.get(item.questionVersionId)!;
      return { item, ...gradeResponse(version.type, version.answer as AnswerKey, item.response as Response | null, item.points, partialCredit ? 'partial' : 'all-or-nothing') };
    });
    const score = round(grades.reduce((sum, g) => sum + g.score, 0));
    const result = { score, passed: score >= passMark, breakdown: breakdownOf(statutes, grades), items: grades.map((g) => ({ ...g.item, score: g.score, correct: g.correct })) };
    await writeGrades(sql, attempt.id, result, result.items);
    // Added to the roll-ups after the commit, in batches (rollups/attempt-queue.ts).
    await queueGradedAttempt(sql, attempt.id);
    return result;
  });
  forgetPaper(db, attempt.id);
  if (graded) queueApplier(deps).schedule(deps.logger);
  return graded;
}

const round = (n: number) => Math.round(n * 100) / 100;

function breakdownOf(statutes: Map<number, StatuteName>, grades: Array<{ item: { statuteId: number | null; points: number }; score: number }>): Breakdown {
  const totals = new Map<number, { score: number; maxScore: number }>();
  for (const { item, score } of grades) {
    if (item.statuteId === null) continue;
    const entry = totals.get(item.statuteId) ?? { score: 0, maxScore: 0 };
    entry.score += score; entry.maxScore += item.points;
    totals.set(item.statuteId, entry);
  }
  return [...totals].map(([id, t]) => ({ statute: statutes.get(id)!.slug, title: statutes.get(id)!.title, score: round(t.score), maxScore: round(t.maxScore) }));
}

/** Submits every attempt whose deadline (plus the exam's grace) has passed, as of `now`, at its deadline. */
export async function sweepExpiredAttempts(deps: Pick<AppDeps, 'db' | 'rawMysql'>, now: Date): Promise<number> {
  const expired = await deps.db.attempt.findMany({
    where: { status: 'in_progress', deadline: { lt: now } },
    select: { id: true, examId: true, deadline: true, exam: { select: { graceSeconds: true } } },
    take: 500,
  });
  let closed = 0;
  for (const attempt of expired) {
    if (attempt.deadline.getTime() + attempt.exam.graceSeconds * 1000 > now.getTime()) continue;
    if (await finalizeAttempt(deps, attempt, { at: attempt.deadline, auto: true })) closed++;
  }
  return closed;
}
