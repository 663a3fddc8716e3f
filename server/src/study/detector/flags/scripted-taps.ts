// Auto-clickers: interactions spaced more evenly than a hand can, at any rate.
import type { Evidence, Finding } from '../evidence.ts';
import { makeFlag, spanOf } from '../evidence.ts';
import { runsOf, trimRun } from '../runs.ts';
import { coefficientOfVariation, median, round } from '../stats.ts';

type Gap = { ms: number; interval: number };

/** p90 ÷ p10 of the gaps: how wide their spread is, whatever the mean and however the jitter is drawn. */
function spread(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return at(0.1) > 0 ? at(0.9) / at(0.1) : Infinity;
}

type Window = { cv: number; spread: number; medianMs: number };

/** An interval at the edge of a run belongs to it when its own gaps sit around the run's median. */
function likeTheRun(own: number[], run: number[]): boolean {
  if (!own.length) return false;
  const ratio = median(own) / median(run);
  return ratio > 0.67 && ratio < 1.5;
}

/** Whether a window of gaps is machine-made, judged by three features: any one decides. */
function machineMade(w: Window, t: Evidence['thresholds']): boolean {
  return w.cv < t.scriptedMaxGapCv || w.spread < t.scriptedMinGapSpread || w.medianMs < t.scriptedMinMedianGapMs;
}

/**
 * Slides a window of scriptedMinGaps consecutive gaps between gestures over the session — all of
 * them, the client already merges the events of one gesture. A window is machine-made when its gaps
 * vary less than a person's (coefficient of variation), stay in a narrow band (p90 ÷ p10, which
 * catches clickers that add jitter), or come faster than gestures can (median). Every interval
 * those gaps fall in is unverified. The first beat's gaps predate any interval we could credit.
 */
export function scriptedTaps({ beats, intervals, thresholds: t }: Evidence): Finding {
  const gaps: Gap[] = beats.slice(1).flatMap((beat, interval) => beat.gapsMs.map((ms) => ({ ms, interval })));
  const worst: Array<Window | null> = intervals.map(() => null);
  for (let start = 0; start + t.scriptedMinGaps <= gaps.length; start++) {
    const values = gaps.slice(start, start + t.scriptedMinGaps).map((gap) => gap.ms);
    const window: Window = { cv: coefficientOfVariation(values), spread: spread(values), medianMs: median(values) };
    if (!machineMade(window, t)) continue;
    for (let k = gaps[start]!.interval; k <= gaps[start + t.scriptedMinGaps - 1]!.interval; k++) {
      const seen = worst[k];
      worst[k] = seen ? { cv: Math.min(seen.cv, window.cv), spread: Math.min(seen.spread, window.spread), medianMs: Math.min(seen.medianMs, window.medianMs) } : window;
    }
  }
  const found: Finding = { flags: [], marks: [] };
  for (const marked of runsOf(worst.map((w) => w !== null))) {
    const run = trimRun(marked, (k) => likeTheRun(intervals[k]!.beat.gapsMs, gaps.filter(({ interval }) => interval >= marked[0] && interval <= marked[1]).map((gap) => gap.ms)));
    if (!run) continue;
    const span = spanOf(intervals, run);
    const inRun = gaps.filter(({ interval }) => interval >= run[0] && interval <= run[1]).map((gap) => gap.ms);
    const windows = worst.slice(run[0], run[1] + 1) as Window[];
    const cv = round(Math.min(...windows.map((w) => w.cv)), 3);
    const width = round(Math.min(...windows.map((w) => w.spread)), 2);
    const medianGap = round(Math.min(...windows.map((w) => w.medianMs)) / 1000, 2);
    found.marks.push({ kind: 'unverified', ...span });
    found.flags.push(makeFlag('scripted', span, { gaps: inRun.length, cv, spread: width, medianGapSeconds: medianGap, maxCv: t.scriptedMaxGapCv, minSpread: t.scriptedMinGapSpread, minMedianGapSeconds: t.scriptedMinMedianGapMs / 1000 },
      `${inRun.length} 次操作的节奏不像人手（最均匀处变异系数 ${cv}、最长与最短间隔之比 ${width}、间隔中位数 ${medianGap} 秒；人工阅读时变异系数通常在 ${t.scriptedMaxGapCv} 以上、间隔比在 ${t.scriptedMinGapSpread} 以上、间隔中位数不低于 ${t.scriptedMinMedianGapMs / 1000} 秒），疑似连点器或脚本，该时段不计学时`));
  }
  return found;
}
