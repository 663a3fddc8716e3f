// Per person study figures over a period, what the study report and the dashboard show, for the
// people of some organisations (the same filter that finds the people, so the two queries can run
// side by side): summed from the roll-up for whole Beijing days (year rows for the whole years,
// month rows for the whole months around them, day rows for the rest: one row per cadre for a
// county-year instead of millions of raw rows), or read from the raw rows for any other period.
// The raw reading is also the reference the roll-up is tested against.
import type { Db, Prisma } from '../db/client.ts';
import { clipIntervals, type StoredAnalysis } from '../study/analysis.ts';
import { unionSeconds } from '../study/detector/index.ts';
import { beijingDay, isWholeBeijingDays, nextMonth } from './beijing-day.ts';
import { groupBy } from './group-by.ts';

export type StudyTotals = {
  /** Credited time online, no millisecond counted twice across sessions. */
  creditedMs: number;
  /** credited_seconds of the sessions started in the period (the dashboard's figure). */
  startedCreditSeconds: number;
  /** Sessions started in the period or running into it, open ones included. */
  sessions: number;
  checksAsked: number; checksPassed: number; meetingsInvited: number; meetingsAttended: number; offlineMinutes: number;
  flags: Array<{ kind: string; status: 'open' | 'confirmed' | 'dismissed'; count: number }>;
};

export const noStudy = (): StudyTotals => ({
  creditedMs: 0, startedCreditSeconds: 0, sessions: 0, checksAsked: 0, checksPassed: 0, meetingsInvited: 0, meetingsAttended: 0, offlineMinutes: 0, flags: [],
});

type Period = { from: Date; to: Date };
/** Whose figures: the people of the organisations this filter finds. */
type Organizations = Prisma.OrganizationWhereInput;

/** Figures by user id over [from, to): from the roll-up for whole Beijing days, else from the raw rows. */
export function studyTotals(db: Db, organizations: Organizations, period: Period): Promise<Map<number, StudyTotals>> {
  return (isWholeBeijingDays(period.from, period.to) ? studyTotalsFromRollup : studyTotalsFromRawRows)(db, organizations, period);
}

const SUMMED = { creditedMs: true, sessionsStarted: true, startedCreditSeconds: true, checksAsked: true, checksPassed: true, meetingsInvited: true, meetingsAttended: true, offlineMinutes: true } as const;
type Sums = { [K in keyof typeof SUMMED]: number | bigint | null };

type Range = { gte: string; lt: string };
const nonEmpty = (ranges: Range[]) => ranges.filter((range) => range.gte < range.lt);

/**
 * Whole Beijing days [from, to) as the years wholly inside (year rows), the months wholly inside
 * around them (month rows), and the days around those (day rows). Keys compare as strings.
 */
export function periodRows(from: string, to: string): { years: Range | null; months: Range[]; days: Range[] } {
  const firstMonth = from.endsWith('-01') ? from.slice(0, 7) : nextMonth(from.slice(0, 7));
  const endMonth = to.slice(0, 7);
  if (firstMonth >= endMonth) return { years: null, months: [], days: [{ gte: from, lt: to }] };
  const days = nonEmpty([{ gte: from, lt: `${firstMonth}-01` }, { gte: `${endMonth}-01`, lt: to }]);
  const firstYear = firstMonth.endsWith('-01') ? firstMonth.slice(0, 4) : String(Number(firstMonth.slice(0, 4)) + 1);
  const endYear = endMonth.slice(0, 4);
  if (firstYear >= endYear) return { years: null, months: [{ gte: firstMonth, lt: endMonth }], days };
  return { years: { gte: firstYear, lt: endYear }, months: nonEmpty([{ gte: firstMonth, lt: `${firstYear}-01` }, { gte: `${endYear}-01`, lt: endMonth }]), days };
}

const totalsOf = (totals: Map<number, StudyTotals>) => (userId: number) => totals.get(userId) ?? totals.set(userId, noStudy()).get(userId)!;

