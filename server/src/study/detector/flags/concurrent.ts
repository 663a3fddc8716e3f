// Two devices or two tabs studying at once: the same wall-clock minutes cannot count twice.
import type { Flag } from '../types.ts';
import { makeFlag } from '../evidence.ts';
import { duration, seconds } from '../format.ts';

export type SessionSpan = { id: number; from: number; to: number };

/**
 * Flags the later session of every overlapping pair (later start; on a tie, the higher id), once
 * per earlier session it overlaps. Credit itself is deduplicated by unionSeconds; this explains it.
 */
export function concurrentFlags(sessions: SessionSpan[]): Array<{ sessionId: number; flag: Flag }> {
  const ordered = sessions.filter(({ from, to }) => to > from).sort((a, b) => a.from - b.from || a.id - b.id);
  return ordered.flatMap((later, index) => ordered.slice(0, index).flatMap((earlier) => {
    const span = { from: Math.max(earlier.from, later.from), to: Math.min(earlier.to, later.to) };
    if (span.to <= span.from) return [];
    const flag = makeFlag('concurrent', span, { otherSessionId: earlier.id, overlapSeconds: seconds(span.to - span.from) },
      `与另一条学习记录（编号 ${earlier.id}）有 ${duration(span.to - span.from)}时间重叠（多台设备或多个窗口同时学习），重叠的时间只计一次学时`);
    return [{ sessionId: later.id, flag }];
  }));
}
