// Cron expressions: validation with Chinese messages, and the firings between two instants
// (for catching up on missed ones). node-cron reads the expressions; its public API offers a
// parser (`parse`) and a matcher (`task.match`) but no "next firing after an arbitrary date"
// (getNextRuns always starts at the wall clock), so firingsBetween walks candidate times built
// from the parsed fields and lets node-cron's own matcher decide each one. Catch-up therefore
// agrees with the live schedule, special tokens (L, W, #) included.
import cron from 'node-cron';

const FIELD_LABELS: Record<string, string> = {
  second: '秒', minute: '分', hour: '时', dayOfMonth: '日', month: '月', dayOfWeek: '周',
};

/** Is this an IANA time zone the runtime knows? */
function isTimeZone(timezone: string): boolean {
  if (!timezone.trim()) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks a schedule and its time zone; returns a Chinese message for the user, or null when
 * both are fine. Use it for anything scheduled from user input (answer 400 with the message),
 * and at start for the registered jobs. node-cron accepts an unknown time zone and only fails
 * when the task fires, which is why the zone is checked here.
 */
export function validateSchedule(expression: string, timezone: string): string | null {
  if (!isTimeZone(timezone)) return `时区“${timezone}”无效，应为 IANA 时区名称，例如 Asia/Shanghai`;
  let detail;
  try {
    detail = cron.validateDetailed(expression);
  } catch {
    return `定时表达式“${expression}”无效`;
  }
  if (!detail.valid) {
    const error = detail.errors[0];
    if (!error || error.field === 'expression') {
      const fields = expression.trim().split(/\s+/).filter(Boolean).length;
      if (/fields/.test(error?.message ?? '')) return `定时表达式应有 5 个字段（分 时 日 月 周）或 6 个字段（秒 分 时 日 月 周），实际为 ${fields} 个`;
      return `定时表达式“${expression}”包含不允许的字符`;
    }
    if (/impossible day of month/.test(error.message)) return `定时表达式“${expression}”的日期在所选月份中不存在，永远不会触发`;
    return `定时表达式“${expression}”的“${FIELD_LABELS[error.field] ?? error.field}”字段“${error.value ?? ''}”无效`;
  }
  // A valid expression can still never come round (e.g. 31 in a 30-day month only); node-cron
  // looks up to 100 years ahead and throws when there is nothing.
  const probe = cron.createTask(expression, () => undefined, { timezone });
  try {
    probe.getNextRuns(1);
  } catch {
    return `定时表达式“${expression}”在今后 100 年内不会触发`;
  } finally {
    probe.destroy();
  }
  return null;
}

// --- firings between two instants

type Day = { year: number; month: number; day: number };
type LocalTime = Day & { hour: number; minute: number; second: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function localTime(ms: number, timezone: string): LocalTime {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timezone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(ms))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

function wallMs(t: LocalTime): number {
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
}

/** The zone's UTC offset at an instant, in milliseconds. */
function offsetAt(ms: number, timezone: string): number {
  return wallMs(localTime(ms, timezone)) - Math.floor(ms / 1000) * 1000;
}

function sameLocalTime(a: LocalTime, b: LocalTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute && a.second === b.second;
}

/** The instant a wall-clock time names in the zone (in a DST gap, the later candidate, as node-cron does). */
function instantOf(t: LocalTime, timezone: string): number {
  const guess = wallMs(t);
  const first = guess - offsetAt(guess, timezone);
  const second = guess - offsetAt(first, timezone);
  if (first === second || sameLocalTime(localTime(first, timezone), t)) return first;
  if (sameLocalTime(localTime(second, timezone), t)) return second;
  return Math.max(first, second);
}

function offsetChangesOn(day: Day, timezone: string): boolean {
  const start = instantOf({ ...day, hour: 0, minute: 0, second: 0 }, timezone);
  return offsetAt(start, timezone) !== offsetAt(start + 86_400_000, timezone);
}

function previousDay({ year, month, day }: Day): Day {
  const d = new Date(Date.UTC(year, month - 1, day - 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const dayNumber = (d: Day) => Date.UTC(d.year, d.month - 1, d.day);

/** Walking back stops after this many days: a job firing less often has nothing to catch up. */
const MAX_DAYS_BACK = 3660;

/**
 * Firings of `expression` in `timezone` after `after` (exclusive) up to `until` (inclusive),
 * oldest first; only the latest `limit` of them. Days are walked backwards from `until`, and
 * each candidate time built from the parsed second/minute/hour lists is checked with
 * node-cron's matcher, so the cost is one match per day plus the candidates of matching days.
 */
export function firingsBetween(expression: string, timezone: string, after: Date, until: Date, limit: number): Date[] {
  const afterMs = after.getTime();
  const untilMs = until.getTime();
  if (limit < 1 || untilMs <= afterMs) return [];
  const fields = cron.parse(expression);
  const descending = (values: number[]) => [...values].sort((a, b) => b - a);
  const hours = descending(fields.hour), minutes = descending(fields.minute), seconds = descending(fields.second);
  const upper = localTime(untilMs, timezone);
  const lower = localTime(afterMs, timezone);
  const upperClock = upper.hour * 3600 + upper.minute * 60 + upper.second;
  const lowerClock = lower.hour * 3600 + lower.minute * 60 + lower.second;
  // A task that is never started: only its matcher is used. Destroying it unregisters it.
  const matcher = cron.createTask(expression, () => undefined, { timezone });
  const found: number[] = [];
  try {
    let day: Day = upper;
    for (let walked = 0; walked <= MAX_DAYS_BACK && dayNumber(day) >= dayNumber(lower); walked++, day = previousDay(day)) {
      // The earliest candidate of the day decides whether the day matches at all: its hour,
      // minute and second are allowed, so only the day fields can fail it. Unless a DST gap
      // moved it, which leaves the question to the candidates themselves.
      const earliest = { ...day, hour: hours.at(-1)!, minute: minutes.at(-1)!, second: seconds.at(-1)! };
      const earliestAt = instantOf(earliest, timezone);
      if (sameLocalTime(localTime(earliestAt, timezone), earliest) && !matcher.match(new Date(earliestAt))) continue;
      const isFirst = dayNumber(day) === dayNumber(upper), isLast = dayNumber(day) === dayNumber(lower);
      // Cheap wall-clock bounds on the first and last day skip most candidates; on a day the
      // offset changes (DST), an hour's slack keeps them safe. The instants decide.
      const slack = (isFirst || isLast) && offsetChangesOn(day, timezone) ? 3600 : 0;
      for (const hour of hours) for (const minute of minutes) for (const second of seconds) {
        const clock = hour * 3600 + minute * 60 + second;
        if ((isFirst && clock > upperClock + slack) || (isLast && clock < lowerClock - slack)) continue;
        const at = instantOf({ ...day, hour, minute, second }, timezone);
        if (at > untilMs || at <= afterMs || found.includes(at) || !matcher.match(new Date(at))) continue;
        found.push(at);
        if (found.length >= limit) return toDates(found);
      }
    }
    return toDates(found);
  } finally {
    matcher.destroy();
  }
}

function toDates(instants: number[]): Date[] {
  return [...instants].sort((a, b) => a - b).map((ms) => new Date(ms));
}
