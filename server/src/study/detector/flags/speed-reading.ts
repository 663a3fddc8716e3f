// 刷屏: swiping through the text far faster than anyone reads it.
import type { Evidence, Finding, Interval } from '../evidence.ts';
import { makeFlag, spanOf } from '../evidence.ts';
import { duration } from '../format.ts';
import { runsOf, trimRun } from '../runs.ts';
import { median, round } from '../stats.ts';

const MINUTE = 60_000;

/**
 * Only new ground counts as progress: movement past the furthest point reached so far. Scrolling
 * back to re-read, or back and forth to compare two clauses, adds nothing.
 */
function newGround(offsets: number[]): number[] {
  let furthest = offsets[0] ?? 0;
  return offsets.slice(1).map((offset) => {
    const gained = Math.max(0, offset - furthest);
    furthest = Math.max(furthest, offset);
    return gained;
  });
}

function perMinute(chars: number, ms: number): number {
  if (ms > 0) return chars / (ms / MINUTE);
  return chars > 0 ? Infinity : 0;
}

/** The latest start k such that intervals k..last span at least windowMs, or -1. */
function windowStart(intervals: Interval[], last: number, windowMs: number): number {
  for (let k = last; k >= 0; k--) if (intervals[last]!.to - intervals[k]!.from >= windowMs) return k;
  return -1;
}

/**
 * For every window of at least speedWindowMs, flags it when both its overall rate and the median
 * of its intervals' rates exceed maxReadingCharsPerMinute: sustained, not one jump from the table
 * of contents. Runs are trimmed to intervals that are fast themselves.
 */
export function speedReading({ offsets, intervals, thresholds: t }: Evidence): Finding {
  const gained = newGround(offsets);
  const rates = intervals.map(({ from, to }, k) => perMinute(gained[k]!, to - from));
  const peak = intervals.map(() => 0);
  intervals.forEach((interval, last) => {
    const first = windowStart(intervals, last, t.speedWindowMs);
    if (first < 0) return;
    const chars = gained.slice(first, last + 1).reduce((sum, n) => sum + n, 0);
    const rate = perMinute(chars, interval.to - intervals[first]!.from);
    if (rate <= t.maxReadingCharsPerMinute || median(rates.slice(first, last + 1)) <= t.maxReadingCharsPerMinute) return;
    for (let k = first; k <= last; k++) peak[k] = Math.max(peak[k]!, rate);
  });
  const found: Finding = { flags: [], marks: [] };
  for (const marked of runsOf(peak.map((rate) => rate > 0))) {
    const run = trimRun(marked, (k) => rates[k]! > t.maxReadingCharsPerMinute);
    if (!run) continue;
    const span = spanOf(intervals, run);
    const chars = round(gained.slice(run[0], run[1] + 1).reduce((sum, n) => sum + n, 0));
    const fastest = round(Math.max(...peak.slice(run[0], run[1] + 1)));
    found.marks.push({ kind: 'unverified', ...span });
    found.flags.push(makeFlag('speed_reading', span,
      { chars, minutes: round((span.to - span.from) / MINUTE, 1), peakCharsPerMinute: fastest, maxCharsPerMinute: t.maxReadingCharsPerMinute },
      `${duration(span.to - span.from)}内阅读位置新推进 ${chars} 字，最快时约每分钟 ${fastest} 字，超过每分钟 ${t.maxReadingCharsPerMinute} 字的上限（正常阅读约每分钟 300–500 字），疑似刷屏，该时段不计学时`));
  }
  return found;
}
