// The item roll-up (item_rollups): graded exam answers summed per question version, exam, unit
// (the cadre's organisation), statute and points. Item statistics, their per-statute and per-unit
// facilities and the unit × statute heatmap read it instead of every answer.
//
// Why sums suffice, exactly. Facility is Σscore ÷ Σpoints. The corrected point-biserial is
// Pearson's correlation between x = score ÷ points and the rest (the attempt's score without this
// answer); it needs only n, Σx, Σx², Σrest, Σrest², Σx·rest, and those add up across units and
// exams, so any scope is a sum of rows. Grading rounds scores to cents, so the sums are kept in
// integer cents — Σs, Σs², Σrest, Σrest², Σs·rest — exact whatever order attempts are added in;
// a row has one points value, so its sums of x are its integer sums divided by it. Whether the
// statistic is undefined is decided on the integers: x constant (each row's n·Σs² = (Σs)², all
// rows at one fraction) or the rest constant (n·Σrest² = (Σrest)²) gives null, as the per-answer
// computation does. (A blueprint giving points finer than a cent would be rounded here.)
// What sums cannot give is the upper–lower (27 %) index: it ranks every attempt by its total. The
// report computes it from the answers of one exam (stats/service.ts); bank-wide it is not given.
//
// Each graded attempt is added once, through the queue of graded attempts (rollups/attempt-queue.ts);
// a cadre moving to another unit moves their sums with them.
import type { AppDeps } from '../deps.ts';
import { Prisma, type Db, type Tx } from '../db/client.ts';
import { rawSql, type RawSql } from '../db/raw-sql.ts';
import { KeyedSums, upsertAdd, type AdditiveRow } from '../rollups/upsert-add.ts';

/** Option keys a choice question may have (bank/question-format.ts). */
const OPTION_KEYS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;
const TABLE = {
  name: 'item_rollups',
  key: ['question_version_id', 'statute_id', 'points', 'exam_id', 'organization_id'],
  sums: ['responses', 'score_sum', 'score_squares', 'rest_sum', 'rest_squares', 'score_rest_products', ...OPTION_KEYS.map((k) => `chosen_${k.toLowerCase()}`)],
} as const;
/** Attempts read at once by the rebuild. */
const REBUILD_ATTEMPTS = 2_000;

export type GradedItem = { questionVersionId: number; statuteId: number | null; points: number; score: number | null; response: unknown; choice: boolean };
export type GradedAttempt = { examId: number; organizationId: number; score: number | null; items: GradedItem[] };

const cents = (value: number | null) => Math.round((value ?? 0) * 100);

/** What one graded attempt adds to the roll-up (or, with sign −1, takes away), one row per key. */
export function contributionsOf(attempt: GradedAttempt, sign: 1 | -1 = 1): AdditiveRow[] {
  const total = cents(attempt.score);
  return new KeyedSums().add(attempt.items.map((item) => {
    const s = cents(item.score);
    const rest = total - s;
    const chosen = item.choice ? [item.response].flat().filter((k): k is string => typeof k === 'string') : [];
    const sums = [1, s, s * s, rest, rest * rest, s * rest, ...OPTION_KEYS.map((k) => chosen.filter((c) => c === k).length)];
    return { key: [item.questionVersionId, item.statuteId ?? 0, item.points, attempt.examId, attempt.organizationId], sums: sums.map((value) => sign * value) };
  })).rows();
}

/** Graded attempts, each under its sitter's unit, their sums per key added up first (rollups/attempt-queue.ts). */
export async function addGradedAttempts(sql: RawSql, mysql: boolean, attempts: GradedAttempt[]): Promise<void> {
  await upsertAdd(sql, mysql, TABLE, new KeyedSums().add(attempts.flatMap((attempt) => contributionsOf(attempt))).rows());
}

/** A Prisma transaction as the raw-SQL interface (for a change that runs in one, e.g. a cadre's move). */
export function txSql(tx: Tx): RawSql {
  const sql: RawSql = {
    rows: (text, params = []) => tx.$queryRawUnsafe(text, ...params),
    run: (text, params = []) => tx.$executeRawUnsafe(text, ...params),
    insert: () => Promise.reject(new Error('not used')),
    batch: () => Promise.reject(new Error('not used')),
    transaction: (work) => work(sql),
  };
  return sql;
}

