import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  analyseSession, concurrentFlags, isSerious, unionSeconds,
  type Analysis, type Flag, type Heartbeat, type MaterialOffset, type PresenceCheck, type SessionTrace, type Thresholds, type Visibility,
} from '../../../server/src/study/detector/index.ts';

// ---
// Fixtures. Times in plans and comments are seconds after T0 on the server clock, so the credit
// arithmetic in each test can be done by hand. The material is one statute of 1,000-character
// articles, so a reading offset is simply "characters read".

const T0 = Date.UTC(2025, 2, 3, 1, 0, 0); // 2025-03-03 09:00 Beijing time
const S = 1000;
const MIN = 60 * S;
const ARTICLE_CHARS = 1000;
const offset: MaterialOffset = ({ article, scroll }) => (article - 1) * ARTICLE_CHARS + scroll * ARTICLE_CHARS;

/** One planned beat: `advance` is how many characters further the reader is than at the previous beat. */
type Plan = {
  at: number; client: number; seq?: number; visibility?: Visibility;
  taps: number; scrolls: number; keys: number; gapsMs: number[]; advance: number;
};
const QUIET = { taps: 0, scrolls: 0, keys: 0, gapsMs: [], advance: 0 } satisfies Partial<Plan>;

/** Deterministic pseudo-random numbers in [0, 1), so fixtures are irregular like people but repeatable. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Reader = {
  minutes?: number;
  /** Beat spacings in seconds, used in turn. */
  spacingsS?: number[];
  /** Beats between interactions, used in turn: [1] interacts on every beat, [4, 6, 5] is a slow reader. */
  activeEvery?: number[];
  charsPerMinute?: number;
  /** The phone's clock minus the server's: a wrong clock is not a crime. */
  clockOffsetS?: number;
  seed?: number;
};

/**
 * An honest reader: beats at the given spacings from 0 to `minutes`, 1–4 interactions with
 * irregular gaps on active beats (0.8–16 s, log-uniform: mostly short, now and then a long pause), progress around charsPerMinute (±50 %), and a client
 * clock off by clockOffsetS minus 0–1.5 s of network delay.
 */
function honestReader({ minutes = 20, spacingsS = [30], activeEvery = [1], charsPerMinute = 400, clockOffsetS = 37, seed = 1 }: Reader = {}): Plan[] {
  const next = random(seed);
  const clock = (at: number) => at + clockOffsetS - Math.round(next() * 1500) / 1000;
  const plans: Plan[] = [{ at: 0, client: clock(0), ...QUIET }];
  let at = 0, quietFor = 0, sinceActive = 0, actives = 0;
  for (let beat = 0; ; beat++) {
    const spacing = spacingsS[beat % spacingsS.length]!;
    at += spacing;
    if (at > Math.round(minutes * 60)) return plans;
    quietFor += spacing;
    if (++sinceActive < activeEvery[actives % activeEvery.length]!) {
      plans.push({ at, client: clock(at), ...QUIET });
      continue;
    }
    const interactions = 1 + Math.floor(next() * 4);
    const scrolls = 1 + Math.floor(next() * Math.min(2, interactions));
    const gapsMs = Array.from({ length: interactions - 1 }, () => Math.round(800 * Math.exp(next() * 3)));
    const advance = Math.round((charsPerMinute * quietFor) / 60 * (0.5 + next()));
    plans.push({ at, client: clock(at), taps: interactions - scrolls, scrolls, keys: 0, gapsMs, advance });
    quietFor = 0;
    sinceActive = 0;
    actives++;
  }
}

/** Changes the beats in (fromS, toS]. */
function during(plans: Plan[], fromS: number, toS: number, change: Partial<Plan> | ((plan: Plan, index: number) => Partial<Plan>)): Plan[] {
  let index = 0;
  return plans.map((plan) => (plan.at <= fromS || plan.at > toS ? plan : { ...plan, ...(typeof change === 'function' ? change(plan, index++) : change) }));
}

function toHeartbeats(plans: Plan[]): Heartbeat[] {
  let chars = 0;
  return plans.map((plan, index) => {
    chars += plan.advance;
    return {
      seq: plan.seq ?? index + 1, serverAt: T0 + plan.at * S, clientAt: T0 + plan.client * S, visibility: plan.visibility ?? 'foreground',
      taps: plan.taps, scrolls: plan.scrolls, keys: plan.keys, gapsMs: plan.gapsMs,
      position: { statute: '中华人民共和国行政处罚法', article: Math.floor(chars / ARTICLE_CHARS) + 1, scroll: (chars % ARTICLE_CHARS) / ARTICLE_CHARS },
    };
  });
}

function toTrace(plans: Plan[], options: { startedAtS?: number; checks?: PresenceCheck[] } = {}): SessionTrace {
  return { startedAt: T0 + (options.startedAtS ?? 0) * S, endedAt: null, heartbeats: toHeartbeats(plans), checks: options.checks ?? [] };
}

/** A presence check asked at `askedS`, answered `afterS` later (null: never). */
function check(askedS: number, afterS: number | null, correct: boolean | null = afterS === null ? null : true): PresenceCheck {
  return { askedAt: T0 + askedS * S, answeredAt: afterS === null ? null : T0 + (askedS + afterS) * S, correct };
}

