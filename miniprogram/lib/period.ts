// The periods a cadre looks back over (this year, last year, the last 30 / 90 days), as server
// timestamps; a year is the Beijing-time calendar year.
export type PeriodKey = 'thisYear' | 'lastYear' | 'last30' | 'last90' | 'custom';
export type Period = { key: PeriodKey; from: string; to: string };

export const PERIOD_OPTIONS: { key: Exclude<PeriodKey, 'custom'>; label: string }[] = [
  { key: 'thisYear', label: '今年' }, { key: 'lastYear', label: '去年' }, { key: 'last30', label: '近30天' }, { key: 'last90', label: '近90天' },
];

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

function beijingYearStart(year: number): number {
  return Date.UTC(year, 0, 1) - BEIJING_OFFSET_MS;
}

export function periodOf(key: Exclude<PeriodKey, 'custom'>, now: Date = new Date()): Period {
  const year = new Date(now.getTime() + BEIJING_OFFSET_MS).getUTCFullYear();
  const iso = (ms: number) => new Date(ms).toISOString();
  switch (key) {
    case 'thisYear': return { key, from: iso(beijingYearStart(year)), to: iso(beijingYearStart(year + 1)) };
    case 'lastYear': return { key, from: iso(beijingYearStart(year - 1)), to: iso(beijingYearStart(year)) };
    case 'last30': return { key, from: iso(now.getTime() - 30 * DAY_MS), to: iso(now.getTime() + 60_000) };
    case 'last90': return { key, from: iso(now.getTime() - 90 * DAY_MS), to: iso(now.getTime() + 60_000) };
  }
}

/** From the first Beijing-time day to the end of the last (`YYYY-MM-DD` each, in either order). */
export function customPeriod(firstDay: string, lastDay: string): Period {
  const [first, last] = [firstDay, lastDay].sort() as [string, string];
  const startOf = (day: string) => Date.parse(`${day}T00:00:00+08:00`);
  return { key: 'custom', from: new Date(startOf(first)).toISOString(), to: new Date(startOf(last) + DAY_MS).toISOString() };
}
