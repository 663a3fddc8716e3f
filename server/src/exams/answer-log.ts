// Answer saves as an append-only log (ANSWER_WRITE_MODE=log): a batch of saves is one multi-row
// INSERT … SELECT, like heartbeats, instead of one UPDATE per save. What a save must meet:
// - the attempt in progress and its deadline after the save's server time: the INSERT selects
//   each row through its attempt row with a shared lock, so it is ordered strictly against a
//   submit (finalize.ts flips the status first): a save is either in the log before the grading
//   reads it, or refused;
// - a sequence number above the last one accepted: checked against the item's last save known to
//   this process (the paper cache), without a read. Saves of one item are written one batch after
//   another (group commit keys), so within a process this is exact; a save that another process
//   already superseded is stored and loses when the paper is read, because the highest seq of an
//   item wins (the first of equal ones).
// Reading the paper, resuming and grading take the latest save per item; grading copies it into
// attempt_items, which every later reader (results, statistics, reports) reads as before.
import type { RowDataPacket } from 'mysql2/promise';
import type { Db } from '../db/client.ts';
import { placeholders } from '../db/raw-sql.ts';
import { rawDate } from '../db/raw-values.ts';
import type { RawMysql } from '../db/raw-mysql.ts';
import type { AnswerRow, SaveOutcome } from './answer-writer.ts';

type AttemptState = { id: number; status: string; deadline: Date | string };

const FIRST_ROW = 'SELECT ? AS attempt_id, ? AS item_id, ? AS seq, ? AS response, ? AS saved_at';
const NEXT_ROW = 'UNION ALL SELECT ?, ?, ?, ?, ?';
const rowsSelect = (count: number) => [FIRST_ROW, ...Array.from({ length: count - 1 }, () => NEXT_ROW)].join(' ');
const insertSql = (count: number, tail: string) => `INSERT INTO answer_log (attempt_id, item_id, seq, response, saved_at)
  SELECT v.attempt_id, v.item_id, v.seq, v.response, v.saved_at FROM (${rowsSelect(count)}) v JOIN attempts a ON a.id = v.attempt_id
  WHERE a.status = 'in_progress' AND a.deadline > v.saved_at ${tail}`;
const insertParams = (rows: AnswerRow[]) => rows.flatMap((r) => [r.attemptId, r.itemId, r.seq, r.response, r.at]);
const statesSql = (count: number) => `SELECT id, status, deadline FROM attempts WHERE id IN (${placeholders(count)})`;

const isStale = (row: AnswerRow) => row.seq <= row.lastSaved.seq;

function applied(row: AnswerRow): SaveOutcome {
  row.lastSaved.seq = row.seq;
  row.lastSaved.atMs = row.at.getTime();
  return { kind: 'applied' };
}

/** A row's outcome from its attempt's state, in the order of a refusal today: finished, past the deadline, stale. */
function outcome(row: AnswerRow, attempt: AttemptState | undefined): SaveOutcome {
  if (!attempt || attempt.status !== 'in_progress') return { kind: 'finished' };
  if (rawDate(attempt.deadline) <= row.at) return { kind: 'deadline' };
  if (isStale(row)) return { kind: 'stale', seq: row.lastSaved.seq, savedAt: row.lastSaved.atMs === null ? null : new Date(row.lastSaved.atMs) };
  return applied(row);
}

const attemptIds = (rows: AnswerRow[]) => [...new Set(rows.map((r) => r.attemptId))];
const byAttempt = (states: AttemptState[]) => new Map(states.map((s) => [Number(s.id), s]));
const DEADLOCK = 1213;

// MySQL: one transaction sent as one packet: the INSERT, then the state of the batch's attempts,
// read while the INSERT's shared locks still hold them, so it is the state the INSERT saw and
// each row's outcome follows from it.
export async function commitLogMysql(pool: RawMysql, rows: AnswerRow[], attempt = 1): Promise<SaveOutcome[]> {
  const fresh = rows.filter((r) => !isStale(r));
  const ids = attemptIds(rows);
  let states: AttemptState[];
  if (!fresh.length) {
    [states] = await pool.query<Array<AttemptState & RowDataPacket>>(statesSql(ids.length), ids);
  } else {
    const connection = await pool.getConnection();
    try {
      const [packets] = await connection.query(`START TRANSACTION;${insertSql(fresh.length, 'LOCK IN SHARE MODE')};${statesSql(ids.length)};COMMIT;`, [...insertParams(fresh), ...ids]);
      states = (packets as unknown[])[2] as AttemptState[];
    } catch (error) {
      await connection.query('ROLLBACK').catch(() => undefined);
      if ((error as { errno?: number }).errno === DEADLOCK && attempt < 3) return commitLogMysql(pool, rows, attempt + 1);
      throw error;
    } finally {
      connection.release();
    }
  }
  const state = byAttempt(states);
  return rows.map((row) => outcome(row, state.get(row.attemptId)));
}

// SQLite: writers are serialised by the database, so a submit and the INSERT cannot interleave;
// RETURNING names the rows stored, and the attempts are read only when a row was not.
export async function commitLogSqlite(db: Db, rows: AnswerRow[]): Promise<SaveOutcome[]> {
  const fresh = rows.filter((r) => !isStale(r));
  const stored = fresh.length ? await db.$queryRawUnsafe<Array<{ item_id: number }>>(`${insertSql(fresh.length, '')} RETURNING item_id`, ...insertParams(fresh)) : [];
  if (stored.length === rows.length) return rows.map(applied);
  const ids = attemptIds(rows);
  const state = byAttempt(await db.$queryRawUnsafe<AttemptState[]>(statesSql(ids.length), ...ids));
  const storedIds = new Set(stored.map((s) => Number(s.item_id)));
  return rows.map((row) => (storedIds.has(row.itemId) ? applied(row) : outcome(row, state.get(row.attemptId))));
}

type LoggedSave = { itemId: number; seq: number; response: unknown; savedAt: Date | string };

/** Reads of an attempt's log, with the items read in the same round trip. */
export const loggedSavesSql = 'SELECT item_id AS itemId, seq, response, saved_at AS savedAt FROM answer_log WHERE attempt_id = ? ORDER BY id';

/** The items with each one's latest logged save laid over what attempt_items holds. */
export function withLatestSaves<T extends { id: number; response: unknown; responseSeq: number; answeredAt: Date | null }>(items: T[], saves: LoggedSave[]): T[] {
  const latest = new Map<number, LoggedSave>();
  for (const save of saves) {
    const best = latest.get(Number(save.itemId));
    if (!best || save.seq > best.seq) latest.set(Number(save.itemId), save);
  }
  return items.map((item) => {
    const save = latest.get(item.id);
    return save && save.seq > item.responseSeq ? { ...item, response: save.response, responseSeq: save.seq, answeredAt: rawDate(save.savedAt) } : item;
  });
}

