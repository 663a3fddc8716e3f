// Every timestamp is shown in Beijing time, whatever the browser's own zone.
const TIME_ZONE = 'Asia/Shanghai';

const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});
const dateOnly = new Intl.DateTimeFormat('zh-CN', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const clock = new Intl.DateTimeFormat('zh-CN', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

function parts(format: Intl.DateTimeFormat, value: string | number | Date): Record<string, string> {
  return Object.fromEntries(format.formatToParts(new Date(value)).map((part) => [part.type, part.value]));
}

/** "2026-12-04 18:05:09" in Beijing time; "—" for nothing. */
export function formatDateTime(value: string | number | Date | null | undefined): string {
  if (value == null || value === '') return '—';
  const p = parts(dateTime, value);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** "2026-12-04", the Beijing calendar day. */
export function formatDate(value: string | number | Date | null | undefined): string {
  if (value == null || value === '') return '—';
  const p = parts(dateOnly, value);
  return `${p.year}-${p.month}-${p.day}`;
}

/** "18:05:09" in Beijing time. */
export function formatClock(value: string | number | Date): string {
  const p = parts(clock, value);
  return `${p.hour}:${p.minute}:${p.second}`;
}

/** Start of a Beijing calendar day ("2026-12-04") as an ISO instant the API accepts. */
export function beijingDayStart(day: string): string {
  return new Date(`${day}T00:00:00+08:00`).toISOString();
}

/** End of a Beijing calendar day (the next day's start), for inclusive "to" dates. */
export function beijingDayEnd(day: string): string {
  return new Date(new Date(`${day}T00:00:00+08:00`).getTime() + 86_400_000).toISOString();
}

/** Today's Beijing date, and the date `days` before it: the default period of reports. */
export function beijingDaysAgo(days: number): string {
  return formatDate(Date.now() - days * 86_400_000);
}

/** Minutes as "3 小时 5 分" (or "45 分"). */
export function formatMinutes(minutes: number): string {
  const whole = Math.round(minutes);
  const hours = Math.floor(whole / 60);
  return hours ? `${hours} 小时 ${whole % 60} 分` : `${whole} 分`;
}
