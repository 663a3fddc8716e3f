// A client must report the gaps between the interactions it counts; a beat that claims several
// interactions without them has been written by hand, so it vouches for nothing.
import type { Evidence, Finding } from '../evidence.ts';
import { makeFlag, spanOf } from '../evidence.ts';
import { duration } from '../format.ts';
import { runsOf } from '../runs.ts';

/** Intervals whose closing beat counts two or more interactions and reports no gap between them. */
export function missingEvidence({ intervals }: Evidence): Finding {
  const missing = intervals.map(({ beat }) => beat.taps + beat.scrolls + beat.keys >= 2 && beat.gapsMs.length === 0);
  const found: Finding = { flags: [], marks: [] };
  for (const run of runsOf(missing)) {
    const span = spanOf(intervals, run);
    const beats = run[1] - run[0] + 1;
    found.marks.push({ kind: 'unverified', ...span });
    found.flags.push(makeFlag('scripted', span, { beats, missingGaps: beats },
      `${beats} 个心跳报告了多次操作，却没有上报操作间隔（客户端必须上报），不是正常客户端发出的数据，${duration(span.to - span.from)}不计学时`));
  }
  return found;
}
