// A cadre's own study over a period, for the mini-program's 我的 page: credited minutes per
// Beijing-time week (no second counted twice across sessions, as in the bureau's report) and
// their flags with the explanation, so they can see what was not credited and appeal.
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { ValidationError } from '../errors.ts';
import { clipIntervals, type StoredAnalysis } from './analysis.ts';
import { unionSeconds } from './detector/index.ts';
import { presentFlag } from './sessions.ts';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const BEIJING_OFFSET_MS = 8 * 3_600_000;
/** A year and a bit: enough for an annual archive, small enough to answer at once. */
const MAX_WEEKS = 60;

/** Monday 00:00 Beijing time of the week containing `at`. */
export function beijingWeekStart(at: number): number {
  const local = at + BEIJING_OFFSET_MS;
  const daysSinceMonday = (new Date(local).getUTCDay() + 6) % 7;
  return Math.floor(local / DAY_MS) * DAY_MS - daysSinceMonday * DAY_MS - BEIJING_OFFSET_MS;
}

export async function myStudy(db: Db, actor: Actor, period: { from: Date; to: Date }) {
  const from = period.from.getTime();
  const to = period.to.getTime();
  const firstWeek = beijingWeekStart(from);
  if (to <= from) throw new ValidationError('结束时间须晚于开始时间', [{ path: 'query.to', code: 'invalid_period', message: '结束时间须晚于开始时间' }]);
  if ((to - firstWeek) / WEEK_MS > MAX_WEEKS) throw new ValidationError(`时段最长 ${MAX_WEEKS} 周`, [{ path: 'query.from', code: 'period_too_long', message: `时段最长 ${MAX_WEEKS} 周` }]);
  const [sessions, flags] = await Promise.all([
    db.studySession.findMany({
      where: { userId: actor.userId, startedAt: { lt: period.to }, OR: [{ endedAt: null }, { endedAt: { gt: period.from } }] },
      select: { analysis: true },
    }),
    db.studyFlag.findMany({
      where: { userId: actor.userId, fromAt: { gte: period.from, lt: period.to } },
      include: { user: { select: { id: true, name: true, organization: { select: { name: true } } } } },
      orderBy: [{ fromAt: 'desc' }, { id: 'desc' }],
    }),
  ]);
  const intervals = clipIntervals(sessions.flatMap((s) => (s.analysis as StoredAnalysis | null)?.effective ?? []), from, to);
  const weeks = [];
  for (let start = firstWeek; start < to; start += WEEK_MS) {
    const seconds = unionSeconds(clipIntervals(intervals, start, start + WEEK_MS));
    weeks.push({ weekStart: new Date(start + BEIJING_OFFSET_MS).toISOString().slice(0, 10), minutes: Math.round(seconds / 60) });
  }
  return {
    from: period.from.toISOString(), to: period.to.toISOString(),
    totalMinutes: Math.round(unionSeconds(intervals) / 60),
    weeks,
    flags: flags.map(presentFlag),
  };
}