/** Runs the detector and checks the invariants every analysis must keep. */
function analyse(trace: SessionTrace, thresholds?: Partial<Thresholds>): Analysis {
  const analysis = analyseSession(trace, offset, thresholds);
  const { segments, credited } = analysis;
  if (segments.length > 0) assert.is(segments[0]!.from, trace.startedAt, 'segments start at startedAt');
  segments.forEach((segment, index) => {
    assert.ok(segment.to > segment.from, 'no empty segment');
    if (index > 0) assert.is(segment.from, segments[index - 1]!.to, 'segments are gapless and ordered');
    if (index > 0) assert.is.not(segment.kind, segments[index - 1]!.kind, 'neighbours of the same kind are merged');
  });
  assert.equal(credited, segments.filter((segment) => segment.kind === 'active').map((segment) => [segment.from, segment.to]));
  assert.is(analysis.creditedSeconds, credited.reduce((sum, [from, to]) => sum + to - from, 0) / 1000);
  const span = segments.length === 0 ? 0 : segments.at(-1)!.to - trace.startedAt;
  assert.ok(analysis.creditedSeconds * 1000 <= span, 'credit never exceeds the server-clock span');
  for (const flag of analysis.flags) {
    assert.ok(flag.to >= flag.from, `${flag.kind} runs forward`);
    assert.ok(/[\u4e00-\u9fff]/.test(flag.explanation) && /\d/.test(flag.explanation), `${flag.kind} is explained in Chinese with numbers`);
    assert.ok(Object.values(flag.evidence).every(Number.isFinite), `${flag.kind} evidence is finite`);
  }
  return analysis;
}

/** Segments as [kind, from, to] in seconds after T0. */
const timeline = (analysis: Analysis) => analysis.segments.map(({ kind, from, to }) => [kind, (from - T0) / S, (to - T0) / S]);
/** Flags as [kind, from, to] in seconds after T0. */
const flagged = (analysis: Analysis) => analysis.flags.map(({ kind, from, to }) => [kind, (from - T0) / S, (to - T0) / S]);
const onlyFlag = (analysis: Analysis): Flag => {
  assert.is(analysis.flags.length, 1, `exactly one flag, got ${analysis.flags.map((flag) => flag.kind).join(', ')}`);
  return analysis.flags[0]!;
};

// ---
const honest = suite('analyseSession: honest readers are never flagged');

honest('a steady reader is credited every second between first and last beat', () => {
  // Beats at 0, 30, …, 1200: 40 intervals of 30 s, all active → 1200 s.
  const analysis = analyse(toTrace(honestReader({ minutes: 20 })));
  assert.equal(analysis.flags, []);
  assert.equal(timeline(analysis), [['active', 0, 1200]]);
  assert.is(analysis.creditedSeconds, 1200);
});

honest('a slow careful reader who scrolls every 2–3 minutes, with irregular taps', () => {
  const plans = honestReader({ minutes: 30, activeEvery: [4, 6, 5], seed: 7 });
  const longestQuiet = Math.max(...plans.map((plan, index) => {
    let quiet = 0;
    while (index + quiet + 1 < plans.length && plans[index + quiet + 1]!.scrolls === 0) quiet++;
    return quiet;
  }));
  assert.ok(longestQuiet >= 4, `the fixture really is slow (quiet for ${longestQuiet} beats)`);
  // Quiet for at most 5 beats (2.5 min) < 5 min, so all 60 intervals credit: 1800 s.
  const analysis = analyse(toTrace(plans));
  assert.equal(analysis.flags, []);
  assert.is(analysis.creditedSeconds, 1800);
});

honest('a reader who pauses 4 minutes to think', () => {
  // Last interaction at 300, quiet beats 330–540 (4 min), reading again at 570: 240 s ≤ 300 s.
  const plans = during(honestReader({ minutes: 20, seed: 3 }), 300, 540, QUIET);
  const analysis = analyse(toTrace(plans));
  assert.equal(analysis.flags, []);
  assert.is(analysis.creditedSeconds, 1200);
  // The same pause is idle under a 3-minute rule: idle from 300 + 180 = 480 to the last quiet beat 540.
  const strict = analyse(toTrace(plans), { idleAfterMs: 3 * MIN });
  assert.equal(flagged(strict), [['idle', 480, 540]]);
  assert.is(strict.creditedSeconds, 1200 - 60);
});

honest('a reader who answers every presence check, one of them a check without a right answer', () => {
  const checks = [check(420, 8), check(960, 15), check(1440, 41, null)];
  const analysis = analyse(toTrace(honestReader({ minutes: 30, seed: 11 }), { checks }));
  assert.equal(analysis.flags, []);
  assert.is(analysis.creditedSeconds, 1800);
});

honest('network jitter: beats 25–40 s apart', () => {
  // Spacings 25+40+31+37+28+33 = 194 s per round, 6 rounds → last beat at 1164; every gap ≤ 45 s credits whole.
  const analysis = analyse(toTrace(honestReader({ minutes: 1164 / 60, spacingsS: [25, 40, 31, 37, 28, 33], seed: 5 })));
  assert.equal(analysis.flags, []);
  assert.is(analysis.creditedSeconds, 1164);
});

