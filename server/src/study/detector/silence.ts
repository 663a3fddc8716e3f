// Time no beat can vouch for. It is never credited, but it is nobody's fault (a locked phone, a
// dropped network), so it is shown as idle without a flag.
import type { Evidence, Mark } from './evidence.ts';

/**
 * Marks the silent part of every long gap, and the time before the first beat: nothing came before
 * that beat to measure from, so its last maxCreditPerBeatMs are unverified and anything earlier is
 * silence.
 */
export function silenceMarks({ startedAt, beats, intervals, thresholds: t }: Evidence): Mark[] {
  const marks: Mark[] = intervals
    .filter((interval) => interval.silent)
    .map(({ from, creditFrom }): Mark => ({ kind: 'silence', from, to: creditFrom }));
  const first = beats[0];
  if (!first || first.serverAt <= startedAt) return marks;
  const vouchedFrom = Math.max(startedAt, first.serverAt - t.maxCreditPerBeatMs);
  if (vouchedFrom > startedAt) marks.push({ kind: 'silence', from: startedAt, to: vouchedFrom });
  marks.push({ kind: 'unverified', from: vouchedFrom, to: first.serverAt });
  return marks;
}
