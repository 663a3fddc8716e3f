// Formatting shared by every page: Beijing time (the server's and the cadres' clock), durations,
// deadlines. Plain TS without wx, tested in Node.
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

function beijingParts(iso: string | Date): { y: number; m: number; d: number; hh: number; mm: number } {
  const date = new Date(new Date(iso).getTime() + BEIJING_OFFSET_MS);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate(), hh: date.getUTCHours(), mm: date.getUTCMinutes() };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-12-04` in Beijing time. */
export function formatDate(iso: string | Date): string {
  const p = beijingParts(iso);
  return `${p.y}-${pad(p.m)}-${pad(p.d)}`;
}

/** `12月4日 09:30` in Beijing time. */
export function formatDateTime(iso: string | Date): string {
  const p = beijingParts(iso);
  return `${p.m}月${p.d}日 ${pad(p.hh)}:${pad(p.mm)}`;
}

/** `1小时5分钟`, `12分钟`, `不足1分钟`. */
export function formatMinutes(minutes: number): string {
  const whole = Math.floor(minutes);
  if (whole < 1) return '不足1分钟';
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  return hours ? `${hours}小时${rest ? `${rest}分钟` : ''}` : `${rest}分钟`;
}

export function formatSeconds(seconds: number): string {
  return formatMinutes(seconds / 60);
}

/** How long until a deadline, as a cadre reads it: `还剩2天`, `还剩3小时`, `还剩15分钟`, `已截止`. */
export function formatTimeLeft(deadline: string | Date, now: Date = new Date()): string {
  const ms = new Date(deadline).getTime() - now.getTime();
  if (ms <= 0) return '已截止';
  const minutes = Math.ceil(ms / 60000);
  if (minutes < 60) return `还剩${minutes}分钟`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `还剩${hours}小时`;
  return `还剩${Math.floor(hours / 24)}天`;
}

/** Percentage 0–100, rounded; 100 when nothing is required. */
export function percent(done: number, required: number): number {
  if (required <= 0) return 100;
  return Math.max(0, Math.min(100, Math.round((done / required) * 100)));
}