honest('a brief background switch of 30 s is not flagged, only not credited', () => {
  // The beat at 300 reports background: the interval 270–300 is background, 1200 − 30 = 1170 s.
  const plans = during(honestReader({ minutes: 20 }), 270, 300, { ...QUIET, visibility: 'background' });
  const analysis = analyse(toTrace(plans));
  assert.equal(analysis.flags, []);
  assert.equal(timeline(analysis), [['active', 0, 270], ['background', 270, 300], ['active', 300, 1200]]);
  assert.is(analysis.creditedSeconds, 1170);
});

honest('a phone whose clock is 3 hours wrong, but steady, is not clock skew', () => {
  const analysis = analyse(toTrace(honestReader({ minutes: 20, clockOffsetS: -3 * 3600 })));
  assert.equal(analysis.flags, []);
  assert.is(analysis.creditedSeconds, 1200);
});

honest('25 random hour-long readers with jittery beats and answered checks raise no flag', () => {
  for (let seed = 1; seed <= 25; seed++) {
    const next = random(1000 + seed);
    const spacingsS = Array.from({ length: 200 }, () => 25 + Math.round(next() * 15));
    const plans = honestReader({ minutes: 60, spacingsS, activeEvery: [1 + Math.floor(next() * 6)], seed });
    const checks = [600, 1500, 2400, 3300].map((askedS) => check(askedS + Math.round(next() * 120), 3 + Math.round(next() * 40)));
    const analysis = analyse(toTrace(plans, { checks }));
    assert.equal(analysis.flags, [], `seed ${seed}`);
    // Every gap is ≤ 40 s, so credit is the whole span to the last beat.
    assert.is(analysis.creditedSeconds, plans.at(-1)!.at, `seed ${seed}`);
  }
});

honest.run();

// ---
const absence = suite('analyseSession: idle and background');

absence('idle: 10 quiet minutes in the foreground lose everything after the first 5', () => {
  // Last interaction at 300, quiet beats 330–900, reading again at 930.
  // Quiet 300 → 900 = 600 s > 300 s: idle from 300 + 300 = 600 to 900. Credit 1200 − 300 = 900 s.
  const analysis = analyse(toTrace(during(honestReader({ minutes: 20 }), 300, 900, QUIET)));
  assert.equal(timeline(analysis), [['active', 0, 600], ['idle', 600, 900], ['active', 900, 1200]]);
  const flag = onlyFlag(analysis);
  assert.equal([flag.kind, (flag.from - T0) / S, (flag.to - T0) / S], ['idle', 600, 900]);
  assert.equal(flag.evidence, { quietSeconds: 600, idleAfterSeconds: 300, uncreditedSeconds: 300 });
  assert.ok(flag.explanation.includes('前台累计 10 分钟阅读位置未变化'), flag.explanation);
  assert.is(analysis.creditedSeconds, 900);
});

absence('a lone tap every two minutes does not reset the quiet count (it used to)', () => {
  // 300 → 1200 without movement; every fourth beat one tap. Quiet adds up to 900 s: idle from 600.
  const plans = during(honestReader({ minutes: 20 }), 300, 1200, (_, index) => ({ ...QUIET, taps: index % 4 === 3 ? 1 : 0 }));
  const analysis = analyse(toTrace(plans));
  assert.equal(flagged(analysis), [['idle', 600, 1200]]);
  assert.is(analysis.creditedSeconds, 600);
});

absence('short trips to the background do not reset it either: two phones taking turns in front', () => {
  // From 300 the page alternates: two beats in front, two behind, nothing ever touched. Foreground
  // quiet time reaches 300 s at 870; background time is never credited anyway.
  const plans = during(honestReader({ minutes: 20 }), 300, 1200, (_, index) => ({ ...QUIET, visibility: index % 4 < 2 ? 'foreground' : 'background' }));
  const analysis = analyse(toTrace(plans));
  assert.ok(analysis.flags.some((flag) => flag.kind === 'idle'), analysis.flags.map((flag) => flag.kind).join());
  assert.is(analysis.creditedSeconds, 600);
});

absence('background for 3 minutes is flagged and not credited', () => {
  // Beats 330–480 report background: 300 → 480 = 180 s > 120 s. Credit 1200 − 180 = 1020 s.
  const plans = during(honestReader({ minutes: 20 }), 300, 480, { ...QUIET, visibility: 'background' });
  const analysis = analyse(toTrace(plans));
  assert.equal(timeline(analysis), [['active', 0, 300], ['background', 300, 480], ['active', 480, 1200]]);
  const flag = onlyFlag(analysis);
  assert.is(flag.kind, 'background');
  assert.equal(flag.evidence, { seconds: 180, flagAfterSeconds: 120 });
  assert.ok(flag.explanation.includes('3 分钟'), flag.explanation);
  assert.is(analysis.creditedSeconds, 1020);
});

absence('a silence of 10 minutes credits only 45 s before the next beat, without a flag', () => {
  // Beats 0–300, nothing until 900 (the phone slept), beats 900–1200; the reader only looks at 900 and
  // scrolls again at 930. The gap 300 → 900 credits its last 45 s: 300 + 45 + 300 = 645 s; 300 → 855 is
  // idle (silence). The quiet count restarts after the silence, so 855 → 900 is not 挂机.
  const plans = during(honestReader({ minutes: 20 }).filter((plan) => plan.at <= 300 || plan.at >= 900), 870, 900, QUIET);
  const analysis = analyse(toTrace(plans));
  assert.equal(analysis.flags, []);
  assert.equal(timeline(analysis), [['active', 0, 300], ['idle', 300, 855], ['active', 855, 1200]]);
  assert.is(analysis.creditedSeconds, 645);
});