/** The client's dialect; Prisma keeps it on the client and on each transaction. */
export const isMysql = (client: Db | Tx) => (client as unknown as { _activeProvider: string })._activeProvider === 'mysql';

/** Graded attempts with their answers, as the roll-up sees them. */
export async function gradedAttemptsOf(sql: RawSql, where: string, params: unknown[], organizationOf: (attempt: { attemptId: number; userId: number }) => number): Promise<GradedAttempt[]> {
  const items = await sql.rows<{ attemptId: number; userId: number; examId: number; total: number | null; questionVersionId: number; statuteId: number | null; points: number; score: number | null; response: unknown; type: string }>(
    `SELECT a.id AS attemptId, a.user_id AS userId, a.exam_id AS examId, a.score AS total, i.question_version_id AS questionVersionId, i.statute_id AS statuteId,
       i.points, i.score, i.response, v.type
     FROM attempts a JOIN attempt_items i ON i.attempt_id = a.id JOIN question_versions v ON v.id = i.question_version_id
     WHERE a.status = 'submitted' AND ${where}`, params);
  const attempts = new Map<number, GradedAttempt>();
  for (const item of items) {
    const attempt = attempts.get(Number(item.attemptId)) ?? { examId: Number(item.examId), organizationId: organizationOf({ attemptId: Number(item.attemptId), userId: Number(item.userId) }), score: item.total === null ? null : Number(item.total), items: [] };
    attempt.items.push({
      questionVersionId: Number(item.questionVersionId), statuteId: item.statuteId === null ? null : Number(item.statuteId), points: Number(item.points),
      score: item.score === null ? null : Number(item.score), response: parseJson(item.response), choice: item.type === 'single' || item.type === 'multiple',
    });
    attempts.set(Number(item.attemptId), attempt);
  }
  return [...attempts.values()];
}

/** JSON columns come back parsed through mysql2, as text through Prisma's raw queries. */
function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** In the transaction moving a cadre to another unit: their graded answers move with them. */
export async function moveCadreItems(tx: Tx, userId: number, from: number, to: number): Promise<void> {
  const sql = txSql(tx);
  const attempts = await gradedAttemptsOf(sql, 'a.user_id = ?', [userId], () => from);
  if (!attempts.length) return;
  await upsertAdd(sql, isMysql(tx), TABLE, [
    ...attempts.flatMap((attempt) => contributionsOf(attempt, -1)),
    ...attempts.flatMap((attempt) => contributionsOf({ ...attempt, organizationId: to })),
  ]);
  await sql.run('DELETE FROM item_rollups WHERE organization_id = ? AND responses = 0', [from]);
}

/** Recomputes the roll-up from every graded answer, replacing it in one transaction. */
export async function rebuildItemRollup(deps: Pick<AppDeps, 'db' | 'rawMysql'>): Promise<{ rows: number }> {
  const units = new Map((await deps.db.user.findMany({ select: { id: true, organizationId: true } })).map((u) => [u.id, u.organizationId]));
  return rawSql(deps).transaction(async (sql) => {
    await sql.run('DELETE FROM item_rollups');
    const [{ last }] = await sql.rows<{ last: number | null }>('SELECT MAX(id) AS last FROM attempts');
    const sums = new KeyedSums();
    for (let from = 1; from <= Number(last ?? 0); from += REBUILD_ATTEMPTS) {
      const attempts = await gradedAttemptsOf(sql, 'a.id BETWEEN ? AND ?', [from, from + REBUILD_ATTEMPTS - 1], ({ userId }) => units.get(userId)!);
      sums.add(attempts.flatMap((attempt) => contributionsOf(attempt)));
    }
    const rows = sums.rows();
    await upsertAdd(sql, deps.rawMysql !== null, TABLE, rows);
    return { rows: rows.length };
  });
}

// ---- reading

/**
 * The organisations whose people the caller's results cover, by id (a county's few hundred): the
 * roll-up is then read in its key order instead of through a join on paths.
 */
export async function unitsInScope(db: Db, scope: 'all' | string[]): Promise<Array<{ id: number; name: string }>> {
  if (scope !== 'all' && !scope.length) return [];
  return db.organization.findMany({ where: scope === 'all' ? {} : { OR: scope.map((prefix) => ({ path: { startsWith: prefix } })) }, select: { id: true, name: true } });
}

