// 刷屏: swiping through the text far faster than anyone reads it.
import type { Evidence, Finding, Interval } from '../evidence.ts';
import { makeFlag, spanOf } from '../evidence.ts';
import { duration } from '../format.ts';
import { runsOf, trimRun } from '../runs.ts';
import { round } from '../stats.ts';
import type { Heartbeat } from '../types.ts';
import type { Thresholds } from '../thresholds.ts';

const MINUTE = 60_000;

/**
 * Every character the view moved over forwards counts, however often the same text is covered, so
 * lapping is as fast as swiping on. A jump (the contents, a search, another statute) or a move back
 * passes over nothing to read, so it counts as speedJumpChars however far it goes: now and then it
 * is nothing, on every beat it is 刷屏 too.
 */
function moved(beats: Heartbeat[], offsets: number[], t: Thresholds): number[] {
  return offsets.slice(1).map((offset, k) => {
    const from = beats[k]!.position, to = beats[k + 1]!.position;
    const distance = Math.abs(offset - offsets[k]!);
    const jump = from.statute !== to.statute || Math.abs(from.article - to.article) > t.speedJumpArticles;
    // Scrolling back to re-read returns to a point, as a jump does; swiping back and forth still
    // counts every forward swipe in full and each swipe back as a jump.
    const back = offset < offsets[k]!;
    return jump || back ? Math.min(distance, t.speedJumpChars) : distance;
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
 * For every window of at least speedWindowMs, flags it when the characters moved over in it, per
 * minute, exceed maxReadingCharsPerMinute; bursts (one long swipe between quiet beats) count in
 * full. Runs are trimmed to intervals that moved themselves.
 */
export function speedReading({ beats, offsets, intervals, thresholds: t }: Evidence): Finding {
  const gained = moved(beats, offsets, t);
  const peak = intervals.map(() => 0);
  intervals.forEach((interval, last) => {
    const first = windowStart(intervals, last, t.speedWindowMs);
    if (first < 0) return;
    const chars = gained.slice(first, last + 1).reduce((sum, n) => sum + n, 0);
    const rate = perMinute(chars, interval.to - intervals[first]!.from);
    if (rate <= t.maxReadingCharsPerMinute) return;
    for (let k = first; k <= last; k++) peak[k] = Math.max(peak[k]!, rate);
  });
  const found: Finding = { flags: [], marks: [] };
  for (const marked of runsOf(peak.map((rate) => rate > 0))) {
    const run = trimRun(marked, (k) => gained[k]! > 0);
    if (!run) continue;
    const span = spanOf(intervals, run);
    const chars = round(gained.slice(run[0], run[1] + 1).reduce((sum, n) => sum + n, 0));
    const fastest = round(Math.max(...peak.slice(run[0], run[1] + 1)));
    found.marks.push({ kind: 'unverified', ...span });
    found.flags.push(makeFlag('speed_reading', span,
      { chars, minutes: round((span.to - span.from) / MINUTE, 1), peakCharsPerMinute: fastest, maxCharsPerMinute: t.maxReadingCharsPerMinute },
      `${duration(span.to - span.from)}内阅读位置共移动 ${chars} 字（反复翻过的内容都计入，后退或跳转按一条计），最快时约每分钟 ${fastest} 字，超过每分钟 ${t.maxReadingCharsPerMinute} 字的上限（正常阅读约每分钟 300–500 字），疑似刷屏，该时段不计学时`));
  }
  return found;
}
