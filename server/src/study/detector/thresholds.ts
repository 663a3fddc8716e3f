// Every number the detector judges by, in one object, so a bureau can see (and a replay can
// pin) exactly which rules a session was measured against. Defaults lean towards the reader:
// each one is set so that the honest behaviour named in its comment is never flagged.

export type Thresholds = {
  readonly maxCreditPerBeatMs: number;
  readonly networkGraceMs: number;
  readonly minBeatSpacingMs: number;
  readonly tooFastMinBeats: number;
  readonly idleAfterMs: number;
  readonly backgroundFlagAfterMs: number;
  readonly gestureMinGapMs: number;
  readonly scriptedMinGaps: number;
  readonly scriptedMaxGapCv: number;
  readonly scriptedMinMoves: number;
  readonly scriptedMaxMoveCv: number;
  readonly maxReadingCharsPerMinute: number;
  readonly speedWindowMs: number;
  readonly maxClockDriftMs: number;
  readonly minClockRate: number;
  readonly maxClockRate: number;
  readonly clockRateWindowMs: number;
  readonly presenceTimeoutMs: number;
  readonly presenceWrongInRow: number;
  readonly presenceWindowMs: number;
};

export const DEFAULT_THRESHOLDS: Thresholds = Object.freeze({
  // --- credit and heartbeats
  /** Most server time one beat can vouch for. Beats come every ~30 s; 45 s absorbs network jitter
   *  (beats 25–40 s apart credit in full) while a beat after a long silence vouches for only its
   *  last 45 s. A single lost beat (60 s gap) costs the reader 15 s. */
  maxCreditPerBeatMs: 45_000,
  /** wx.request gives up after 60 s by default, so a network retry of a beat, or a beat overtaken by
   *  its successor, arrives within 60 s of the original; a repeated seq later than that is a replay. */
  networkGraceMs: 60_000,
  /** A third of the 30-s cadence: no honest client beats this often. Spacing counts the beats the
   *  seq numbers claim, so numbers skipped in a hurry count as beats sent too fast. */
  minBeatSpacingMs: 10_000,
  /** A delayed beat followed by an on-time one lands close together once; three beats faster than
   *  the spacing in a row is a fast timer, not the network. */
  tooFastMinBeats: 3,

  // --- absence
  /** Careful readers stop to think, and a slow reader scrolls once every 2–3 minutes; five minutes
   *  with no interaction and no movement is someone who has left the phone. The first five minutes
   *  of such a stretch stay credited, only what follows is idle. */
  idleAfterMs: 5 * 60_000,
  /** Switching out for a minute to answer a message is normal and only loses that minute; two
   *  minutes away earns a flag. Background time is never credited either way. */
  backgroundFlagAfterMs: 2 * 60_000,

  // --- scripts
  /** Gaps shorter than this are inside one gesture (a fling fires scroll events every frame, as
   *  regular as any script), so they are left out of the regularity test. */
  gestureMinGapMs: 250,
  /** Regularity is judged over at least 20 gaps: fewer can be regular by chance. */
  scriptedMinGaps: 20,
  /** Coefficient of variation of interaction gaps below which they are machine-made: human tapping
   *  and scrolling while reading is far above 0.3; auto-clickers sit near 0.01. */
  scriptedMaxGapCv: 0.08,
  /** Constant-rate movement is judged over 10 consecutive beats that all move forward (5 minutes):
   *  people read in bursts, so they rarely move at all on 10 beats in a row, let alone evenly. */
  scriptedMinMoves: 10,
  /** Coefficient of variation of per-beat forward movement below which it is an auto-scroller. */
  scriptedMaxMoveCv: 0.05,

  // --- 刷屏
  /** Chinese reading runs at 300–500 characters a minute, skimming familiar text perhaps 1,000;
   *  sustained progress above 1,500 a minute is swiping through, not reading. */
  maxReadingCharsPerMinute: 1_500,
  /** "Sustained" means over at least two minutes, with most beats in that window that fast, so one
   *  jump to another article from the contents never counts. */
  speedWindowMs: 2 * 60_000,

  // --- clocks
  /** How far the client clock may wander from where it stood against the server's at the first
   *  beat. A phone set to the wrong time keeps a constant offset and is never flagged; network
   *  delay moves it by seconds. Two minutes means the clock was changed or sped up. */
  maxClockDriftMs: 2 * 60_000,
  /** Client elapsed ÷ server elapsed outside 0.9–1.1 is a sped-up (or stopped) client clock. */
  minClockRate: 0.9,
  maxClockRate: 1.1,
  /** The rate is measured over at least 10 minutes: one beat stalled 30 s in a weak network would
   *  already reach 0.9 over five. */
  clockRateWindowMs: 10 * 60_000,

  // --- presence checks
  /** A check must be answered within 60 s; someone reading sees it at once. */
  presenceTimeoutMs: 60_000,
  /** One wrong answer is a slip of the finger; two in a row is someone not reading the question. */
  presenceWrongInRow: 2,
  /** We cannot tell when a reader who missed a check left, nor when they came back: a failure
   *  leaves five minutes before the check (and, if never answered, five minutes after the deadline)
   *  unverified, but never reaches past a check answered correctly, which proves presence. */
  presenceWindowMs: 5 * 60_000,
});