absence('time before the first beat is never credited', () => {
  // Started at −60, first beat at 0: −60 → −45 is silence, the last 45 s are unverified. Credit 1200 s.
  const analysis = analyse(toTrace(honestReader({ minutes: 20 }), { startedAtS: -60 }));
  assert.equal(timeline(analysis), [['idle', -60, -45], ['unverified', -45, 0], ['active', 0, 1200]]);
  assert.equal(analysis.flags, []);
  assert.is(analysis.creditedSeconds, 1200);
});

absence.run();

// ---
const beats = suite('analyseSession: heartbeat integrity');

beats('a lost beat (seq gap that matches the time) costs 15 s and raises no flag', () => {
  // Beat 300 never arrived: 270 → 330 is 60 s and credits 45. 1200 − 15 = 1185 s.
  const plans = honestReader({ minutes: 20 }).map((plan, index) => ({ ...plan, seq: index + 1 })).filter((plan) => plan.at !== 300);
  const analysis = analyse(toTrace(plans));
  assert.equal(analysis.flags, []);
  assert.equal(timeline(analysis), [['active', 0, 270], ['idle', 270, 285], ['active', 285, 1200]]);
  assert.is(analysis.creditedSeconds, 1185);
});

beats('a seq that jumps 20 numbers in 30 s claims beats sent too fast', () => {
  // The beat at 330 carries seq 31 after seq 11: 20 beats claimed in 30 s, one per 1.5 s.
  const plans = honestReader({ minutes: 20 }).map((plan, index) => ({ ...plan, seq: index + 1 + (plan.at > 300 ? 19 : 0) }));
  const analysis = analyse(toTrace(plans));
  const flag = onlyFlag(analysis);
  assert.equal([flag.kind, (flag.from - T0) / S, (flag.to - T0) / S], ['too_fast', 300, 330]);
  assert.equal(flag.evidence, { beats: 20, seconds: 30, spacingSeconds: 1.5, missingSeq: 19, minSpacingSeconds: 10 });
  assert.is(analysis.creditedSeconds, 1200);
});

beats('replayed beats add nothing and are flagged', () => {
  // Copies of beats seq 10–13 (sent at 270–360) arrive again at 425–428, after seq 15 (420).
  const plans = honestReader({ minutes: 10 });
  const heartbeats = toHeartbeats(plans);
  const copies = heartbeats.slice(9, 13).map((beat, index) => ({ ...beat, serverAt: T0 + (425 + index) * S }));
  const clean = analyse(toTrace(plans));
  const replayed = analyse({ ...toTrace(plans), heartbeats: [...heartbeats, ...copies] });
  const flag = onlyFlag(replayed);
  assert.equal([flag.kind, (flag.from - T0) / S, (flag.to - T0) / S], ['replay', 425, 428]);
  assert.equal(flag.evidence, { count: 4, seq: 10, highestSeq: 15 });
  // 0 → 600, all active: 600 s, with or without the copies.
  assert.equal(replayed.segments, clean.segments);
  assert.is(replayed.creditedSeconds, 600);
});

beats('a network retry and a beat overtaken by its successor are ignored without a flag', () => {
  const plans = honestReader({ minutes: 10 });
  const heartbeats = toHeartbeats(plans);
  const retry = { ...heartbeats[9]!, serverAt: T0 + 290 * S }; // seq 10 (270) again 20 s later, same client time
  const stalled = { ...heartbeats[10]!, serverAt: T0 + 335 * S }; // seq 11 (300) arrives after seq 12 (330)
  const trace = { ...toTrace(plans), heartbeats: [...heartbeats.filter((beat) => beat.seq !== 11), retry, stalled] };
  const analysis = analyse(trace);
  assert.equal(analysis.flags, []);
  // Without seq 11, 270 → 330 is 60 s and credits 45: 600 − 15 = 585 s.
  assert.is(analysis.creditedSeconds, 585);
});

beats('beats every 5 s earn no more than server time, and are flagged', () => {
  // Beats at 0, 5, …, 600: 120 beats claimed in 600 s, one per 5 s. Credit is the server span, 600 s.
  const analysis = analyse(toTrace(honestReader({ minutes: 10, spacingsS: [5] })));
  const flag = onlyFlag(analysis);
  assert.equal([flag.kind, (flag.from - T0) / S, (flag.to - T0) / S], ['too_fast', 0, 600]);
  assert.equal(flag.evidence, { beats: 120, seconds: 600, spacingSeconds: 5, missingSeq: 0, minSpacingSeconds: 10 });
  assert.is(analysis.creditedSeconds, 600);
});

beats('a sped-up client (beats every 5 s, client clock 6×) is flagged and credited nothing', () => {
  // The client clock reads 3600 s after 600 server seconds: a naive client-clock total would be 3600 s.
  // Drift passes 120 s at the 5th beat (25 s server, 150 s client); the 10-minute window 0 → 600
  // runs at 3600 ÷ 600 = 6×, so every interval is unverified: 0 s.
  const plans = honestReader({ minutes: 10, spacingsS: [5] }).map((plan) => ({ ...plan, client: plan.at * 6 }));
  const analysis = analyse(toTrace(plans));
  assert.equal(flagged(analysis), [['clock_skew', 0, 600], ['too_fast', 0, 600]]);
  assert.equal(analysis.flags[0]!.evidence, { driftSeconds: 3000, maxDriftSeconds: 120, clockRate: 6 });
  assert.equal(timeline(analysis), [['unverified', 0, 600]]);
  assert.is(analysis.creditedSeconds, 0);
});

