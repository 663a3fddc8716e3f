// Beats faster than the client is built to send mean a tampered timer. They gain nothing
// (credit is measured on the server clock), so this rule only flags; it marks no time.
import type { Evidence, Finding } from '../evidence.ts';
import { makeFlag, spanOf } from '../evidence.ts';
import { duration, seconds } from '../format.ts';
import { runsOf } from '../runs.ts';
import { round } from '../stats.ts';

/**
 * An interval is too fast when the beats its seq numbers claim (the closing seq minus the previous
 * one, so skipped numbers count as beats sent) come closer than minBeatSpacingMs on the server
 * clock. A run of such intervals is flagged once it claims tooFastMinBeats beats.
 */
export function tooFast({ intervals, thresholds: t }: Evidence): Finding {
  const claimed = intervals.map(({ prev, beat }) => beat.seq - prev.seq);
  const fast = intervals.map(({ from, to }, k) => (to - from) / claimed[k]! < t.minBeatSpacingMs);
  const flags = runsOf(fast).flatMap(([first, last]) => {
    const beats = claimed.slice(first, last + 1).reduce((sum, n) => sum + n, 0);
    if (beats < t.tooFastMinBeats) return [];
    const span = spanOf(intervals, [first, last]);
    const spacing = round((span.to - span.from) / beats / 1000, 1);
    const missingSeq = beats - (last - first + 1);
    const missing = missingSeq > 0 ? `（其中 ${missingSeq} 个序号缺失，未收到）` : '';
    return [makeFlag('too_fast', span,
      { beats, seconds: seconds(span.to - span.from), spacingSeconds: spacing, missingSeq, minSpacingSeconds: seconds(t.minBeatSpacingMs) },
      `${duration(span.to - span.from)}内按序号共有 ${beats} 个心跳${missing}，平均每 ${spacing} 秒一个，快于每 ${seconds(t.minBeatSpacingMs)} 秒一个的下限，疑似计时器被加速；学时只按服务器时间计算，不会因此多计`)];
  });
  return { flags, marks: [] };
}