/** Sums of the roll-up over [from, to), both Beijing midnights. */
export async function studyTotalsFromRollup(db: Db, organizations: Organizations, period: Period): Promise<Map<number, StudyTotals>> {
  const who = { user: { organization: organizations } };
  const from = beijingDay(period.from.getTime());
  const to = beijingDay(period.to.getTime());
  const { years, months, days } = periodRows(from, to);
  const [yearSums, monthSums, daySums, carriedIn, open, flags] = await Promise.all([
    years ? db.studyYearRollup.groupBy({ by: ['userId'], where: { ...who, year: years }, _sum: SUMMED }) : [],
    months.length ? db.studyMonthRollup.groupBy({ by: ['userId'], where: { ...who, OR: months.map((month) => ({ month })) }, _sum: SUMMED }) : [],
    days.length ? db.studyDayRollup.groupBy({ by: ['userId'], where: { ...who, OR: days.map((day) => ({ day })) }, _sum: SUMMED }) : [],
    // Sessions that began before the period and ran past its first midnight.
    db.studyDayRollup.findMany({ where: { ...who, day: from, sessionsCarriedIn: { gt: 0 } }, select: { userId: true, sessionsCarriedIn: true } }),
    db.studySession.groupBy({ by: ['userId'], where: { ...who, status: 'open', startedAt: { lt: period.to } }, _count: { _all: true } }),
    db.studyFlagDayRollup.groupBy({ by: ['userId', 'kind', 'status'], where: { ...who, day: { gte: from, lt: to } }, _sum: { flags: true } }),
  ]);
  const totals = new Map<number, StudyTotals>();
  const of = totalsOf(totals);
  for (const { userId, _sum: sum } of [...yearSums, ...monthSums, ...daySums] as Array<{ userId: number; _sum: Sums }>) {
    const person = of(userId);
    const add = (field: keyof Sums) => Number(sum[field] ?? 0);
    person.creditedMs += add('creditedMs');
    person.sessions += add('sessionsStarted');
    person.startedCreditSeconds += add('startedCreditSeconds');
    person.checksAsked += add('checksAsked');
    person.checksPassed += add('checksPassed');
    person.meetingsInvited += add('meetingsInvited');
    person.meetingsAttended += add('meetingsAttended');
    person.offlineMinutes += add('offlineMinutes');
  }
  for (const row of carriedIn) of(row.userId).sessions += row.sessionsCarriedIn;
  for (const row of open) of(row.userId).sessions += row._count._all;
  for (const row of flags) of(row.userId).flags.push({ kind: row.kind, status: row.status, count: row._sum.flags ?? 0 });
  return totals;
}

/** The same figures from the raw rows, for any period. */
export async function studyTotalsFromRawRows(db: Db, organizations: Organizations, period: Period): Promise<Map<number, StudyTotals>> {
  const who = { user: { organization: organizations } };
  const range = { gte: period.from, lt: period.to };
  const [sessions, flags, checks, invitations, attendances] = await Promise.all([
    db.studySession.findMany({
      where: { ...who, startedAt: { lt: period.to }, OR: [{ startedAt: { gte: period.from } }, { endedAt: null }, { endedAt: { gt: period.from } }] },
      select: { userId: true, startedAt: true, creditedSeconds: true, analysis: true },
    }),
    db.studyFlag.groupBy({ by: ['userId', 'kind', 'status'], where: { ...who, fromAt: range }, _count: { _all: true } }),
    db.presenceCheck.findMany({ where: { askedAt: range, session: who }, select: { correct: true, session: { select: { userId: true } } } }),
    db.meetingInvitee.findMany({ where: { ...who, meeting: { startsAt: range } }, select: { userId: true, meetingId: true, meeting: { select: { creditMinutes: true } } } }),
    db.attendance.findMany({ where: { ...who, meeting: { startsAt: range } }, select: { userId: true, meetingId: true } }),
  ]);
  const totals = new Map<number, StudyTotals>();
  const of = totalsOf(totals);
  for (const [userId, own] of groupBy(sessions, (s) => s.userId)) {
    const intervals = own.flatMap((s) => clipIntervals((s.analysis as StoredAnalysis | null)?.effective ?? [], period.from.getTime(), period.to.getTime()));
    const started = own.filter((s) => s.startedAt >= period.from);
    Object.assign(of(userId), { creditedMs: Math.round(unionSeconds(intervals) * 1000), sessions: own.length, startedCreditSeconds: started.reduce((sum, s) => sum + s.creditedSeconds, 0) });
  }
  for (const row of flags) of(row.userId).flags.push({ kind: row.kind, status: row.status, count: row._count._all });
  for (const check of checks) {
    of(check.session.userId).checksAsked++;
    if (check.correct === true) of(check.session.userId).checksPassed++;
  }
  const attended = new Set(attendances.map((a) => `${a.meetingId}:${a.userId}`));
  for (const invitation of invitations) {
    const person = of(invitation.userId);
    person.meetingsInvited++;
    if (!attended.has(`${invitation.meetingId}:${invitation.userId}`)) continue;
    person.meetingsAttended++;
    person.offlineMinutes += invitation.meeting.creditMinutes;
  }
  return totals;
}