beats('clock skew: a client clock set 5 minutes ahead mid-session makes the rest unverified', () => {
  // Client = server until 600, then +300 s: drift 300 s > 120 s from the beat at 630 on.
  // Unverified 600 → 1200; credit 600 s. Any 10-minute window across the jump runs at 900 ÷ 600 = 1.5×.
  const plans = honestReader({ minutes: 20 }).map((plan) => ({ ...plan, client: plan.at + (plan.at > 600 ? 300 : 0) }));
  const analysis = analyse(toTrace(plans));
  const flag = onlyFlag(analysis);
  assert.equal([flag.kind, (flag.from - T0) / S, (flag.to - T0) / S], ['clock_skew', 600, 1200]);
  assert.equal(flag.evidence, { driftSeconds: 300, maxDriftSeconds: 120, clockRate: 1.5 });
  assert.ok(flag.explanation.includes('+300 秒'), flag.explanation);
  assert.is(analysis.creditedSeconds, 600);
});

beats('the same beats in any stored order give the same analysis', () => {
  const plans = during(during(honestReader({ minutes: 30, seed: 9 }), 300, 480, { ...QUIET, visibility: 'background' }), 900, 1380, QUIET);
  const trace = toTrace(plans, { checks: [check(1500, null)] });
  const heartbeats = [...trace.heartbeats, { ...trace.heartbeats[4]!, serverAt: T0 + 1000 * S }];
  const first = analyse({ ...trace, heartbeats });
  const order = random(42);
  const shuffled = heartbeats.map((beat) => ({ beat, key: order() })).sort((a, b) => a.key - b.key).map(({ beat }) => beat);
  assert.equal(analyse({ ...trace, heartbeats: shuffled }), first);
  // In time order: background 300–480, the replay at 1000, idle 1200–1380, then the check at 1500,
  // whose stretch 1200 → 1860 is cut at the last beat, 1800.
  assert.equal(flagged(first), [['background', 300, 480], ['replay', 1000, 1000], ['idle', 1200, 1380], ['presence_failed', 1200, 1800]]);
});

beats.run();

// ---
const scripts = suite('analyseSession: scripts and 刷屏');

scripts('scripted: taps exactly 1.5 s apart for 5 minutes', () => {
  // Beats 330–600 carry 20 taps each, 19 gaps of 1500 ms: 190 gaps, CV 0. A 30-gap window reaching
  // into the honest beats before is still machine-made, so the run may start up to three beats early
  // where a neighbour's own gaps happen to sit near 1.5 s.
  const plans = during(honestReader({ minutes: 20 }), 300, 600, { taps: 20, scrolls: 0, gapsMs: Array(19).fill(1500) });
  const analysis = analyse(toTrace(plans));
  const flag = onlyFlag(analysis);
  const [from, to] = [(flag.from - T0) / S, (flag.to - T0) / S];
  assert.ok(flag.kind === 'scripted' && from >= 210 && from <= 300 && to === 600, `${flag.kind} ${from}–${to}`);
  assert.equal([flag.evidence.cv, flag.evidence.spread, flag.evidence.medianGapSeconds, flag.evidence.maxCv], [0, 1, 1.5, 0.2]);
  assert.ok(flag.explanation.includes(`${flag.evidence.gaps} 次操作`), flag.explanation);
  assert.is(analysis.creditedSeconds, 1200 - (to - from));
});

scripts('scripted: the position advancing exactly 600 characters every beat for 10 minutes', () => {
  // Beats 330–900 move 600 chars each (1,200 a minute: not fast, just even). 20 moves, CV 0.
  // Unverified 300 → 900: 1200 − 600 = 600 s.
  const plans = during(honestReader({ minutes: 20 }), 300, 900, { ...QUIET, advance: 600 });
  const analysis = analyse(toTrace(plans));
  const flag = onlyFlag(analysis);
  assert.equal([flag.kind, (flag.from - T0) / S, (flag.to - T0) / S], ['scripted', 300, 900]);
  assert.equal(flag.evidence, { moves: 20, cv: 0, meanChars: 600, maxCv: 0.05 });
  assert.is(analysis.creditedSeconds, 600);
});

scripts('speed_reading: about 2,000 characters a minute for 5 minutes', () => {
  // Beats 330–600 advance 900, 1100, 1000, 1200, 950, 1050, 1150, 850, 1000, 1100 (10,300 chars in 5 min).
  // Fastest 2-minute window: 1200 + 950 + 1050 + 1150 = 4350 → 2175 a minute, over the 2,000 limit.
  // The honest beats either side (≤ 600 a minute) bring no window over it: unverified 300 → 600.
  const fast = [900, 1100, 1000, 1200, 950, 1050, 1150, 850, 1000, 1100];
  const plans = during(honestReader({ minutes: 20 }), 300, 600, (_, index) => ({ advance: fast[index]! }));
  const analysis = analyse(toTrace(plans));
  const flag = onlyFlag(analysis);
  assert.equal([flag.kind, (flag.from - T0) / S, (flag.to - T0) / S], ['speed_reading', 300, 600]);
  assert.equal(flag.evidence, { chars: 10300, minutes: 5, peakCharsPerMinute: 2175, maxCharsPerMinute: 2000 });
  assert.ok(flag.explanation.includes('每分钟 2175 字'), flag.explanation);
  assert.is(analysis.creditedSeconds, 900);
});

