// The exam roll-up (exam_day_rollups): graded attempts per unit (the cadre's organisation) and
// Beijing day of submission — count, passes, Σscore and Σmax score in cents — what the dashboard's
// exam figures sum for periods of whole Beijing days instead of reading every attempt. Each graded
// attempt is added once, through the queue of graded attempts (attempt-queue.ts);
// a cadre moving to another unit moves their attempts' figures along.
import type { AppDeps } from '../deps.ts';
import type { Tx } from '../db/client.ts';
import { rawSql, type RawSql } from '../db/raw-sql.ts';
import { isMysql, txSql } from '../stats/item-rollup.ts';
import { beijingDay } from './beijing-day.ts';
import { KeyedSums, upsertAdd, type AdditiveRow } from './upsert-add.ts';

const TABLE = { name: 'exam_day_rollups', key: ['organization_id', 'day'], sums: ['attempts', 'passed', 'score_sum', 'max_score_sum'] } as const;

export type GradedAttemptFigures = { organizationId: number; submittedAt: Date; passed: boolean | null; score: number | null; maxScore: number };

const cents = (value: number | null) => Math.round((value ?? 0) * 100);

export function examDayRow(attempt: GradedAttemptFigures, sign: 1 | -1 = 1): AdditiveRow {
  return { key: [attempt.organizationId, beijingDay(attempt.submittedAt.getTime())], sums: [1, attempt.passed ? 1 : 0, cents(attempt.score), cents(attempt.maxScore)].map((v) => sign * v) };
}

export async function addExamDays(sql: RawSql, mysql: boolean, attempts: GradedAttemptFigures[]): Promise<void> {
  await upsertAdd(sql, mysql, TABLE, new KeyedSums().add(attempts.map((attempt) => examDayRow(attempt))).rows());
}

type AttemptRow = { userId: number; submittedAt: Date | string; passed: unknown; score: number | null; maxScore: number };
const ATTEMPT_COLUMNS = 'user_id AS userId, submitted_at AS submittedAt, passed, score, max_score AS maxScore';

const figuresOf = (row: AttemptRow, organizationId: number): GradedAttemptFigures => ({
  organizationId, submittedAt: new Date(row.submittedAt), passed: row.passed === null ? null : Boolean(Number(row.passed)), score: row.score === null ? null : Number(row.score), maxScore: Number(row.maxScore),
});

/** In the transaction moving a cadre to another unit. */
export async function moveCadreExamDays(tx: Tx, userId: number, from: number, to: number): Promise<void> {
  const sql = txSql(tx);
  const attempts = await sql.rows<AttemptRow>(`SELECT ${ATTEMPT_COLUMNS} FROM attempts WHERE user_id = ? AND status = 'submitted'`, [userId]);
  if (!attempts.length) return;
  await upsertAdd(sql, isMysql(tx), TABLE, [...attempts.map((a) => examDayRow(figuresOf(a, from), -1)), ...attempts.map((a) => examDayRow(figuresOf(a, to)))]);
  await sql.run('DELETE FROM exam_day_rollups WHERE organization_id = ? AND attempts = 0', [from]);
}

/** Recomputes the roll-up from every graded attempt, replacing it in one transaction. */
export async function rebuildExamDays(deps: Pick<AppDeps, 'db' | 'rawMysql'>): Promise<{ rows: number }> {
  const units = new Map((await deps.db.user.findMany({ select: { id: true, organizationId: true } })).map((u) => [u.id, u.organizationId]));
  return rawSql(deps).transaction(async (sql) => {
    await sql.run('DELETE FROM exam_day_rollups');
    const attempts = await sql.rows<AttemptRow>(`SELECT ${ATTEMPT_COLUMNS} FROM attempts WHERE status = 'submitted'`);
    const rows = new KeyedSums().add(attempts.map((a) => examDayRow(figuresOf(a, units.get(Number(a.userId))!)))).rows();
    await upsertAdd(sql, deps.rawMysql !== null, TABLE, rows);
    return { rows: rows.length };
  });
}
