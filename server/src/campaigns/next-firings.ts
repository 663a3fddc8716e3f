// The recurrence editor's preview: the next firings of a cron expression in Beijing time,
// computed by the same reading of the expression that starts each period (recurrence.ts).
import { shanghaiMinute } from '../clock.ts';
import { ValidationError } from '../errors.ts';
import { nextFiring, recurrenceProblem } from './recurrence.ts';

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** "2027-01-01 00:00 周五": the minute and weekday a Beijing reader expects. */
function beijingLabel(at: Date): string {
  const weekday = new Date(at.getTime() + 8 * 3_600_000).getUTCDay();
  return `${shanghaiMinute(at)} 周${WEEKDAYS[weekday]}`;
}

export function nextFirings(expression: string, after: Date, count: number) {
  const problem = recurrenceProblem(expression);
  if (problem) throw new ValidationError(problem, [{ path: 'query.expression', code: 'invalid_recurrence', message: problem }]);
  const firings: Array<{ at: string; beijing: string }> = [];
  for (let cursor = after; firings.length < count;) {
    const next = nextFiring(expression, cursor);
    if (!next) break;
    firings.push({ at: next.toISOString(), beijing: beijingLabel(next) });
    cursor = next;
  }
  return { expression, timezone: 'Asia/Shanghai' as const, firings };
}
