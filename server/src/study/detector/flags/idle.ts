// 挂机: the page is open in the foreground and nobody touches it.
import type { Heartbeat } from '../types.ts';
import type { Evidence, Finding, Interval } from '../evidence.ts';
import { makeFlag } from '../evidence.ts';
import { duration, seconds } from '../format.ts';

/**
 * Follows how long the reader has been quiet (no interaction, no movement). Past idleAfterMs the
 * rest of the quiet stretch is idle; the first idleAfterMs stay credited, because careful readers
 * stop to think. An interval with activity is credited whole: we cannot tell when in it the reader
 * came back, so we assume the earliest. Background time and silences restart the count, since the
 * reader was not on the page then and must not be blamed for it twice.
 */
export function idleStretches({ beats, intervals, thresholds: t }: Evidence): Finding {
  const found: Finding = { flags: [], marks: [] };
  let quietSince = beats[0]?.serverAt ?? 0;
  let quietUntil = quietSince;
  const close = () => {
    if (quietUntil - quietSince <= t.idleAfterMs) return;
    const span = { from: quietSince + t.idleAfterMs, to: quietUntil };
    found.marks.push({ kind: 'idle', ...span });
    found.flags.push(makeFlag('idle', span,
      { quietSeconds: seconds(quietUntil - quietSince), idleAfterSeconds: seconds(t.idleAfterMs), uncreditedSeconds: seconds(span.to - span.from) },
      `连续 ${duration(quietUntil - quietSince)}前台无任何操作且阅读位置未变化（超过 ${duration(t.idleAfterMs)}视为挂机），其中后 ${duration(span.to - span.from)}不计学时`));
  };
  const restart = (at: number) => { close(); quietSince = quietUntil = at; };
  for (const interval of intervals) {
    if (interval.beat.visibility === 'background') { restart(interval.to); continue; }
    if (interval.silent) restart(interval.creditFrom);
    if (didSomething(interval)) restart(interval.to);
    else quietUntil = interval.to;
  }
  close();
  return found;
}

function didSomething({ prev, beat }: Interval): boolean {
  return beat.taps + beat.scrolls + beat.keys > 0 || !samePosition(prev, beat);
}

function samePosition(a: Heartbeat, b: Heartbeat): boolean {
  return a.position.statute === b.position.statute && a.position.article === b.position.article && a.position.scroll === b.position.scroll;
}
