// The dashboard's study figures per unit of a subtree: its active cadres, how many of them have
// credit, their online seconds and offline minutes, and their open flags by kind. For whole
// Beijing days the database sums the study roll-up per cadre and then per unit, so a county
// answers with one row per unit instead of one per cadre (20,000 rows read and summed in Node
// were most of the county dashboard's time); any other period is summed here from each cadre's
// figures read from the raw rows (rollups/study-totals.ts), the reference the roll-up is tested
// against.
import { Prisma, type Db } from '../db/client.ts';
import { beijingDay, isWholeBeijingDays } from '../rollups/beijing-day.ts';
import { periodRows, studyTotalsFromRawRows } from '../rollups/study-totals.ts';

export type StudyNumbers = { cadres: number; participants: number; onlineSeconds: number; offlineMinutes: number; openFlags: Record<string, number> };
type Period = { from: Date; to: Date };

export const noStudyNumbers = (): StudyNumbers => ({ cadres: 0, participants: 0, onlineSeconds: 0, offlineMinutes: 0, openFlags: {} });

/** Adds `part` into `total` (in place) and returns it. */
export function addStudyNumbers(total: StudyNumbers, part: StudyNumbers): StudyNumbers {
  total.cadres += part.cadres; total.participants += part.participants;
  total.onlineSeconds += part.onlineSeconds; total.offlineMinutes += part.offlineMinutes;
  for (const [kind, count] of Object.entries(part.openFlags)) total.openFlags[kind] = (total.openFlags[kind] ?? 0) + count;
  return total;
}

/** Who counts: the active cadres of the units whose path starts with the subtree's, or of one unit. */
export type Cadres = { subtree: string } | { unitId: number };

const cadreFilter = (cadres: Cadres, user: string) => Prisma.sql`${Prisma.raw(user)}.status = 'active'
  AND EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = ${Prisma.raw(user)}.id AND g.role = 'cadre')
  AND ${'unitId' in cadres
    ? Prisma.sql`${Prisma.raw(user)}.organization_id = ${cadres.unitId}`
    : Prisma.sql`${Prisma.raw(user)}.organization_id IN (SELECT o.id FROM organizations o WHERE o.path LIKE ${`${cadres.subtree}%`})`}`;

/** Study figures per unit id (units without active cadres are absent). */
export function studyByUnit(db: Db, cadres: Cadres, period: Period): Promise<Map<number, StudyNumbers>> {
  return studyGrouped(db, cadres, period, 'unit');
}

/** Study figures per user id of one unit's own cadres (the dashboard's list of people). */
export function studyByPerson(db: Db, unitId: number, period: Period): Promise<Map<number, StudyNumbers>> {
  return studyGrouped(db, { unitId }, period, 'person');
}

type Per = 'unit' | 'person';
const KEY_COLUMN: Record<Per, string> = { unit: 'u.organization_id', person: 'u.id' };

function studyGrouped(db: Db, cadres: Cadres, period: Period, per: Per): Promise<Map<number, StudyNumbers>> {
  return isWholeBeijingDays(period.from, period.to) ? studyFromRollup(db, cadres, period, per) : studyFromRawRows(db, cadres, period, per);
}

type SumRow = { key: number; cadres: number; participants: number; onlineSeconds: number; offlineMinutes: number };

async function studyFromRollup(db: Db, cadres: Cadres, period: Period, per: Per): Promise<Map<number, StudyNumbers>> {
  const [sums, flags] = await Promise.all([cadreSums(db, cadres, period, KEY_COLUMN[per]), openFlags(db, cadres, period, KEY_COLUMN[per])]);
  const groups = new Map(sums.map(({ key, ...row }) => [key, { ...row, openFlags: {} } as StudyNumbers]));
  for (const row of flags) groups.get(row.key)!.openFlags[row.kind] = row.count;
  return groups;
}

