// What every rule reads: the accepted beats in server order, their reading offsets, and the
// intervals between them. Rules return flags plus marks; the timeline turns marks into segments.
import type { Flag, FlagKind, Heartbeat, MaterialOffset } from './types.ts';
import type { Thresholds } from './thresholds.ts';

/** The time between two consecutive accepted beats, described by the later one (its counters cover it). */
export type Interval = {
  prev: Heartbeat;
  beat: Heartbeat;
  from: number;
  to: number;
  /** Where the part the closing beat can vouch for starts: after a silence, only its last maxCreditPerBeatMs. */
  creditFrom: number;
  /** Longer than one beat can vouch for: the phone slept, the page closed or the network dropped. */
  silent: boolean;
};

/** 'silence' is shown as an idle segment but is nobody's fault, so it never carries a flag. */
export type MarkKind = 'silence' | 'unverified' | 'background' | 'idle';
export type Mark = { kind: MarkKind; from: number; to: number };
export type Finding = { flags: Flag[]; marks: Mark[] };

export type Evidence = {
  startedAt: number;
  /** Accepted beats in server order. */
  beats: Heartbeat[];
  /** offsets[i] is the reading offset of beats[i]. */
  offsets: number[];
  /** intervals[k] runs from beats[k] to beats[k + 1]. */
  intervals: Interval[];
  thresholds: Thresholds;
};

/** Measures the accepted beats once, so every rule reads the same numbers. */
export function gatherEvidence(startedAt: number, beats: Heartbeat[], offset: MaterialOffset, thresholds: Thresholds): Evidence {
  const intervals = beats.slice(1).map((beat, index): Interval => {
    const prev = beats[index]!;
    const creditFrom = Math.max(prev.serverAt, beat.serverAt - thresholds.maxCreditPerBeatMs);
    return { prev, beat, from: prev.serverAt, to: beat.serverAt, creditFrom, silent: creditFrom > prev.serverAt };
  });
  return { startedAt, beats, offsets: beats.map((beat) => offset(beat.position)), intervals, thresholds };
}

/** Server time covered by intervals first..last. */
export function spanOf(intervals: Interval[], [first, last]: [number, number]): { from: number; to: number } {
  return { from: intervals[first]!.from, to: intervals[last]!.to };
}

export function makeFlag(kind: FlagKind, span: { from: number; to: number }, evidence: Record<string, number>, explanation: string): Flag {
  return { kind, from: span.from, to: span.to, evidence, explanation };
}

export function noFindings(): Finding {
  return { flags: [], marks: [] };
}
