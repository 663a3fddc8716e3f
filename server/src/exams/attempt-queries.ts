// The statements behind sitting an exam, in raw SQL (db/raw-sql.ts): at an exam peak thousands
// of starts and submits arrive in a minute, and a Prisma query costs several times the CPU of
// the statement it sends. Everything else about exams stays on Prisma.
import { rawDate } from '../db/raw-values.ts';
import { placeholders, type RawSql, type Read } from '../db/raw-sql.ts';

export type AttemptStatus = 'in_progress' | 'submitted';
export type AttemptRow = {
  id: number; examId: number; userId: number; attemptNo: number; status: AttemptStatus; startedAt: Date; deadline: Date;
  submittedAt: Date | null; autoSubmitted: boolean; score: number | null; maxScore: number; passed: boolean | null; breakdown: unknown;
};
export type ItemRow = {
  id: number; ordinal: number; questionVersionId: number; statuteId: number | null; points: number; optionMap: unknown;
  response: unknown; responseSeq: number; score: number | null; correct: boolean | null;
};
export type NewItem = Pick<ItemRow, 'ordinal' | 'questionVersionId' | 'statuteId' | 'points' | 'optionMap'>;

const ATTEMPT_COLUMNS = `id, exam_id AS examId, user_id AS userId, attempt_no AS attemptNo, status, started_at AS startedAt, deadline,
  submitted_at AS submittedAt, auto_submitted AS autoSubmitted, score, max_score AS maxScore, passed, breakdown`;
const ITEM_COLUMNS = `id, ordinal, question_version_id AS questionVersionId, statute_id AS statuteId, points, option_map AS optionMap,
  response, response_seq AS responseSeq, score, correct`;

const nullableDate = (value: Date | string | null) => (value === null ? null : rawDate(value));
const nullableBoolean = (value: unknown) => (value === null ? null : Boolean(value));
const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

function attemptOf(row: AttemptRow): AttemptRow {
  return {
    ...row, startedAt: rawDate(row.startedAt), deadline: rawDate(row.deadline), submittedAt: nullableDate(row.submittedAt),
    autoSubmitted: Boolean(row.autoSubmitted), passed: nullableBoolean(row.passed),
  };
}

const itemOf = (row: ItemRow): ItemRow => ({ ...row, correct: nullableBoolean(row.correct) });

/** One attempt; with `userId`, only if it is that user's. */
export async function attemptById(sql: RawSql, id: number, userId?: number): Promise<AttemptRow | null> {
  const [row] = userId === undefined
    ? await sql.rows<AttemptRow>(`SELECT ${ATTEMPT_COLUMNS} FROM attempts WHERE id = ?`, [id])
    : await sql.rows<AttemptRow>(`SELECT ${ATTEMPT_COLUMNS} FROM attempts WHERE id = ? AND user_id = ?`, [id, userId]);
  return row ? attemptOf(row) : null;
}

