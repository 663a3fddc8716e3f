// Beijing calendar days (UTC+8 all year) as the roll-ups key them: 'YYYY-MM-DD'.
export const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The Beijing date of an instant. */
export const beijingDay = (at: number): string => new Date(at + BEIJING_OFFSET_MS).toISOString().slice(0, 10);

/** 00:00 Beijing time of the day holding `at`. */
export const startOfBeijingDay = (at: number): number => Math.floor((at + BEIJING_OFFSET_MS) / DAY_MS) * DAY_MS - BEIJING_OFFSET_MS;

/** A period of whole Beijing days, as the console asks for: what per-day roll-ups can answer. */
export const isWholeBeijingDays = (from: Date, to: Date): boolean =>
  from < to && startOfBeijingDay(from.getTime()) === from.getTime() && startOfBeijingDay(to.getTime()) === to.getTime();

/** The month after a 'YYYY-MM' month. */
export function nextMonth(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
}