scripts('swiping back and forth over the same text is 刷屏 as much as swiping forward (it was not)', () => {
  // Beats 330–600 swing 3,000 characters forward and back: 3,000 moved every 30 s, 6,000 a minute.
  const plans = during(honestReader({ minutes: 20 }), 300, 600, (_, index) => ({ advance: index % 2 === 0 ? 3000 : -3000 }));
  const analysis = analyse(toTrace(plans));
  assert.equal(analysis.flags.map((flag) => flag.kind), ['speed_reading']);
  assert.ok(analysis.creditedSeconds <= 1200 - 300, `credited ${analysis.creditedSeconds}`);
});

scripts('bursts: one long swipe every fourth beat between quiet beats is 刷屏 (it was not)', () => {
  // 4,500 characters every 2 minutes: 2,250 a minute, though three beats in four do not move.
  const plans = during(honestReader({ minutes: 20 }), 300, 900, (_, index) => (index % 4 === 3 ? { advance: 4500 } : { advance: 0 }));
  const analysis = analyse(toTrace(plans));
  assert.equal(analysis.flags.map((flag) => flag.kind), ['speed_reading']);
  assert.ok(analysis.creditedSeconds <= 1200 - 480, `credited ${analysis.creditedSeconds}`);
});

scripts('lapping: swiping to the end and starting over counts every lap', () => {
  // 2,500 characters a beat over 8 articles, back to article 1 by the contents (a jump: 0), and again.
  const plans = during(honestReader({ minutes: 20 }), 300, 900, (plan, index) => ({ advance: index % 4 === 3 ? -7500 : 2500 }));
  const analysis = analyse(toTrace(plans));
  assert.equal(analysis.flags.map((flag) => flag.kind), ['speed_reading']);
  assert.ok(analysis.creditedSeconds <= 1200 - 540, `credited ${analysis.creditedSeconds}`);
});

scripts('taps 16 ms apart are faster than any hand, whatever the client calls them (gaps under 250 ms were dropped)', () => {
  const plans = honestReader({ minutes: 20 }).map((plan) => ({ ...plan, taps: plan.taps + 30, gapsMs: [...plan.gapsMs, ...Array<number>(30).fill(16)] }));
  const analysis = analyse(toTrace(plans));
  assert.equal([...new Set(analysis.flags.map((flag) => flag.kind))], ['scripted']);
  assert.ok(analysis.creditedSeconds < 60, `credited ${analysis.creditedSeconds}`);
});

scripts('a clicker with ±30 % random jitter is still seen (15 % beat the old rule)', () => {
  const next = random(99);
  const plans = during(honestReader({ minutes: 20 }), 300, 900, () => ({ taps: 10, scrolls: 0, gapsMs: Array.from({ length: 9 }, () => Math.round(3000 * (0.7 + 0.6 * next()))) }));
  const analysis = analyse(toTrace(plans));
  assert.equal(analysis.flags.map((flag) => flag.kind), ['scripted']);
  assert.ok(analysis.creditedSeconds <= 1200 - 540, `credited ${analysis.creditedSeconds}`);
});

scripts('a beat that claims interactions without their gaps is not credited (omitting gapsMs disabled the rule)', () => {
  const plans = during(honestReader({ minutes: 20 }), 300, 600, { taps: 6, scrolls: 2, gapsMs: [] });
  const analysis = analyse(toTrace(plans));
  const flag = onlyFlag(analysis);
  assert.equal([flag.kind, (flag.from - T0) / S, (flag.to - T0) / S], ['scripted', 300, 600]);
  assert.equal(flag.evidence, { beats: 10, missingGaps: 10 });
  assert.is(analysis.creditedSeconds, 900);
});

scripts('one jump to a distant article from the table of contents is not 刷屏', () => {
  const plans = during(honestReader({ minutes: 20 }), 570, 600, { advance: 40_000 });
  const analysis = analyse(toTrace(plans));
  assert.equal(analysis.flags, []);
  assert.is(analysis.creditedSeconds, 1200);
});

scripts.run();

// ---
const presence = suite('analyseSession: presence checks');