export async function itemsOf(sql: RawSql, attemptId: number): Promise<ItemRow[]> {
  const rows = await sql.rows<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM attempt_items WHERE attempt_id = ? ORDER BY ordinal`, [attemptId]);
  return rows.map(itemOf);
}

/** A user's attempts at one exam (how many are used, and whether one is open). */
export function attemptsAtRead(examId: number, userId: number): Read<Array<{ id: number; status: AttemptStatus; deadline: Date }>> {
  return {
    sql: 'SELECT id, status, deadline FROM attempts WHERE exam_id = ? AND user_id = ?', params: [examId, userId],
    map: (rows: Array<{ id: number; status: AttemptStatus; deadline: Date }>) => rows.map((row) => ({ ...row, deadline: rawDate(row.deadline) })),
  };
}

/** Writes a new attempt and its paper in one transaction; returns the ids of the attempt and of its items by ordinal. */
export async function insertAttempt(
  sql: RawSql,
  attempt: { examId: number; userId: number; attemptNo: number; startedAt: Date; deadline: Date; maxScore: number },
  items: NewItem[],
): Promise<{ id: number; itemIds: Map<number, number> }> {
  return sql.transaction(async (tx) => {
    const id = await tx.insert(
      `INSERT INTO attempts (exam_id, user_id, attempt_no, status, started_at, deadline, auto_submitted, max_score) VALUES (?, ?, ?, 'in_progress', ?, ?, ?, ?)`,
      [attempt.examId, attempt.userId, attempt.attemptNo, attempt.startedAt, attempt.deadline, false, attempt.maxScore],
    );
    await tx.run(
      `INSERT INTO attempt_items (attempt_id, ordinal, question_version_id, statute_id, points, option_map, response_seq) VALUES ${placeholders(items.length, '(?, ?, ?, ?, ?, ?, 0)')}`,
      items.flatMap((item) => [id, item.ordinal, item.questionVersionId, item.statuteId, item.points, json(item.optionMap)]),
    );
    const written = await tx.rows<{ id: number; ordinal: number }>('SELECT id, ordinal FROM attempt_items WHERE attempt_id = ?', [id]);
    return { id, itemIds: new Map(written.map((row) => [row.ordinal, row.id])) };
  });
}

/** Compare-and-set from in progress to submitted: false if someone else closed it first. */
export async function closeAttempt(sql: RawSql, id: number, finished: { at: Date; auto: boolean }): Promise<boolean> {
  const changed = await sql.run(
    `UPDATE attempts SET status = 'submitted', submitted_at = ?, auto_submitted = ? WHERE id = ? AND status = 'in_progress'`,
    [finished.at, finished.auto, id],
  );
  return changed === 1;
}

export async function writeGrades(
  sql: RawSql, attemptId: number, attempt: { score: number; passed: boolean; breakdown: unknown },
  items: Array<{ id: number; score: number; correct: boolean }>,
): Promise<void> {
  await sql.run('UPDATE attempts SET score = ?, passed = ?, breakdown = ? WHERE id = ?', [attempt.score, attempt.passed, json(attempt.breakdown), attemptId]);
  if (!items.length) return;
  // One UPDATE with CASE for the whole paper, instead of one statement per item.
  const cases = placeholders(items.length, 'WHEN ? THEN ?', ' ');
  await sql.run(
    `UPDATE attempt_items SET score = CASE id ${cases} END, correct = CASE id ${cases} END WHERE id IN (${placeholders(items.length)})`,
    [...items.flatMap((i) => [i.id, i.score]), ...items.flatMap((i) => [i.id, i.correct]), ...items.map((i) => i.id)],
  );
}

export type OverrideRow = { extraMinutes: number; closesAt: Date | null; extraAttempts: number };

/** The overrides of an exam that reach a sitter: by name, or through an organisation on their path. */
export function overridesRead(examId: number, userId: number, organizationIds: number[]): Read<OverrideRow[]> {
  const ids = organizationIds.length ? organizationIds : [0];
  return {
    sql: `SELECT extra_minutes AS extraMinutes, closes_at AS closesAt, extra_attempts AS extraAttempts FROM exam_overrides
          WHERE exam_id = ? AND (user_id = ? OR organization_id IN (${placeholders(ids.length)}))`,
    params: [examId, userId, ...ids],
    map: (rows: OverrideRow[]) => rows.map((row) => ({ ...row, closesAt: nullableDate(row.closesAt) })),
  };
}

export function sitterRead(userId: number): Read<{ organizationId: number; isKeyMinority: boolean }> {
  return {
    sql: 'SELECT organization_id AS organizationId, is_key_minority AS isKeyMinority FROM users WHERE id = ?', params: [userId],
    map: ([row]: Array<{ organizationId: number; isKeyMinority: unknown }>) => {
      if (!row) throw new Error(`user ${userId} does not exist`);
      return { organizationId: row.organizationId, isKeyMinority: Boolean(row.isKeyMinority) };
    },
  };
}

export async function organizationPath(sql: RawSql, organizationId: number): Promise<string> {
  const [row] = await sql.rows<{ path: string }>('SELECT path FROM organizations WHERE id = ?', [organizationId]);
  if (!row) throw new Error(`organisation ${organizationId} does not exist`);
  return row.path;
}

/** Questions a cadre has met before, in exams or practice. */
export function seenQuestionIdsRead(userId: number): Read<Set<number>> {
  return {
    sql: `SELECT v.question_id AS questionId FROM attempt_items i
            JOIN attempts a ON a.id = i.attempt_id JOIN question_versions v ON v.id = i.question_version_id WHERE a.user_id = ?
          UNION
          SELECT v.question_id AS questionId FROM practice_answers p JOIN question_versions v ON v.id = p.question_version_id WHERE p.user_id = ?`,
    params: [userId, userId],
    map: (rows: Array<{ questionId: number }>) => new Set(rows.map((row) => Number(row.questionId))),
  };
}
