// The study roll-up: per cadre per Beijing day (study_day_rollups), the sums of those days per
// month and per year (study_month_rollups, study_year_rollups), and flags by day, kind and review
// state (study_flag_day_rollups): what the study report and the dashboard read instead of every
// session's stored analysis, presence check, invitation and attendance.
//
// Kept exact by recomputing rather than by adding deltas: credited time is a union over all of a
// cadre's sessions (no second twice), which a delta cannot know without reading the other
// sessions anyway. A change to study rows runs in `changeStudyDays`: the cadres' user rows are
// locked first, the change writes and names the (cadre, day)s it touched, those days are
// recomputed from the raw rows (study-days-compute.ts) and replaced, and their months and years
// re-summed, before the commit. The lock makes two changes to one cadre (a session closing while
// another's flag is reviewed) refresh one after the other, so neither writes figures read before
// the other committed. On MySQL these transactions read committed: a range of roll-up rows deleted
// under REPEATABLE READ would lock the gaps beside it, and two cadres' refreshes inserting into
// each other's gaps deadlock (seen with a few cadres studying at once). The rebuild is the same
// computation over every cadre, 1,000 per transaction.
//
// Open sessions are not in the roll-up (they have no credit yet and would run into every later
// day); the report counts them from study_sessions, where status = 'open' finds the few at once.
import type { AppDeps } from '../deps.ts';
import { dialectOf, type Db, type Tx } from '../db/client.ts';
import { placeholders, rawSql } from '../db/raw-sql.ts';
import { beijingDay, DAY_MS, nextMonth, startOfBeijingDay } from './beijing-day.ts';
import { lockCadres } from './lock-cadres.ts';
import { computeStudyDays, type FlagDayRow, type StudyDayRow, type StudySql, type Window } from './study-days-compute.ts';

const DAY_COLUMNS = [
  ['user_id', 'userId'], ['day', 'day'], ['credited_ms', 'creditedMs'], ['sessions_started', 'sessionsStarted'], ['started_credit_seconds', 'startedCreditSeconds'],
  ['sessions_carried_in', 'sessionsCarriedIn'], ['checks_asked', 'checksAsked'], ['checks_passed', 'checksPassed'],
  ['meetings_invited', 'meetingsInvited'], ['meetings_attended', 'meetingsAttended'], ['offline_minutes', 'offlineMinutes'],
] as const satisfies ReadonlyArray<readonly [string, keyof StudyDayRow]>;
const FLAG_COLUMNS = [['user_id', 'userId'], ['day', 'day'], ['kind', 'kind'], ['status', 'status'], ['flags', 'flags']] as const satisfies ReadonlyArray<readonly [string, keyof FlagDayRow]>;
/** What month and year rows sum (sessions carried in are read from a period's first day). */
const SUMMED_COLUMNS = ['credited_ms', 'sessions_started', 'started_credit_seconds', 'checks_asked', 'checks_passed', 'meetings_invited', 'meetings_attended', 'offline_minutes'];
/** Rows per INSERT: 11 columns × 1,000 stays under SQLite's 32,766 bound values. */
const INSERT_BATCH = 1_000;
/** Cadres per rebuild transaction: bounds its locks and the memory for their sessions. */
const REBUILD_BATCH = 1_000;

const overTransaction = (tx: Tx): StudySql => ({
  rows: (sql, params = []) => tx.$queryRawUnsafe(sql, ...params),
  run: (sql, params = []) => tx.$executeRawUnsafe(sql, ...params),
});

async function insertRows<R>(sql: StudySql, table: string, columns: ReadonlyArray<readonly [string, keyof R]>, rows: R[]): Promise<void> {
  const names = columns.map(([column]) => `\`${column}\``).join(', ');
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    const batch = rows.slice(i, i + INSERT_BATCH);
    await sql.run(`INSERT INTO \`${table}\` (${names}) VALUES ${placeholders(batch.length, `(${placeholders(columns.length)})`)}`,
      batch.flatMap((row) => columns.map(([, field]) => row[field])));
  }
}

/** Replaces the cadres' rows within the window by a fresh computation; returns the rows written. */
async function refreshDays(sql: StudySql, userIds: number[], window: Window): Promise<number> {
  const { days, flags } = await computeStudyDays(sql, userIds, window);
  const which = `user_id IN (${placeholders(userIds.length)})${window ? ' AND day >= ? AND day < ?' : ''}`;
  const params = [...userIds, ...(window ? [beijingDay(window.from), beijingDay(window.to)] : [])];
  await sql.run(`DELETE FROM study_day_rollups WHERE ${which}`, params);
  await sql.run(`DELETE FROM study_flag_day_rollups WHERE ${which}`, params);
  await insertRows(sql, 'study_day_rollups', DAY_COLUMNS, days);
  await insertRows(sql, 'study_flag_day_rollups', FLAG_COLUMNS, flags);
  return days.length + flags.length + await refreshMonthsAndYears(sql, userIds, window);
}

