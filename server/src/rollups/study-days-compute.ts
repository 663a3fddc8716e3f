// The study roll-up's rows computed from the raw rows, for some cadres over whole Beijing days
// (or all time): the one definition that both the incremental refresh and the rebuild use.
// Per cadre and day: closed sessions started, their credited_seconds, closed sessions running
// into the day from an earlier one, the union of the day's effective credited intervals over all
// sessions (no millisecond twice), presence checks asked and passed, invitations to meetings
// starting that day, those attended and their credit; and flags by the day they start.
import { placeholders, type RawSql } from '../db/raw-sql.ts';
import { rawDate } from '../db/raw-values.ts';
import { unionSeconds } from '../study/detector/index.ts';
import { beijingDay, DAY_MS, startOfBeijingDay } from './beijing-day.ts';

/** The two statements the roll-up runs: over a Prisma transaction or over raw-sql.ts. */
export type StudySql = Pick<RawSql, 'rows' | 'run'>;

type Interval = [number, number];
type FlagStatus = 'open' | 'confirmed' | 'dismissed';
/** Whole Beijing days [from, to) in epoch ms; null for all time (the rebuild). */
export type Window = { from: number; to: number } | null;

export type StudyDayRow = {
  userId: number; day: string; creditedMs: number; sessionsStarted: number; startedCreditSeconds: number; sessionsCarriedIn: number;
  checksAsked: number; checksPassed: number; meetingsInvited: number; meetingsAttended: number; offlineMinutes: number;
};
export type FlagDayRow = { userId: number; day: string; kind: string; status: FlagStatus; flags: number };

/** Rows keyed by cadre and day, made on first mention. */
class DayRows {
  readonly days = new Map<string, StudyDayRow>();
  readonly flags = new Map<string, FlagDayRow>();
  private readonly credit = new Map<string, { userId: number; day: string; pieces: Interval[] }>();

  day(userId: number, at: number): StudyDayRow {
    const day = beijingDay(at);
    const key = `${userId}:${day}`;
    let row = this.days.get(key);
    if (!row) {
      row = { userId, day, creditedMs: 0, sessionsStarted: 0, startedCreditSeconds: 0, sessionsCarriedIn: 0, checksAsked: 0, checksPassed: 0, meetingsInvited: 0, meetingsAttended: 0, offlineMinutes: 0 };
      this.days.set(key, row);
    }
    return row;
  }

  flag(userId: number, at: number, kind: string, status: FlagStatus): void {
    const day = beijingDay(at);
    const key = `${userId}:${day}:${kind}:${status}`;
    const row = this.flags.get(key);
    if (row) row.flags++;
    else this.flags.set(key, { userId, day, kind, status, flags: 1 });
  }

  /** A credited interval, cut at each Beijing midnight; each day's pieces are united at the end. */
  credited(userId: number, [from, to]: Interval): void {
    for (let start = startOfBeijingDay(from); start < to; start += DAY_MS) {
      const piece: Interval = [Math.max(from, start), Math.min(to, start + DAY_MS)];
      if (piece[1] <= piece[0]) continue;
      const day = beijingDay(start);
      const entry = this.credit.get(`${userId}:${day}`) ?? { userId, day, pieces: [] };
      entry.pieces.push(piece);
      this.credit.set(`${userId}:${day}`, entry);
    }
  }

  finish(): { days: StudyDayRow[]; flags: FlagDayRow[] } {
    for (const { userId, day, pieces } of this.credit.values()) {
      this.day(userId, Date.parse(`${day}T00:00:00+08:00`)).creditedMs = Math.round(unionSeconds(pieces) * 1000);
    }
    return { days: [...this.days.values()], flags: [...this.flags.values()] };
  }
}

const inWindow = (window: Window, at: number) => !window || (at >= window.from && at < window.to);
const clip = (window: Window, [from, to]: Interval): Interval => (window ? [Math.max(from, window.from), Math.min(to, window.to)] : [from, to]);

type SessionRow = { userId: number; startedAt: Date; endedAt: Date; creditedSeconds: number; effective: string | Interval[] | null };
type CheckRow = { userId: number; askedAt: Date; correct: unknown };
type FlagRow = { userId: number; fromAt: Date; kind: string; status: FlagStatus };
type InvitationRow = { userId: number; startsAt: Date; creditMinutes: number; attended: unknown };

