// Auto-scrollers: the reading position creeps forward by the same amount every beat.
import type { Evidence, Finding } from '../evidence.ts';
import { makeFlag, spanOf } from '../evidence.ts';
import { runsOf } from '../runs.ts';
import { coefficientOfVariation, mean, round } from '../stats.ts';

/**
 * Slides a window of scriptedMinMoves consecutive intervals over the session; where every one moves
 * forward and their movements have a coefficient of variation below scriptedMaxMoveCv, the window
 * is unverified. A beat without movement breaks the window: people read in bursts.
 */
export function scriptedScroll({ offsets, intervals, thresholds: t }: Evidence): Finding {
  const moves = intervals.map((_, k) => offsets[k + 1]! - offsets[k]!);
  const lowestCv = intervals.map(() => Infinity);
  for (let start = 0; start + t.scriptedMinMoves <= moves.length; start++) {
    const window = moves.slice(start, start + t.scriptedMinMoves);
    if (!window.every((move) => move > 0)) continue;
    const cv = coefficientOfVariation(window);
    if (!(cv < t.scriptedMaxMoveCv)) continue;
    for (let k = start; k < start + t.scriptedMinMoves; k++) lowestCv[k] = Math.min(lowestCv[k]!, cv);
  }
  const found: Finding = { flags: [], marks: [] };
  for (const run of runsOf(lowestCv.map((cv) => cv < Infinity))) {
    const span = spanOf(intervals, run);
    const count = run[1] - run[0] + 1;
    const cv = round(Math.min(...lowestCv.slice(run[0], run[1] + 1)), 3);
    const meanChars = round(mean(moves.slice(run[0], run[1] + 1)));
    found.marks.push({ kind: 'unverified', ...span });
    found.flags.push(makeFlag('scripted', span, { moves: count, cv, meanChars, maxCv: t.scriptedMaxMoveCv },
      `连续 ${count} 次心跳阅读位置每次都前进约 ${meanChars} 字（变异系数 ${cv}，低于 ${t.scriptedMaxMoveCv}），匀速前进不像人工阅读，疑似自动滚屏，该时段不计学时`));
  }
  return found;
}
