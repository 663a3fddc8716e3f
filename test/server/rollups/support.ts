// Agreement of the study roll-up with the raw rows: every day with activity, alone and in pairs
// across midnight, the whole stretch, whole months and whole years (month and year rows) alone and
// with days around them, summed from the roll-up against the same figures read from the raw rows;
// then a rebuild must write exactly the rows the incremental path wrote.
import * as assert from 'uvu/assert';
import type { Db } from '../../../server/src/db/client.ts';
import { beijingDay, DAY_MS, nextMonth, startOfBeijingDay } from '../../../server/src/rollups/beijing-day.ts';
import { rebuildStudyDays } from '../../../server/src/rollups/study-days.ts';
import { studyTotalsFromRawRows, studyTotalsFromRollup, type StudyTotals } from '../../../server/src/rollups/study-totals.ts';
import type { TestApp } from '../../support/app.ts';

export async function rollupRows(db: Db) {
  return {
    days: await db.studyDayRollup.findMany({ orderBy: [{ userId: 'asc' }, { day: 'asc' }] }),
    months: await db.studyMonthRollup.findMany({ orderBy: [{ userId: 'asc' }, { month: 'asc' }] }),
    years: await db.studyYearRollup.findMany({ orderBy: [{ userId: 'asc' }, { year: 'asc' }] }),
    flags: await db.studyFlagDayRollup.findMany({ orderBy: [{ userId: 'asc' }, { day: 'asc' }, { kind: 'asc' }, { status: 'asc' }] }),
  };
}

/** Comparable: people with any figure, flags in a fixed order. */
function comparable(totals: Map<number, StudyTotals>) {
  const rows = [];
  for (const [userId, { flags, ...figures }] of totals) {
    if (!flags.length && Object.values(figures).every((value) => value === 0)) continue;
    rows.push({ userId, ...figures, flags: [...flags].sort((a, b) => `${a.kind}:${a.status}`.localeCompare(`${b.kind}:${b.status}`)) });
  }
  return rows.sort((a, b) => a.userId - b.userId);
}

/** Beijing midnights from the day before the first activity to the day after the last. */
async function activityDays(db: Db): Promise<number[]> {
  const [sessions, checks, meetings] = await Promise.all([
    db.studySession.aggregate({ _min: { startedAt: true }, _max: { startedAt: true, endedAt: true } }),
    db.presenceCheck.aggregate({ _min: { askedAt: true }, _max: { askedAt: true } }),
    db.studyMeeting.aggregate({ _min: { startsAt: true }, _max: { startsAt: true } }),
  ]);
  const instants = [sessions._min.startedAt, sessions._max.startedAt, sessions._max.endedAt, checks._min.askedAt, checks._max.askedAt, meetings._min.startsAt, meetings._max.startsAt]
    .filter((at): at is Date => at !== null).map((at) => at.getTime());
  const days = [];
  for (let day = startOfBeijingDay(Math.min(...instants)) - DAY_MS; day <= startOfBeijingDay(Math.max(...instants)) + DAY_MS; day += DAY_MS) days.push(day);
  return days;
}

export async function assertAgreesWithRawRows(app: TestApp, what: string): Promise<void> {
  const db = app.running.deps.db;
  const days = await activityDays(db);
  // The whole months and the whole years around the activity, and each with three days more on either side.
  const midnight = (day: string) => Date.parse(`${day}T00:00:00+08:00`);
  const firstMonth = midnight(`${beijingDay(days[0]!).slice(0, 7)}-01`);
  const endMonth = midnight(`${nextMonth(beijingDay(days.at(-1)!).slice(0, 7))}-01`);
  const firstYear = midnight(`${beijingDay(days[0]!).slice(0, 4)}-01-01`);
  const endYear = midnight(`${Number(beijingDay(days.at(-1)!).slice(0, 4)) + 1}-01-01`);
  const periods = [
    ...days.map((day) => [day, day + DAY_MS]),
    ...days.map((day) => [day, day + 2 * DAY_MS]),
    [days[0]!, days.at(-1)! + DAY_MS],
    [firstMonth, endMonth],
    [firstMonth - 3 * DAY_MS, endMonth + 3 * DAY_MS],
    [firstYear, endYear],
    [firstYear - 3 * DAY_MS, endYear + 3 * DAY_MS],
  ];
  for (const [from, to] of periods) {
    const period = { from: new Date(from!), to: new Date(to!) };
    const [rollup, raw] = await Promise.all([studyTotalsFromRollup(db, {}, period), studyTotalsFromRawRows(db, {}, period)]);
    assert.equal(comparable(rollup), comparable(raw), `${what}: roll-up and raw rows differ over ${period.from.toISOString()} – ${period.to.toISOString()}`);
  }
  const incremental = await rollupRows(db);
  assert.ok(incremental.days.length > 0, `${what}: the roll-up has rows`);
  await rebuildStudyDays(app.running.deps);
  assert.equal(await rollupRows(db), incremental, `${what}: a rebuild wrote other rows than the incremental updates`);
}
