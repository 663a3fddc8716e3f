// 挂机: the page is open in the foreground and nobody reads it.
import type { Heartbeat } from '../types.ts';
import type { Evidence, Finding, Interval, Mark } from '../evidence.ts';
import { makeFlag } from '../evidence.ts';
import { duration, seconds } from '../format.ts';

/**
 * Adds up the foreground time in which nothing happened — no movement through the text and fewer
 * than idleMinInteractions interactions — until something does. A lone tap or a trip to the
 * background does not reset the count (background time is not counted and not credited either), so
 * a page nudged every few minutes, or two phones taking turns in the foreground, still add up. Past
 * idleAfterMs of such time the rest of the stretch is idle; the first idleAfterMs stay credited,
 * because careful readers stop to think. A silence (no beats at all) ends the stretch.
 */
export function idleStretches({ intervals, thresholds: t }: Evidence): Finding {
  const found: Finding = { flags: [], marks: [] };
  let quietMs = 0;
  let idle: Mark[] = [];
  const close = () => {
    if (idle.length) {
      const span = { from: idle[0]!.from, to: idle.at(-1)!.to };
      const uncredited = idle.reduce((sum, mark) => sum + mark.to - mark.from, 0);
      found.marks.push(...idle);
      found.flags.push(makeFlag('idle', span,
        { quietSeconds: seconds(quietMs), idleAfterSeconds: seconds(t.idleAfterMs), uncreditedSeconds: seconds(uncredited) },
        `前台累计 ${duration(quietMs)}阅读位置未变化、几乎没有操作（超过 ${duration(t.idleAfterMs)}视为挂机，偶尔点一下或切到后台不重新计时），其中 ${duration(uncredited)}不计学时`));
    }
    quietMs = 0;
    idle = [];
  };
  for (const interval of intervals) {
    if (interval.silent) close();
    if (interval.beat.visibility === 'background') continue;
    if (read(interval, t.idleMinInteractions)) { close(); continue; }
    const from = interval.creditFrom;
    const before = quietMs;
    quietMs += interval.to - from;
    if (quietMs > t.idleAfterMs) idle.push({ kind: 'idle', from: before >= t.idleAfterMs ? from : interval.to - (quietMs - t.idleAfterMs), to: interval.to });
  }
  close();
  return found;
}

/** Moved through the text, or interacted more than a stray touch. */
function read({ prev, beat }: Interval, minInteractions: number): boolean {
  return beat.taps + beat.scrolls + beat.keys >= minInteractions || !samePosition(prev, beat);
}

function samePosition(a: Heartbeat, b: Heartbeat): boolean {
  return a.position.statute === b.position.statute && a.position.article === b.position.article && a.position.scroll === b.position.scroll;
}