presence('an unanswered check leaves the time since the last proof of presence unverified, until it expires', () => {
  // Check 2 at 1200 is never answered. From max(1200 − 300, 1105 when check 1 was answered) = 1105
  // to its expiry at 1260 (check 3, passed, vouches for what follows): 155 s. Credit 1800 − 155 = 1645 s.
  const checks = [check(1100, 5), check(1200, null), check(1500, 10)];
  const analysis = analyse(toTrace(honestReader({ minutes: 30 }), { checks }));
  const flag = onlyFlag(analysis);
  assert.equal([flag.kind, (flag.from - T0) / S, (flag.to - T0) / S], ['presence_failed', 1105, 1260]);
  assert.equal(flag.evidence, { checks: 1, wrong: 0, late: 0, unanswered: 1, timeoutSeconds: 60, seconds: 155 });
  assert.is(analysis.creditedSeconds, 1645);
  // Without check 1: 900 → 1260, 360 s. Without check 3 (the last check failed): 1105 → 1260 + 300, 455 s.
  assert.is(analyse(toTrace(honestReader({ minutes: 30 }), { checks: checks.slice(1) })).creditedSeconds, 1440);
  assert.is(analyse(toTrace(honestReader({ minutes: 30 }), { checks: checks.slice(0, 2) })).creditedSeconds, 1345);
  // Stretches stop at the last beat (1800): a check at 1790 costs 1490 → 1800; one asked at 2200,
  // after the reader closed the page, is outside the session and costs nothing.
  const late = analyse(toTrace(honestReader({ minutes: 30 }), { checks: [check(1790, null)] }));
  assert.equal([flagged(late), late.creditedSeconds], [[['presence_failed', 1490, 1800]], 1490]);
  assert.equal(analyse(toTrace(honestReader({ minutes: 30 }), { checks: [check(2200, null)] })).flags, []);
});

presence('a check answered after 95 s fails like an unanswered one', () => {
  // 600 − 300 = 300 → the answer at 695, and being the last check, 300 s more: 995. Credit 1800 − 695 = 1105 s.
  const analysis = analyse(toTrace(honestReader({ minutes: 30 }), { checks: [check(600, 95)] }));
  const flag = onlyFlag(analysis);
  assert.equal([flag.kind, (flag.from - T0) / S, (flag.to - T0) / S], ['presence_failed', 300, 995]);
  assert.equal(flag.evidence, { checks: 1, wrong: 0, late: 1, unanswered: 0, timeoutSeconds: 60, seconds: 695 });
  assert.is(analysis.creditedSeconds, 1105);
});

presence('failed checks in a row are one episode and one flag; a single wrong answer put right by the retry is a slip', () => {
  // Right at 300; wrong at 600 and 900 (one episode: 305 → 905, 600 s); right at 1200 and 1290;
  // wrong at 1500, retried and right at 1530: a slip, only its own 5 s unverified. Credit 1800 − 605 = 1195 s.
  const checks = [check(300, 5), check(600, 5, false), check(900, 5, false), check(1200, 5), check(1290, 5), check(1500, 5, false), check(1530, 5)];
  const analysis = analyse(toTrace(honestReader({ minutes: 30 }), { checks }));
  const flag = onlyFlag(analysis);
  assert.equal([flag.kind, (flag.from - T0) / S, (flag.to - T0) / S], ['presence_failed', 305, 905]);
  assert.equal(flag.evidence, { checks: 2, wrong: 2, late: 0, unanswered: 0, timeoutSeconds: 60, seconds: 600 });
  assert.ok(flag.explanation.includes('连续 2 次'), flag.explanation);
  assert.not.ok(isSerious(flag), "two failures in a row cost the time but accuse nobody");
  assert.is(analysis.creditedSeconds, 1195);
  // A run of five wrong answers is still one flag (it used to be four).
  const five = analyse(toTrace(honestReader({ minutes: 30 }), { checks: [check(300, 5), ...[600, 690, 780, 870, 960].map((at) => check(at, 5, false)), check(1050, 5), check(1400, 5), check(1700, 5)] }));
  assert.equal(five.flags.map((f) => [f.kind, f.evidence.checks]), [['presence_failed', 5]]);
});

presence('unanswered and wrong answers earn a bot the same: nothing from the first check on', () => {
  // A bot asked at 600 and again every 90 s: silent, or tapping wrong answers.
  const asked = Array.from({ length: 14 }, (_, index) => 600 + index * 90);
  const silent = analyse(toTrace(honestReader({ minutes: 30 }), { checks: asked.map((at) => check(at, null)) }));
  const wrong = analyse(toTrace(honestReader({ minutes: 30 }), { checks: asked.map((at) => check(at, 4, false)) }));
  assert.equal([silent.creditedSeconds, wrong.creditedSeconds], [300, 300]);
  assert.equal([silent.flags.length, wrong.flags.length], [1, 1], 'one episode, one flag');
});

presence('answers consistent with guessing among six phrases void every check of the session', () => {
  // Ten answers, two right: guessing is far likelier than a reader's (two in ten right vs three in four).
  const asked = Array.from({ length: 10 }, (_, index) => 300 + index * 150);
  const analysis = analyse(toTrace(honestReader({ minutes: 30 }), { checks: asked.map((at, index) => check(at, 6, index === 3 || index === 7)) }));
  const flag = onlyFlag(analysis);
  assert.equal([flag.kind, (flag.from - T0) / S, (flag.to - T0) / S], ['presence_failed', 0, 1800]);
  assert.equal([flag.evidence.answers, flag.evidence.right, flag.evidence.optionCount], [10, 2, 6]);
  assert.ok(flag.evidence.likelihoodRatio! >= 20 && isSerious(flag));
  assert.is(analysis.creditedSeconds, 0);
});

presence('answers faster than a person can find a phrase among six are a program', () => {
  const checks = [300, 700, 1100, 1500].map((at) => ({ askedAt: T0 + at * S, answeredAt: T0 + at * S + 900, correct: true }));
  const analysis = analyse(toTrace(honestReader({ minutes: 30 }), { checks }));
  const flag = onlyFlag(analysis);
  assert.equal([flag.kind, flag.evidence.medianMs], ['presence_failed', 900]);
  assert.is(analysis.creditedSeconds, 0);
});

