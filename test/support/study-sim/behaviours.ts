// Simulated study behaviour, labelled: honest readers of several speeds and habits, and the
// cheaters a determined person would try after reading thresholds.ts. Each behaviour decides, beat
// by beat, what its client reports and how it meets a presence check; the simulator plays the
// server's part. Everything a cheater sends is something a client can forge.
import type { Visibility } from '../../../server/src/study/detector/index.ts';
import type { Rng } from './rng.ts';

export type Interactions = { taps: number; scrolls: number; keys: number; gapsMs: number[] };
export type BeatPlan = {
  /** Server time since the previous beat. */
  spacingMs: number;
  visibility: Visibility;
  interactions: Interactions;
  /** Characters moved (negative: backwards), or a jump to an absolute offset. */
  move: number | { to: number };
  /** Of this interval, the time a person really studied (honest behaviours only). */
  studyingMs: number;
  /** Client clock speed (1: true). */
  clockRate?: number;
  /** Send this beat twice, and an old one again. */
  replay?: boolean;
};
/** How a check is met: answered after `afterMs` by choosing the right option, a wrong one, any at
 *  random, or the one a program finds in the statute text; null: never answered. */
export type Reply = { afterMs: number; choose: 'right' | 'wrong' | 'random' | 'match' } | null;
export type Actor = { beat(): BeatPlan; reply(): Reply };
export type Behaviour = { kind: string; honest: boolean; minutes: [number, number]; devices?: 2; start(r: Rng, total: number): Actor };

const BEAT_MS = 30_000;
const QUIET: Interactions = { taps: 0, scrolls: 0, keys: 0, gapsMs: [] };

/** A person's interactions over one beat: a few, at irregular, mostly short intervals. */
function humanInteractions(r: Rng, count: number): Interactions {
  const scrolls = Math.ceil(count / 2);
  return { taps: count - scrolls, scrolls, keys: 0, gapsMs: Array.from({ length: Math.max(0, count - 1) }, () => Math.round(r.logUniform(600, 20_000))) };
}

function spacing(r: Rng): number {
  return Math.round(BEAT_MS + r.between(-3000, 6000));
}

type Habits = { charsPerMinute: [number, number]; accuracy: number; thinkEvery: number; awayEvery: number; rereadEvery: number; interactEvery: number };

/** An honest reader: reads, pauses to think, re-reads, steps away to other apps, answers checks. */
function reader(h: Habits): Behaviour['start'] {
  return (r) => {
    let thinking = 0, away = 0;
    const speed = r.between(...h.charsPerMinute);
    let sinceInteract = 0;
    return {
      beat() {
        const spacingMs = spacing(r);
        if (away > 0) { away--; return { spacingMs, visibility: 'background', interactions: QUIET, move: 0, studyingMs: 0 }; }
        if (thinking > 0) { thinking--; return { spacingMs, visibility: 'foreground', interactions: QUIET, move: 0, studyingMs: spacingMs }; }
        if (r.chance(1 / h.awayEvery)) away = Math.round(r.between(1, 4));
        if (r.chance(1 / h.thinkEvery)) thinking = Math.round(r.between(2, 8));
        const chars = (speed * spacingMs) / 60_000 * r.between(0.5, 1.5);
        const move = r.chance(1 / h.rereadEvery) ? -Math.round(chars * r.between(1, 3)) : Math.round(chars);
        const interact = ++sinceInteract >= h.interactEvery;
        if (interact) sinceInteract = 0;
        return { spacingMs, visibility: 'foreground', interactions: interact ? humanInteractions(r, Math.round(r.between(1, 5))) : QUIET, move, studyingMs: spacingMs };
      },
      reply() {
        if (away > 0 && r.chance(0.5)) return null;
        return { afterMs: Math.round(r.logUniform(3000, 25_000)), choose: r.chance(h.accuracy) ? 'right' : 'wrong' };
      },
    };
  };
}

/** A program: interactions and movement as configured, checks met as configured. */
function bot(options: {
  interactions: (r: Rng) => Interactions; move?: (r: Rng, beat: number) => number | { to: number };
  visibility?: (beat: number) => Visibility; reply?: (r: Rng) => Reply; spacingMs?: number; clockRate?: number; replay?: boolean;
}): Behaviour['start'] {
  return (r) => {
    let beat = 0;
    return {
      beat() {
        beat++;
        return {
          spacingMs: options.spacingMs ?? spacing(r), visibility: options.visibility?.(beat) ?? 'foreground', interactions: options.interactions(r),
          move: options.move?.(r, beat) ?? 0, studyingMs: 0, clockRate: options.clockRate, replay: options.replay,
        };
      },
      reply: () => options.reply?.(r) ?? null,
    };
  };
}

const regularTaps = (gapMs: number, jitter: number) => (r: Rng): Interactions => {
  const count = Math.floor(BEAT_MS / gapMs);
  return { taps: count, scrolls: 0, keys: 0, gapsMs: Array.from({ length: count }, () => Math.round(gapMs * (1 + r.between(-jitter, jitter)))) };
};
const humanLike = (r: Rng) => humanInteractions(r, Math.round(r.between(1, 5)));
const readingPace = (r: Rng) => Math.round(r.between(150, 300));
const guess = (r: Rng): Reply => ({ afterMs: Math.round(r.between(4000, 20_000)), choose: 'random' });