/** The roll-up rows covering [from, to): year rows, month rows and day rows (rollups/study-totals.ts's split). */
function rollupParts(period: Period, user: Prisma.Sql): Prisma.Sql {
  const { years, months, days } = periodRows(beijingDay(period.from.getTime()), beijingDay(period.to.getTime()));
  const part = (table: string, column: string, ranges: Array<{ gte: string; lt: string }>) => Prisma.sql`
    SELECT r.user_id, r.started_credit_seconds AS online, r.offline_minutes AS offline FROM ${Prisma.raw(table)} r JOIN users u ON u.id = r.user_id
    WHERE ${user} AND (${Prisma.join(ranges.map((range) => Prisma.sql`(r.${Prisma.raw(column)} >= ${range.gte} AND r.${Prisma.raw(column)} < ${range.lt})`), ' OR ')})`;
  const parts = [
    ...(years ? [part('study_year_rollups', 'year', [years])] : []),
    ...(months.length ? [part('study_month_rollups', 'month', months)] : []),
    ...(days.length ? [part('study_day_rollups', 'day', days)] : []),
  ];
  return Prisma.join(parts, ' UNION ALL ');
}

/** Per `key` (a unit's or a cadre's id column): cadres, those with credit, and their sums. */
async function cadreSums(db: Db, cadres: Cadres, period: Period, key: string): Promise<SumRow[]> {
  const rows = await db.$queryRaw<Array<Record<keyof SumRow | 'groupKey', unknown>>>`
    SELECT ${Prisma.raw(key)} AS groupKey, COUNT(*) AS cadres,
      SUM(CASE WHEN s.online > 0 OR s.offline > 0 THEN 1 ELSE 0 END) AS participants,
      SUM(COALESCE(s.online, 0)) AS onlineSeconds, SUM(COALESCE(s.offline, 0)) AS offlineMinutes
    FROM users u
    LEFT JOIN (SELECT p.user_id, SUM(p.online) AS online, SUM(p.offline) AS offline FROM (${rollupParts(period, cadreFilter(cadres, 'u'))}) p GROUP BY p.user_id) s
      ON s.user_id = u.id
    WHERE ${cadreFilter(cadres, 'u')}
    GROUP BY ${Prisma.raw(key)}`;
  return rows.map((row) => ({
    key: Number(row.groupKey), cadres: Number(row.cadres), participants: Number(row.participants ?? 0),
    onlineSeconds: Number(row.onlineSeconds ?? 0), offlineMinutes: Number(row.offlineMinutes ?? 0),
  }));
}

/** Open flags raised in the period per `key` and kind. */
async function openFlags(db: Db, cadres: Cadres, period: Period, key: string): Promise<Array<{ key: number; kind: string; count: number }>> {
  const rows = await db.$queryRaw<Array<{ groupKey: unknown; kind: string; flags: unknown }>>`
    SELECT ${Prisma.raw(key)} AS groupKey, f.kind AS kind, SUM(f.flags) AS flags
    FROM study_flag_day_rollups f JOIN users u ON u.id = f.user_id
    WHERE f.status = 'open' AND f.day >= ${beijingDay(period.from.getTime())} AND f.day < ${beijingDay(period.to.getTime())} AND ${cadreFilter(cadres, 'u')}
    GROUP BY ${Prisma.raw(key)}, f.kind`;
  return rows.map((row) => ({ key: Number(row.groupKey), kind: row.kind, count: Number(row.flags) }));
}

/** From each cadre's figures on the raw rows, summed per unit (or kept per person). */
async function studyFromRawRows(db: Db, cadres: Cadres, period: Period, per: Per): Promise<Map<number, StudyNumbers>> {
  const organizations = 'unitId' in cadres ? { id: cadres.unitId } : { path: { startsWith: cadres.subtree } };
  const [people, totals] = await Promise.all([
    db.user.findMany({ where: { status: 'active', roles: { some: { role: 'cadre' } }, organization: organizations }, select: { id: true, organizationId: true } }),
    studyTotalsFromRawRows(db, organizations, period),
  ]);
  const figures = new Map<number, StudyNumbers>();
  for (const person of people) {
    const study = totals.get(person.id);
    const own: StudyNumbers = {
      cadres: 1, participants: study && (study.startedCreditSeconds > 0 || study.offlineMinutes > 0) ? 1 : 0,
      onlineSeconds: study?.startedCreditSeconds ?? 0, offlineMinutes: study?.offlineMinutes ?? 0,
      openFlags: Object.fromEntries((study?.flags ?? []).filter((flag) => flag.status === 'open').map((flag) => [flag.kind, flag.count])),
    };
    const key = per === 'unit' ? person.organizationId : person.id;
    figures.set(key, addStudyNumbers(figures.get(key) ?? noStudyNumbers(), own));
  }
  return figures;
}