/** The coarser rows, each re-summed from the finer: months from days, years from months. */
const LEVELS = [
  { table: 'study_month_rollups', key: 'month', source: 'study_day_rollups', sourceKey: 'day', length: 7 },
  { table: 'study_year_rollups', key: 'year', source: 'study_month_rollups', sourceKey: 'month', length: 4 },
] as const;

/** Re-sums the cadres' month and year rows, over those the window touches, from the finer rows. */
async function refreshMonthsAndYears(sql: StudySql, userIds: number[], window: Window): Promise<number> {
  const lastDay = window && beijingDay(window.to - DAY_MS);
  const touched = window && {
    month: [beijingDay(window.from).slice(0, 7), nextMonth(lastDay!.slice(0, 7))],
    year: [beijingDay(window.from).slice(0, 4), String(Number(lastDay!.slice(0, 4)) + 1)],
  };
  const who = `user_id IN (${placeholders(userIds.length)})`;
  let rows = 0;
  for (const { table, key, source, sourceKey, length } of LEVELS) {
    const keys = touched?.[key] ?? [];
    // A month's days run from 'YYYY-MM-01', a year's months from 'YYYY-01'.
    const sourceKeys = keys.map((value) => `${value}-01`);
    await sql.run(`DELETE FROM ${table} WHERE ${who}${touched ? ` AND ${key} >= ? AND ${key} < ?` : ''}`, [...userIds, ...keys]);
    rows += await sql.run(`INSERT INTO ${table} (user_id, ${key}, ${SUMMED_COLUMNS.join(', ')})
      SELECT user_id, SUBSTR(${sourceKey}, 1, ${length}), ${SUMMED_COLUMNS.map((column) => `SUM(${column})`).join(', ')} FROM ${source}
      WHERE ${who}${touched ? ` AND ${sourceKey} >= ? AND ${sourceKey} < ?` : ''} GROUP BY user_id, SUBSTR(${sourceKey}, 1, ${length})`, [...userIds, ...sourceKeys]);
  }
  return rows;
}

/** Marks a cadre's days from `from` to `to` (inclusive, any instants) as changed. */
export type TouchDays = (userId: number, from: Date, to?: Date) => void;

/**
 * Runs a change to study rows (sessions, their analyses and credit, flags, presence checks,
 * invitations, attendance) in one transaction with the roll-up: the cadres are locked, `change`
 * writes and touches the days it changed, and those days are recomputed from the raw rows.
 */
export async function changeStudyDays<T>(db: Db, userIds: number[], change: (tx: Tx, touch: TouchDays) => Promise<T>): Promise<T> {
  const locked = new Set(userIds);
  return db.$transaction(async (tx) => {
    const sql = overTransaction(tx);
    await lockCadres(sql, userIds);
    const touched = new Map<number, { from: number; to: number }>();
    const result = await change(tx, (userId, from, to = from) => {
      if (!locked.has(userId)) throw new Error(`study days of user ${userId} touched without locking the user`);
      const seen = touched.get(userId);
      const window = { from: startOfBeijingDay(from.getTime()), to: startOfBeijingDay(to.getTime()) + DAY_MS };
      touched.set(userId, seen ? { from: Math.min(seen.from, window.from), to: Math.max(seen.to, window.to) } : window);
    });
    // Cadres touched over the same days (a meeting's invitees) are recomputed together.
    const byWindow = new Map<string, { window: Window; users: number[] }>();
    for (const [userId, window] of touched) {
      const key = `${window.from}:${window.to}`;
      const group = byWindow.get(key);
      if (group) group.users.push(userId);
      else byWindow.set(key, { window, users: [userId] });
    }
    for (const { window, users } of byWindow.values()) await refreshDays(sql, users, window);
    return result;
  }, dialectOf(db) === 'mysql' ? { isolationLevel: 'ReadCommitted' } : {});
}

/** Recomputes the whole roll-up from the raw rows, 1,000 cadres per transaction (through mysql2 on MySQL). */
export async function rebuildStudyDays(deps: Pick<AppDeps, 'db' | 'rawMysql'>): Promise<{ rows: number }> {
  const ids = (await deps.db.user.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((user) => user.id);
  let rows = 0;
  for (let i = 0; i < ids.length; i += REBUILD_BATCH) {
    const batch = ids.slice(i, i + REBUILD_BATCH);
    rows += await rawSql(deps).transaction(async (sql) => {
      await lockCadres(sql, batch);
      return refreshDays(sql, batch, null);
    });
  }
  return { rows };
}
