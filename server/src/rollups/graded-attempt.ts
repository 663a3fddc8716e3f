// What a graded attempt adds to the roll-ups, in its grading transaction (exams/finalize.ts): its
// answers to the item statistics, its figures to the unit's exam day, and a pass to the sitter's
// 考 task. Grading runs once per attempt, so each is added once.
import type { RawSql } from '../db/raw-sql.ts';
import { countExamPass } from '../campaigns/task-rollup.ts';
import { addGradedAttempt, type GradedItem } from '../stats/item-rollup.ts';
import { addExamDay } from './exam-days.ts';

export type JustGraded = { id: number; examId: number; submittedAt: Date; score: number; passed: boolean; items: GradedItem[] };

export async function rollUpGradedAttempt(sql: RawSql, mysql: boolean, attempt: JustGraded): Promise<void> {
  const [sitter] = await sql.rows<{ organizationId: number; maxScore: number }>(
    'SELECT u.organization_id AS organizationId, a.max_score AS maxScore FROM attempts a JOIN users u ON u.id = a.user_id WHERE a.id = ?', [attempt.id]);
  const organizationId = Number(sitter!.organizationId);
  await addGradedAttempt(sql, mysql, { examId: attempt.examId, organizationId, score: attempt.score, items: attempt.items });
  await addExamDay(sql, mysql, { organizationId, submittedAt: attempt.submittedAt, passed: attempt.passed, score: attempt.score, maxScore: Number(sitter!.maxScore) });
  if (attempt.passed) await countExamPass(sql, attempt.id);
}