/** Booleans and 0/1 come back as either from the two databases' raw queries. */
const isTrue = (value: unknown) => value === true || Number(value) === 1;

/**
 * The raw rows of these cadres within the window, by portable SQL: a tenth of Prisma's CPU per
 * row for a rebuild's millions, and only the effective intervals of each stored analysis.
 */
async function rawRows(sql: StudySql, userIds: number[], window: Window) {
  const who = `IN (${placeholders(userIds.length)})`;
  const within = (column: string) => (window ? ` AND ${column} >= ? AND ${column} < ?` : '');
  const range = window ? [new Date(window.from), new Date(window.to)] : [];
  const overlapping = window ? ' AND started_at < ? AND (started_at >= ? OR ended_at > ?)' : '';
  const overlapRange = window ? [new Date(window.to), new Date(window.from), new Date(window.from)] : [];
  return {
    sessions: await sql.rows<SessionRow>(`SELECT user_id AS userId, started_at AS startedAt, ended_at AS endedAt, credited_seconds AS creditedSeconds,
      JSON_EXTRACT(analysis, '$.effective') AS effective FROM study_sessions WHERE status = 'closed' AND user_id ${who}${overlapping}`, [...userIds, ...overlapRange]),
    checks: await sql.rows<CheckRow>(`SELECT s.user_id AS userId, c.asked_at AS askedAt, c.correct AS correct
      FROM presence_checks c JOIN study_sessions s ON s.id = c.session_id WHERE s.user_id ${who}${within('c.asked_at')}`, [...userIds, ...range]),
    flags: await sql.rows<FlagRow>(`SELECT user_id AS userId, from_at AS fromAt, kind, status FROM study_flags WHERE user_id ${who}${within('from_at')}`, [...userIds, ...range]),
    invitations: await sql.rows<InvitationRow>(`SELECT i.user_id AS userId, m.starts_at AS startsAt, m.credit_minutes AS creditMinutes,
      CASE WHEN a.user_id IS NULL THEN 0 ELSE 1 END AS attended
      FROM meeting_invitees i JOIN study_meetings m ON m.id = i.meeting_id LEFT JOIN attendances a ON a.meeting_id = i.meeting_id AND a.user_id = i.user_id
      WHERE i.user_id ${who}${within('m.starts_at')}`, [...userIds, ...range]),
  };
}

/** The roll-up rows of these cadres' days within the window, from the raw rows. */
export async function computeStudyDays(sql: StudySql, userIds: number[], window: Window): Promise<{ days: StudyDayRow[]; flags: FlagDayRow[] }> {
  const { sessions, checks, flags, invitations } = await rawRows(sql, userIds, window);
  const rows = new DayRows();
  for (const session of sessions) {
    const userId = Number(session.userId);
    const started = rawDate(session.startedAt).getTime();
    const ended = rawDate(session.endedAt).getTime();
    if (inWindow(window, started)) {
      const row = rows.day(userId, started);
      row.sessionsStarted++;
      row.startedCreditSeconds += Number(session.creditedSeconds);
    }
    for (let midnight = startOfBeijingDay(started) + DAY_MS; midnight < ended; midnight += DAY_MS) {
      if (inWindow(window, midnight)) rows.day(userId, midnight).sessionsCarriedIn++;
    }
    const effective: Interval[] = typeof session.effective === 'string' ? JSON.parse(session.effective) : session.effective ?? [];
    for (const interval of effective) rows.credited(userId, clip(window, interval));
  }
  for (const check of checks) {
    const row = rows.day(Number(check.userId), rawDate(check.askedAt).getTime());
    row.checksAsked++;
    if (isTrue(check.correct)) row.checksPassed++;
  }
  for (const flag of flags) rows.flag(Number(flag.userId), rawDate(flag.fromAt).getTime(), flag.kind, flag.status);
  for (const invitation of invitations) {
    const row = rows.day(Number(invitation.userId), rawDate(invitation.startsAt).getTime());
    row.meetingsInvited++;
    if (!isTrue(invitation.attended)) continue;
    row.meetingsAttended++;
    row.offlineMinutes += Number(invitation.creditMinutes);
  }
  return rows.finish();
}
