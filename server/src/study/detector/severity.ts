// Which flags accuse someone of cheating, as opposed to recording time nobody could vouch for.
// A reader who leaves the phone or misses one check loses that time without being accused; the
// bureau's circulars count only serious flags.
import type { Flag } from './types.ts';

const SERIOUS_FAILURE_STREAK = 5;
const ALWAYS_SERIOUS = new Set(['scripted', 'speed_reading', 'clock_skew', 'replay', 'too_fast']);

export function isSerious(flag: Pick<Flag, 'kind' | 'evidence'>): boolean {
  if (ALWAYS_SERIOUS.has(flag.kind)) return true;
  if (flag.kind !== 'presence_failed') return false;
  // A whole-session verdict (answers like guessing, or faster than reading), or a streak of failed
  // checks no reader produces: with one answer in five wrong, five failures in a row come about
  // once in 3,000 checks, while a silent program fails every check of its session.
  return 'likelihoodRatio' in flag.evidence || 'medianMs' in flag.evidence || (flag.evidence.checks ?? 0) >= SERIOUS_FAILURE_STREAK;
}
