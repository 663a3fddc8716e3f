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
  readonly scriptedMinGaps: number;
  readonly scriptedMaxGapCv: number;
  readonly scriptedMinGapSpread: number;
  readonly scriptedMinMedianGapMs: number;
  readonly idleMinInteractions: number;
  readonly scriptedMinMoves: number;
  readonly scriptedMaxMoveCv: number;
  readonly maxReadingCharsPerMinute: number;
  readonly speedWindowMs: number;
  readonly speedJumpArticles: number;
  readonly speedJumpChars: number;
  readonly maxClockDriftMs: number;
  readonly minClockRate: number;
  readonly maxClockRate: number;
  readonly clockRateWindowMs: number;
  readonly presenceTimeoutMs: number;
  readonly presenceWindowMs: number;
  readonly presenceOptions: number;
  readonly presenceHonestAccuracy: number;
  readonly presenceDecisiveRatio: number;
  readonly presenceMinAnswersJudged: number;
  readonly presenceMinHumanLatencyMs: number;
  readonly presenceRetryWithinMs: number;
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
  /** A beat with one interaction may be a stray touch that keeps the screen awake; two or more in a
   *  beat's 30 s, or any movement through the text, is someone reading. */
  idleMinInteractions: 2,
  /** Switching out for a minute to answer a message is normal and only loses that minute; two
   *  minutes away earns a flag. Background time is never credited either way. */
  backgroundFlagAfterMs: 2 * 60_000,

  // --- scripts
  /** Timing is judged over windows of 30 consecutive gaps (about ten minutes of reading): fewer can
   *  look regular by chance. */
  scriptedMinGaps: 30,
  /** Coefficient of variation below which gaps are machine-made. People reading interact in bursts
   *  and pauses (the simulator's readers: 0.6–1.2; even gaps drawn evenly from 3–15 s give 0.38); a
   *  clicker with ±30 % jitter gives 0.17. */
  scriptedMaxGapCv: 0.2,
  /** The longest tenth of a person's gaps is several times the shortest tenth (readers: 3–20×); a
   *  clicker drawing its delay from a band of ±33 % stays under 2×, whatever its mean. */
  scriptedMinGapSpread: 2,
  /** The client counts a drag or a fling as one gesture (events within 250 ms merge), so a median
   *  gap under 300 ms over thirty gestures is faster than a hand: a clicker, whatever its jitter. */
  scriptedMinMedianGapMs: 300,
  /** Constant-rate movement is judged over 10 consecutive beats that all move forward (5 minutes):
   *  people read in bursts, so they rarely move at all on 10 beats in a row, let alone evenly. */
  scriptedMinMoves: 10,
  /** Coefficient of variation of per-beat forward movement below which it is an auto-scroller. */
  scriptedMaxMoveCv: 0.05,

  // --- 刷屏
  /** Where the figure comes from: the national curriculum standard for Chinese (《义务教育语文课程
   *  标准（2011年版）》, fourth stage) expects pupils in grades 7–9 to read ordinary prose silently at
   *  no less than about 500 characters a minute, and the IReST reading-speed study (Trauzettel-
   *  Klosinski et al., Investigative Ophthalmology & Visual Science, 2012) measured adults reading
   *  Chinese aloud at roughly 250 characters a minute. Legal text is denser than ordinary prose.
   *  Skimming runs at about twice one's reading speed, so a cadre skimming articles they know moves
   *  about 1,000 characters a minute, in bursts up to half as fast again. Moving forward over more
   *  than 2,000 characters a minute — four times the silent-reading benchmark, laps and jumps
   *  included — for two minutes is not reading. */
  maxReadingCharsPerMinute: 2_000,
  /** "Sustained" means over at least two minutes, so one swipe to the next article never counts;
   *  bursts between quiet beats count in full. */
  speedWindowMs: 2 * 60_000,
  /** A move of more than five articles in one beat is a jump (the contents, a search, another
   *  statute), not a swipe over the text between. */
  speedJumpArticles: 5,
  /** A jump counts as one article's worth of movement (1,000 characters, longer than most articles):
   *  one jump in two minutes stays far below the limit, a jump every beat does not. */
  speedJumpChars: 1_000,

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
  /** We cannot tell when a reader who missed a check left, nor when they came back: a failure
   *  leaves up to five minutes before the check (never past the previous check's answer, which
   *  proves presence) unverified, and after the last check of a session five minutes more. */
  presenceWindowMs: 5 * 60_000,
  /** A check offers six phrases, one from the article on screen (study/presence-prompt.ts): a guess
   *  is right one time in six, a reader who looks at the screen almost always. */
  presenceOptions: 6,
  /** The reader the statistics compare against is deliberately careless — three answers in four
   *  right, where readers in the simulator get 85–98 % — so a careful reader is never mistaken for a
   *  guesser. */
  presenceHonestAccuracy: 0.75,
  /** How much likelier one explanation must be than the other before the answers decide anything:
   *  guessing 20× likelier than reading voids the session's checks; reading 20× likelier than
   *  guessing forgives a single wrong answer put right by the retry. */
  presenceDecisiveRatio: 20,
  /** Fewer answers than this decide nothing about the session as a whole. */
  presenceMinAnswersJudged: 4,
  /** Finding one phrase among six on screen and tapping it takes a person at least 2 s (the
   *  simulator's fastest reader answers in about 3 s); a median below that is a program. */
  presenceMinHumanLatencyMs: 2_000,
  /** A wrong answer is retried at the next heartbeat; a retry passed within three minutes makes the
   *  wrong answer a slip. */
  presenceRetryWithinMs: 3 * 60_000,
});
