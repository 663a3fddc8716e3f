// Grading and closing an attempt. Closing is a compare-and-set on the status, so a cadre's
// submit and the deadline sweep can race safely: exactly one of them grades.
import type { Db } from '../db/client.ts';
import { examDefinition } from './exam-definition.ts';
import { gradeResponse, type AnswerKey, type Response } from './grading.ts';
import { statuteNames, type StatuteName } from './statute-names.ts';
import { versionsOf } from './version-cache.ts';

export type FinishedBy = { at: Date; auto: boolean };

export async function finalizeAttempt(db: Db, attempt: { id: number; examId: number }, finished: FinishedBy): Promise<boolean> {
  const exam = await examDefinition(db, attempt.examId);
  const { partialCredit, passMark } = exam!.blueprint;
  return db.$transaction(async (tx) => {
    // The status flips first: a save racing this submit now waits on the attempt row and is then
    // refused (answer-writer.ts), so the responses read next are the final ones.
    const closed = await tx.attempt.updateMany({
      where: { id: attempt.id, status: 'in_progress' },
      data: { status: 'submitted', submittedAt: finished.at, autoSubmitted: finished.auto },
    });
    if (!closed.count) return false;
    const items = await tx.attemptItem.findMany({
      where: { attemptId: attempt.id },
      select: { id: true, points: true, response: true, statuteId: true, questionVersionId: true },
    });
    // Cached reads; a miss is read through `tx`: a read through `db` here would hold one pooled
    // connection while waiting for a second, and concurrent submits would starve the pool.
    const versions = await versionsOf(db, items.map((item) => item.questionVersionId), tx);
    const statutes = await statuteNames(db, items.map((item) => item.statuteId), tx);
    const grades = items.map((item) => {
      const version = versions.get(item.questionVersionId)!;
      return { item, ...gradeResponse(version.type, version.answer as AnswerKey, item.response as Response | null, item.points, partialCredit ? 'partial' : 'all-or-nothing') };
    });
    const score = round(grades.reduce((sum, g) => sum + g.score, 0));
    await tx.attempt.updateMany({ where: { id: attempt.id }, data: { score, passed: score >= passMark, breakdown: breakdownOf(statutes, grades) } });
    await writeItemGrades(tx, grades.map((g) => ({ id: g.item.id, score: g.score, correct: g.correct })));
    return true;
  });
}

const round = (n: number) => Math.round(n * 100) / 100;

function breakdownOf(statutes: Map<number, StatuteName>, grades: Array<{ item: { statuteId: number | null; points: number }; score: number }>) {
  const totals = new Map<number, { score: number; maxScore: number }>();
  for (const { item, score } of grades) {
    if (item.statuteId === null) continue;
    const entry = totals.get(item.statuteId) ?? { score: 0, maxScore: 0 };
    entry.score += score; entry.maxScore += item.points;
    totals.set(item.statuteId, entry);
  }
  return [...totals].map(([id, t]) => ({ statute: statutes.get(id)!.slug, title: statutes.get(id)!.title, score: round(t.score), maxScore: round(t.maxScore) }));
}

/** One UPDATE with CASE for the whole paper, instead of one statement per item. */
async function writeItemGrades(tx: Pick<Db, '$executeRawUnsafe'>, rows: Array<{ id: number; score: number; correct: boolean }>) {
  if (!rows.length) return;
  const scoreCases = rows.map(() => 'WHEN ? THEN ?').join(' ');
  const correctCases = rows.map(() => 'WHEN ? THEN ?').join(' ');
  const sql = `UPDATE attempt_items SET score = CASE id ${scoreCases} END, correct = CASE id ${correctCases} END WHERE id IN (${rows.map(() => '?').join(',')})`;
  await tx.$executeRawUnsafe(sql, ...rows.flatMap((r) => [r.id, r.score]), ...rows.flatMap((r) => [r.id, r.correct]), ...rows.map((r) => r.id));
}

/** Submits every attempt whose deadline (plus the exam's grace) has passed, as of `now`, at its deadline. */
export async function sweepExpiredAttempts(db: Db, now: Date): Promise<number> {
  const expired = await db.attempt.findMany({
    where: { status: 'in_progress', deadline: { lt: now } },
    select: { id: true, examId: true, deadline: true, exam: { select: { graceSeconds: true } } },
    take: 500,
  });
  let closed = 0;
  for (const attempt of expired) {
    if (attempt.deadline.getTime() + attempt.exam.graceSeconds * 1000 > now.getTime()) continue;
    if (await finalizeAttempt(db, attempt, { at: attempt.deadline, auto: true })) closed++;
  }
  return closed;
}
