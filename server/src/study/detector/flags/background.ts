// The page was hidden: another app, another chat, a locked screen.
import type { Evidence, Finding } from '../evidence.ts';
import { makeFlag } from '../evidence.ts';
import { duration, seconds } from '../format.ts';
import { runsOf } from '../runs.ts';

/**
 * Background time is never credited; a stretch longer than backgroundFlagAfterMs is also flagged.
 * A stretch is measured from the start of the part its first beat vouches for to its last beat.
 */
export function backgroundStretches({ intervals, thresholds: t }: Evidence): Finding {
  const found: Finding = { flags: [], marks: [] };
  for (const [first, last] of runsOf(intervals.map(({ beat }) => beat.visibility === 'background'))) {
    const span = { from: intervals[first]!.creditFrom, to: intervals[last]!.to };
    found.marks.push({ kind: 'background', ...span });
    if (span.to - span.from <= t.backgroundFlagAfterMs) continue;
    found.flags.push(makeFlag('background', span,
      { seconds: seconds(span.to - span.from), flagAfterSeconds: seconds(t.backgroundFlagAfterMs) },
      `学习页面切到后台（离开小程序或锁屏）持续 ${duration(span.to - span.from)}，超过 ${duration(t.backgroundFlagAfterMs)}；后台时间不计学时`));
  }
  return found;
}
