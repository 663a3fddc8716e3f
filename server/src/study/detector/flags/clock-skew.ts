// A client clock that is changed or sped up mid-session (speed hacks, 变速齿轮). The server clock
// still bounds credit, but a tampered phone makes everything else it reports untrustworthy.
import type { Thresholds } from '../thresholds.ts';
import type { Evidence, Finding, Interval } from '../evidence.ts';
import { makeFlag, spanOf } from '../evidence.ts';
import { duration, seconds } from '../format.ts';
import { runsOf, trimRun } from '../runs.ts';
import { round } from '../stats.ts';

type Rates = { rate: number[]; outside: boolean[] };

/**
 * Drift is measured against the client's offset at the first beat, so a phone that is simply set
 * to the wrong time is never flagged. An interval is skewed when its closing beat has drifted more
 * than maxClockDriftMs, or when it lies in a window of at least clockRateWindowMs whose client
 * elapsed ÷ server elapsed is outside minClockRate..maxClockRate (trimmed to intervals that are
 * off-rate themselves, so one clock jump does not smear over ten minutes).
 */
export function clockSkew({ beats, intervals, thresholds: t }: Evidence): Finding {
  const first = beats[0];
  if (!first) return { flags: [], marks: [] };
  const drift = intervals.map(({ beat }) => (beat.clientAt - beat.serverAt) - (first.clientAt - first.serverAt));
  const rates = windowRates(intervals, t.clockRateWindowMs, t.minClockRate, t.maxClockRate);
  const offRate = (k: number) => isOff(elapsedRatio(intervals[k]!), t.minClockRate, t.maxClockRate);
  const skewed = drift.map((ms) => Math.abs(ms) > t.maxClockDriftMs);
  for (const marked of runsOf(rates.outside)) {
    const run = trimRun(marked, offRate);
    if (run) for (let k = run[0]; k <= run[1]; k++) skewed[k] = true;
  }
  const found: Finding = { flags: [], marks: [] };
  for (const run of runsOf(skewed)) {
    const span = spanOf(intervals, run);
    const worstDrift = extreme(drift.slice(run[0], run[1] + 1), Math.abs) ?? 0;
    const worstRate = extreme(rates.rate.slice(run[0], run[1] + 1).filter((rate) => isOff(rate, t.minClockRate, t.maxClockRate)), severity);
    found.marks.push({ kind: 'unverified', ...span });
    found.flags.push(skewFlag(span, worstDrift, worstRate, t));
  }
  return found;
}

function skewFlag(span: { from: number; to: number }, driftMs: number, rate: number | undefined, t: Thresholds) {
  const evidence: Record<string, number> = { driftSeconds: seconds(driftMs), maxDriftSeconds: seconds(t.maxClockDriftMs) };
  let explanation = `手机时钟相对服务器时钟漂移了 ${signed(seconds(driftMs))} 秒（允许 ±${seconds(t.maxClockDriftMs)} 秒）`;
  if (rate !== undefined) {
    evidence.clockRate = round(rate, 2);
    explanation += `，走速是服务器时钟的 ${evidence.clockRate} 倍（正常为 ${t.minClockRate}–${t.maxClockRate} 倍，按至少 ${duration(t.clockRateWindowMs)}统计）`;
  }
  return makeFlag('clock_skew', span, evidence, `${explanation}，疑似修改系统时间或使用加速器，该时段不计学时`);
}

/** For each interval, the most extreme out-of-range rate of any window covering it (NaN if none). */
function windowRates(intervals: Interval[], windowMs: number, min: number, max: number): Rates {
  const rate = intervals.map(() => NaN);
  const outside = intervals.map(() => false);
  intervals.forEach((closing, last) => {
    let first = last;
    while (first >= 0 && closing.to - intervals[first]!.from < windowMs) first--;
    if (first < 0) return;
    const ratio = (closing.beat.clientAt - intervals[first]!.prev.clientAt) / (closing.to - intervals[first]!.from);
    if (!isOff(ratio, min, max)) return;
    for (let k = first; k <= last; k++) {
      outside[k] = true;
      if (Number.isNaN(rate[k]!) || severity(ratio) > severity(rate[k]!)) rate[k] = ratio;
    }
  });
  return { rate, outside };
}

function elapsedRatio({ prev, beat, from, to }: Interval): number {
  return to > from ? (beat.clientAt - prev.clientAt) / (to - from) : Infinity;
}

function isOff(ratio: number, min: number, max: number): boolean {
  return ratio < min || ratio > max;
}

/** How far a rate is from 1, treating 6× and ⅙× alike; a clock running backwards is the worst. */
function severity(ratio: number): number {
  return ratio > 0 ? Math.abs(Math.log(ratio)) : Infinity;
}

function extreme(values: number[], size: (value: number) => number): number | undefined {
  return values.reduce<number | undefined>((worst, value) => (worst === undefined || size(value) > size(worst) ? value : worst), undefined);
}

function signed(value: number): string {
  return value > 0 ? `+${value}` : `${value}`;
}