export const BEHAVIOURS: Behaviour[] = [
  { kind: 'honest: steady reader', honest: true, minutes: [20, 90], start: reader({ charsPerMinute: [250, 500], accuracy: 0.95, thinkEvery: 40, awayEvery: 80, rereadEvery: 15, interactEvery: 1 }) },
  { kind: 'honest: slow, careful, 1 in 5 checks wrong', honest: true, minutes: [20, 90], start: reader({ charsPerMinute: [120, 250], accuracy: 0.8, thinkEvery: 15, awayEvery: 60, rereadEvery: 6, interactEvery: 3 }) },
  { kind: 'honest: thinks long, re-reads', honest: true, minutes: [30, 120], start: reader({ charsPerMinute: [150, 400], accuracy: 0.9, thinkEvery: 8, awayEvery: 50, rereadEvery: 4, interactEvery: 2 }) },
  { kind: 'honest: switches apps often', honest: true, minutes: [20, 60], start: reader({ charsPerMinute: [250, 500], accuracy: 0.9, thinkEvery: 30, awayEvery: 10, rereadEvery: 12, interactEvery: 1 }) },
  { kind: 'honest: skims familiar text', honest: true, minutes: [15, 45], start: reader({ charsPerMinute: [600, 1000], accuracy: 0.9, thinkEvery: 40, awayEvery: 60, rereadEvery: 10, interactEvery: 1 }) },

  { kind: 'idle tab', honest: false, minutes: [30, 120], start: bot({ interactions: () => QUIET }) },
  { kind: 'idle tab, a tap every 2 min', honest: false, minutes: [30, 120], start: bot({ interactions: (r) => (r.chance(0.25) ? { taps: 1, scrolls: 0, keys: 0, gapsMs: [] } : QUIET) }) },
  { kind: 'background', honest: false, minutes: [30, 120], start: bot({ interactions: () => QUIET, visibility: () => 'background' }) },
  { kind: 'clicker, exact 2 s', honest: false, minutes: [30, 120], start: bot({ interactions: regularTaps(2000, 0) }) },
  { kind: 'clicker, ±15 % jitter', honest: false, minutes: [30, 120], start: bot({ interactions: regularTaps(2000, 0.15) }) },
  { kind: 'clicker, ±50 % jitter, auto-scroll', honest: false, minutes: [30, 120], start: bot({ interactions: regularTaps(2000, 0.5), move: readingPace }) },
  { kind: 'clicker, 10 Hz', honest: false, minutes: [30, 120], start: bot({ interactions: regularTaps(100, 0.3) }) },
  { kind: 'clicker, human-like gaps, auto-scroll (silent bot)', honest: false, minutes: [30, 120], start: bot({ interactions: humanLike, move: readingPace }) },
  { kind: 'clicker omitting gaps', honest: false, minutes: [30, 120], start: bot({ interactions: () => ({ taps: 12, scrolls: 3, keys: 0, gapsMs: [] }), move: readingPace }) },
  { kind: 'scroller, forward 3,000/min', honest: false, minutes: [20, 60], start: bot({ interactions: humanLike, move: () => 1500 }) },
  { kind: 'scroller, back and forth', honest: false, minutes: [20, 60], start: bot({ interactions: humanLike, move: (_, beat) => (beat % 2 ? 1500 : -1500) }) },
  { kind: 'scroller, lapping', honest: false, minutes: [20, 60], start: bot({ interactions: humanLike, move: (_, beat) => (beat % 6 === 0 ? { to: 0 } : 1500) }) },
  { kind: 'scroller, bursts', honest: false, minutes: [20, 60], start: bot({ interactions: humanLike, move: (_, beat) => (beat % 4 === 0 ? 4000 : 0) }) },
  { kind: 'guesser (answers at random)', honest: false, minutes: [30, 120], start: bot({ interactions: humanLike, move: readingPace, reply: guess }) },
  { kind: 'look-up bot (searches the bank for the stem)', honest: false, minutes: [30, 120], start: bot({ interactions: humanLike, move: readingPace, reply: guess }) },
  { kind: 'instant answerer (right, 0.5 s)', honest: false, minutes: [30, 120], start: bot({ interactions: humanLike, move: readingPace, reply: () => ({ afterMs: 500, choose: 'match' }) }) },
  { kind: 'two devices taking turns', honest: false, minutes: [30, 120], devices: 2, start: bot({ interactions: () => QUIET, visibility: (beat) => (beat % 4 < 2 ? 'foreground' : 'background') }) },
  { kind: 'replayed heartbeats', honest: false, minutes: [30, 120], start: bot({ interactions: humanLike, move: readingPace, replay: true }) },
  { kind: 'sped-up client (5 s beats, clock 6×)', honest: false, minutes: [30, 120], start: bot({ interactions: humanLike, move: readingPace, spacingMs: 5000, clockRate: 6 }) },
  { kind: 'combined: jitter clicker + scroll + guesses', honest: false, minutes: [30, 120], start: bot({ interactions: regularTaps(3000, 0.4), move: readingPace, reply: guess }) },
  { kind: 'statute-text matcher (reads the public text)', honest: false, minutes: [30, 120], start: bot({ interactions: humanLike, move: readingPace, reply: (r) => ({ afterMs: Math.round(r.between(4000, 15_000)), choose: 'match' }) }) },
];
