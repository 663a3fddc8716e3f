// Auto-clickers: interactions spaced more evenly than a hand can.
import type { Evidence, Finding } from '../evidence.ts';
import { makeFlag, spanOf } from '../evidence.ts';
import { runsOf } from '../runs.ts';
import { coefficientOfVariation, mean, round } from '../stats.ts';

type Gap = { ms: number; interval: number };

/**
 * Slides a window of scriptedMinGaps consecutive interaction gaps over the session; where their
 * coefficient of variation is below scriptedMaxGapCv, every interval those gaps fall in is
 * unverified. Gaps inside one gesture and the first beat's gaps (which predate any interval we
 * could credit) are left out.
 */
export function scriptedTaps({ beats, intervals, thresholds: t }: Evidence): Finding {
  const gaps: Gap[] = beats.slice(1).flatMap((beat, interval) =>
    beat.gapsMs.filter((ms) => ms >= t.gestureMinGapMs).map((ms) => ({ ms, interval })));
  const lowestCv = intervals.map(() => Infinity);
  for (let start = 0; start + t.scriptedMinGaps <= gaps.length; start++) {
    const window = gaps.slice(start, start + t.scriptedMinGaps);
    const cv = coefficientOfVariation(window.map((gap) => gap.ms));
    if (!(cv < t.scriptedMaxGapCv)) continue;
    for (let k = window[0]!.interval; k <= window.at(-1)!.interval; k++) lowestCv[k] = Math.min(lowestCv[k]!, cv);
  }
  const found: Finding = { flags: [], marks: [] };
  for (const run of runsOf(lowestCv.map((cv) => cv < Infinity))) {
    const span = spanOf(intervals, run);
    const inRun = gaps.filter(({ interval }) => interval >= run[0] && interval <= run[1]).map((gap) => gap.ms);
    const cv = round(Math.min(...lowestCv.slice(run[0], run[1] + 1)), 3);
    const meanGap = round(mean(inRun) / 1000, 2);
    found.marks.push({ kind: 'unverified', ...span });
    found.flags.push(makeFlag('scripted', span, { gaps: inRun.length, cv, meanGapSeconds: meanGap, maxCv: t.scriptedMaxGapCv },
      `${inRun.length} 次操作的间隔几乎完全相同（平均 ${meanGap} 秒，变异系数 ${cv}，低于 ${t.scriptedMaxGapCv}；人工操作通常高于 0.3），疑似连点器或脚本，该时段不计学时`));
  }
  return found;
}