presence('a careful reader who gets one check in five wrong keeps everything but the slips', () => {
  // Ten checks 150 s apart, every fifth wrong and retried right 30 s later.
  const checks = Array.from({ length: 10 }, (_, index) => 150 + index * 165).flatMap((at, index) => (index % 5 === 4 ? [check(at, 8, false), check(at + 30, 9)] : [check(at, 7)]));
  const analysis = analyse(toTrace(honestReader({ minutes: 30 }), { checks }));
  assert.equal(analysis.flags, []);
  assert.is(analysis.creditedSeconds, 1800 - 16);
});

presence('where rules overlap, silence shows first, then unverified, then background', () => {
  // Background 300–480; the phone sleeps 600 → 900 (silence 600–855); check at 700 never answered:
  // unverified 700 − 300 = 400 → 700 + 60 + 300 = 1060. Credit 0–300 and 1060–1200: 300 + 140 = 440 s.
  const plans = during(honestReader({ minutes: 20 }), 300, 480, { ...QUIET, visibility: 'background' }).filter((plan) => plan.at <= 600 || plan.at >= 900);
  const analysis = analyse(toTrace(plans, { checks: [check(700, null)] }));
  assert.equal(timeline(analysis), [
    ['active', 0, 300], ['background', 300, 400], ['unverified', 400, 600], ['idle', 600, 855], ['unverified', 855, 1060], ['active', 1060, 1200],
  ]);
  assert.equal(flagged(analysis), [['background', 300, 480], ['presence_failed', 400, 1060]]);
  assert.is(analysis.creditedSeconds, 440);
});

presence.run();

// ---
const union = suite('unionSeconds');

union('counts overlapping time once', () => {
  // [0, 30 min] ∪ [20, 50 min] ∪ [60, 70 min] = 50 + 10 minutes = 3600 s (the plain sum is 4800).
  assert.is(unionSeconds([[0, 30 * MIN], [20 * MIN, 50 * MIN], [60 * MIN, 70 * MIN]]), 3600);
});

union('a contained interval adds nothing, touching ones add up, order does not matter', () => {
  assert.is(unionSeconds([[10 * MIN, 20 * MIN], [0, 60 * MIN]]), 3600);
  assert.is(unionSeconds([[10 * MIN, 20 * MIN], [0, 10 * MIN]]), 1200);
});

union('empty and reversed intervals count nothing', () => {
  assert.is(unionSeconds([[5 * MIN, 5 * MIN], [10 * MIN, 5 * MIN]]), 0);
  assert.is(unionSeconds([]), 0);
});

union('two phones studying at once are credited the wall-clock time once', () => {
  // Phone A reads 0 → 1200, phone B 600 → 1800: 1200 s each, 1800 s together.
  const phoneA = analyse(toTrace(honestReader({ minutes: 20, seed: 1 })));
  const phoneB = analyse(toTrace(honestReader({ minutes: 20, seed: 2 }).map((plan) => ({ ...plan, at: plan.at + 600, client: plan.client + 600 })), { startedAtS: 600 }));
  assert.is(phoneA.creditedSeconds + phoneB.creditedSeconds, 2400);
  assert.is(unionSeconds([...phoneA.credited, ...phoneB.credited]), 1800);
});

union.run();

// ---
const concurrent = suite('concurrentFlags');

concurrent('flags the later of two overlapping sessions with the overlap', () => {
  const found = concurrentFlags([{ id: 1, from: T0, to: T0 + 30 * MIN }, { id: 2, from: T0 + 20 * MIN, to: T0 + 50 * MIN }, { id: 3, from: T0 + 60 * MIN, to: T0 + 70 * MIN }]);
  assert.equal(found.map(({ sessionId, flag }) => [sessionId, flag.kind, (flag.from - T0) / MIN, (flag.to - T0) / MIN, flag.evidence]),
    [[2, 'concurrent', 20, 30, { otherSessionId: 1, overlapSeconds: 600 }]]);
  assert.ok(found[0]!.flag.explanation.includes('编号 1') && found[0]!.flag.explanation.includes('10 分钟'), found[0]!.flag.explanation);
});

concurrent('on the same start the higher id is the later one; touching sessions do not overlap', () => {
  const found = concurrentFlags([{ id: 8, from: T0, to: T0 + 10 * MIN }, { id: 5, from: T0, to: T0 + 5 * MIN }, { id: 9, from: T0 + 10 * MIN, to: T0 + 20 * MIN }]);
  assert.equal(found.map(({ sessionId, flag }) => [sessionId, flag.evidence.otherSessionId, flag.evidence.overlapSeconds]), [[8, 5, 300]]);
});

concurrent('a session overlapping two earlier ones gets a flag for each', () => {
  const found = concurrentFlags([{ id: 1, from: T0, to: T0 + 10 * MIN }, { id: 2, from: T0 + 5 * MIN, to: T0 + 15 * MIN }, { id: 3, from: T0 + 8 * MIN, to: T0 + 9 * MIN }]);
  assert.equal(found.map(({ sessionId, flag }) => [sessionId, flag.evidence.otherSessionId, flag.evidence.overlapSeconds]), [[2, 1, 300], [3, 1, 60], [3, 2, 60]]);
});

concurrent.run();
