// The detector's vocabulary. Everything arrives as arguments, so a stored session replays to
// the same analysis on any machine, today or in five years.

export type Visibility = 'foreground' | 'background';
export type Position = { statute: string; article: number; scroll: number /* 0..1 within the article */ };

export type Heartbeat = {
  /** Per-session sequence number from the client (1, 2, 3, …). */
  seq: number;
  /** Ms epoch, stamped by the server on arrival: the only clock credit is measured on. */
  serverAt: number;
  /** Ms epoch, the client's clock: used only to catch a tampered or sped-up clock. */
  clientAt: number;
  /** The page's state over the interval this beat closes: 'background' if it was hidden at any time since the previous beat. */
  visibility: Visibility;
  /** Interactions since the previous beat; a gesture counts once, not every scroll event it fires. */
  taps: number;
  scrolls: number;
  keys: number;
  /** Intervals between consecutive interactions since the previous beat (may be empty). */
  gapsMs: number[];
  position: Position;
};

export type PresenceCheck = { askedAt: number; answeredAt: number | null; correct: boolean | null };
export type SessionTrace = { startedAt: number; endedAt: number | null; heartbeats: Heartbeat[]; checks: PresenceCheck[] };

/** Characters of reading material before a position (for reading-speed checks): e.g. the lengths of the preceding articles plus scroll × this article's length. */
export type MaterialOffset = (position: Position) => number;

export type SegmentKind = 'active' | 'idle' | 'background' | 'unverified';
export type Segment = { kind: SegmentKind; from: number; to: number };

export type FlagKind =
  | 'idle' | 'background' | 'scripted' | 'speed_reading' /* 刷屏 */ | 'concurrent'
  | 'replay' | 'clock_skew' | 'too_fast' | 'presence_failed';

/** One explainable finding: `explanation` is shown to the cadre and the bureau, in Chinese, with the numbers. */
export type Flag = { kind: FlagKind; from: number; to: number; evidence: Record<string, number>; explanation: string };

export type Analysis = { segments: Segment[]; flags: Flag[]; credited: Array<[number, number]>; creditedSeconds: number };