/** `citedStatute`: questions citing it anywhere (the bank's filter); `answerStatute`: answers filed under it (the heatmap's). */
export type ItemFilter = { unitIds: number[]; examId?: number; citedStatute?: string; answerStatute?: string };

function filterSql(filter: ItemFilter): Prisma.Sql {
  return Prisma.sql`r.organization_id IN (${Prisma.join(filter.unitIds)})
    ${filter.examId ? Prisma.sql`AND r.exam_id = ${filter.examId}` : Prisma.empty}
    ${filter.citedStatute ? Prisma.sql`AND r.question_version_id IN (SELECT c.version_id FROM question_citations c JOIN statutes cs ON cs.id = c.statute_id WHERE cs.slug = ${filter.citedStatute})` : Prisma.empty}
    ${filter.answerStatute ? Prisma.sql`AND r.statute_id IN (SELECT id FROM statutes WHERE slug = ${filter.answerStatute})` : Prisma.empty}`;
}

/** Graded attempts of people in the filter's units (and exam). */
export async function gradedAttemptCount(db: Db, filter: Pick<ItemFilter, 'unitIds' | 'examId'>): Promise<number> {
  const [row] = await db.$queryRaw<Array<{ attempts: unknown }>>`
    SELECT COUNT(*) AS attempts FROM attempts a JOIN users u ON u.id = a.user_id
    WHERE a.status = 'submitted' AND u.organization_id IN (${Prisma.join(filter.unitIds)}) ${filter.examId ? Prisma.sql`AND a.exam_id = ${filter.examId}` : Prisma.empty}`;
  return Number(row?.attempts ?? 0);
}

/** Sums of one question version at one points value and statute, over the filter's units and exams. */
export type VersionSums = {
  versionId: number; statuteId: number; points: number; responses: bigint; scoreSum: bigint; scoreSquares: bigint;
  restSum: bigint; restSquares: bigint; scoreRestProducts: bigint; chosen: Record<string, number>;
};

const big = (value: unknown) => BigInt(String(value ?? 0).split('.')[0]!);

export async function versionSums(db: Db, filter: ItemFilter): Promise<VersionSums[]> {
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>`
    SELECT r.question_version_id AS versionId, r.statute_id AS statuteId, r.points AS points, SUM(r.responses) AS responses,
      SUM(r.score_sum) AS scoreSum, SUM(r.score_squares) AS scoreSquares, SUM(r.rest_sum) AS restSum, SUM(r.rest_squares) AS restSquares,
      SUM(r.score_rest_products) AS scoreRestProducts,
      ${Prisma.raw(OPTION_KEYS.map((k) => `SUM(r.chosen_${k.toLowerCase()}) AS chosen${k}`).join(', '))}
    FROM item_rollups r
    WHERE ${filterSql(filter)}
    GROUP BY r.question_version_id, r.statute_id, r.points`;
  return rows.map((row) => ({
    versionId: Number(row.versionId), statuteId: Number(row.statuteId), points: Number(row.points), responses: big(row.responses),
    scoreSum: big(row.scoreSum), scoreSquares: big(row.scoreSquares), restSum: big(row.restSum), restSquares: big(row.restSquares),
    scoreRestProducts: big(row.scoreRestProducts),
    chosen: Object.fromEntries(OPTION_KEYS.map((k) => [k, Number(row[`chosen${k}`] ?? 0)]).filter(([, n]) => n)),
  }));
}

/** Responses, Σscore and Σpoints per unit and statute (answers with a statute only), from the roll-up's covering index. */
export async function unitStatuteSums(db: Db, filter: ItemFilter) {
  const rows = await db.$queryRaw<Array<{ organizationId: unknown; statuteId: unknown; responses: unknown; scoreCents: unknown; points: unknown }>>`
    SELECT r.organization_id AS organizationId, r.statute_id AS statuteId, SUM(r.responses) AS responses, SUM(r.score_sum) AS scoreCents, SUM(r.responses * r.points) AS points
    FROM item_rollups r
    WHERE ${filterSql(filter)} AND r.statute_id <> 0
    GROUP BY r.organization_id, r.statute_id
    ORDER BY r.organization_id, r.statute_id`;
  return rows.map((row) => ({ organizationId: Number(row.organizationId), statuteId: Number(row.statuteId), responses: Number(row.responses), score: Number(row.scoreCents) / 100, points: Number(row.points) }));
}
