// Credit is server time, counted once.
import type { Segment } from './types.ts';

/** Credit across a person's sessions: the union of their credited intervals, so no wall-clock second counts twice (two devices, two tabs). Returns seconds. */
export function unionSeconds(intervals: Array<[number, number]>): number {
  const ordered = intervals.filter(([from, to]) => to > from).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let totalMs = 0;
  let reached = -Infinity;
  for (const [from, to] of ordered) {
    if (to <= reached) continue;
    totalMs += to - Math.max(from, reached);
    reached = to;
  }
  return totalMs / 1000;
}

/** The active segments are exactly what is credited: one rule decides, two views show it. */
export function creditedIntervals(segments: Segment[]): Array<[number, number]> {
  return segments.filter((segment) => segment.kind === 'active').map(({ from, to }): [number, number] => [from, to]);
}
