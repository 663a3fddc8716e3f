// Firings of a campaign recurrence (a cron expression in Asia/Shanghai) around any instant of
// the server clock, with the scheduler's own cron reading (jobs/schedule.ts), so a period
// starts exactly when the same expression would fire a job.
import { SHANGHAI } from '../jobs/job.ts';
import { firingsBetween, validateSchedule } from '../jobs/schedule.ts';

const HOUR_MS = 3_600_000;
/** Widening search windows: a yearly recurrence fires within 366 days. */
const WINDOWS_MS = [HOUR_MS, 24 * HOUR_MS, 32 * 24 * HOUR_MS, 400 * 24 * HOUR_MS];
const LIMIT = 100_000;

/** A Chinese message when the expression is unusable, else null. */
export function recurrenceProblem(expression: string): string | null {
  return validateSchedule(expression, SHANGHAI);
}

/** The latest firing at or before `at`, or null within 400 days. */
export function previousFiring(expression: string, at: Date): Date | null {
  return firingsBetween(expression, SHANGHAI, new Date(at.getTime() - WINDOWS_MS.at(-1)!), at, 1)[0] ?? null;
}

/** The first firing strictly after `at`, or null within 400 days. */
export function nextFiring(expression: string, at: Date): Date | null {
  for (const window of WINDOWS_MS) {
    const firings = firingsBetween(expression, SHANGHAI, at, new Date(at.getTime() + window), LIMIT);
    if (firings.length) return firings[0]!;
  }
  return null;
}
