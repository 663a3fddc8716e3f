// Plays one simulated session through the server's rules — beat spacing on the server clock, the
// presence-check schedule (study/presence-schedule.ts), checks built by the server's prompt builder
// from the real text on screen, the 60 s limit, a wrong or expired check retried — and judges it
// with the pure detector, as the server does when the session closes.
import { analyseSession, concurrentFlags, isSerious, unionSeconds, type Analysis, type Heartbeat, type PresenceCheck } from '../../../server/src/study/detector/index.ts';
import { buildPresencePrompt } from '../../../server/src/study/presence-prompt.ts';
import { presenceDue, type ScheduleConfig, type ScheduleState } from '../../../server/src/study/presence-schedule.ts';
import type { Behaviour, Reply } from './behaviours.ts';
import type { Material } from './material.ts';
import { rng, type Rng } from './rng.ts';

const TIMEOUT_MS = 60_000;
const T0 = Date.UTC(2026, 11, 1, 1, 0, 0);

export type Outcome = { claimedSeconds: number; trueSeconds: number; creditedSeconds: number; flagged: boolean; serious: boolean; kinds: string[] };

type Played = { beats: Heartbeat[]; checks: PresenceCheck[]; claimedMs: number; trueMs: number; startedAt: number; endedAt: number };

function chooseOption(reply: NonNullable<Reply>, options: Array<{ key: string; text: string }>, answerKey: string, articleText: string, r: Rng): string {
  if (reply.choose === 'right') return answerKey;
  if (reply.choose === 'match') return options.find((option) => articleText.includes(option.text))?.key ?? r.pick(options).key;
  if (reply.choose === 'wrong') return r.pick(options.filter((option) => option.key !== answerKey)).key;
  return r.pick(options).key;
}

function play(behaviour: Behaviour, material: Material, config: ScheduleConfig, r: Rng, startAt: number): Played {
  const actor = behaviour.start(r, material.total);
  const minutes = r.between(...behaviour.minutes);
  const state: ScheduleState = { lastCheckAt: null, pendingUntil: null, retryCheck: false };
  const beats: Heartbeat[] = [];
  const checks: PresenceCheck[] = [];
  let now = startAt, clientNow = startAt + Math.round(r.between(-60_000, 60_000)), chars = Math.round(r.between(0, material.total / 2)), seq = 0, trueMs = 0;
  let answer: { at: number; correct: boolean } | null = null;
  const send = (beat: Heartbeat) => beats.push(beat);
  send({ seq: ++seq, serverAt: now, clientAt: clientNow, visibility: 'foreground', taps: 0, scrolls: 0, keys: 0, gapsMs: [], position: material.at(chars) });
  while (now - startAt < minutes * 60_000) {
    const plan = actor.beat();
    now += plan.spacingMs;
    clientNow += Math.round(plan.spacingMs * (plan.clockRate ?? 1)) + Math.round(r.between(-800, 800));
    trueMs += plan.studyingMs;
    chars = typeof plan.move === 'number' ? Math.max(0, Math.min(material.total - 1, chars + plan.move)) : plan.move.to;
    const position = material.at(chars);
    const beat: Heartbeat = { seq: ++seq, serverAt: now, clientAt: clientNow, visibility: plan.visibility, ...plan.interactions, position };
    send(beat);
    if (plan.replay) {
      send({ ...beat, serverAt: now + 1000 });
      if (beats.length > 20) send({ ...beats[beats.length - 20]!, serverAt: now + 2000 });
    }
    if (answer && answer.at <= now) { state.pendingUntil = null; state.retryCheck = !answer.correct; answer = null; }
    if (plan.visibility !== 'foreground' || !presenceDue(state, now, config, r.next)) continue;
    const index = material.articles.findIndex((article) => article.number === position.article);
    const current = material.articles[index]!;
    const prompt = buildPresencePrompt(current, material.articles.slice(Math.max(0, index - 5), index + 6), r.next);
    if (!prompt) continue;
    Object.assign(state, { pendingUntil: now + TIMEOUT_MS, retryCheck: false, lastCheckAt: now });
    const reply = actor.reply();
    if (!reply || reply.afterMs > TIMEOUT_MS) { checks.push({ askedAt: now, answeredAt: null, correct: null }); continue; }
    const correct = chooseOption(reply, prompt.options, prompt.answerKey, current.text, r) === prompt.answerKey;
    checks.push({ askedAt: now, answeredAt: now + reply.afterMs, correct });
    answer = { at: now + reply.afterMs, correct };
  }
  const claimedMs = Math.max(now - startAt, clientNow - beats[0]!.clientAt);
  return { beats, checks, claimedMs, trueMs, startedAt: startAt, endedAt: now };
}

function judge(played: Played, material: Material): Analysis {
  return analyseSession({ startedAt: played.startedAt, endedAt: played.endedAt, heartbeats: played.beats, checks: played.checks }, material.offset);
}

/** One simulated person's session (two at once for two-device behaviours), judged. */
export function simulate(behaviour: Behaviour, material: Material, config: ScheduleConfig, seed: number): Outcome {
  const r = rng(seed);
  const sessions = Array.from({ length: behaviour.devices ?? 1 }, (_, device) => play(behaviour, material, config, r, T0 + device * 7_000));
  const analyses = sessions.map((played) => judge(played, material));
  const overlaps = behaviour.devices ? concurrentFlags(sessions.map((played, id) => ({ id, from: played.startedAt, to: played.endedAt }))).map(({ flag }) => flag) : [];
  const flags = [...analyses.flatMap((analysis) => analysis.flags), ...overlaps];
  return {
    claimedSeconds: sessions.reduce((sum, played) => sum + played.claimedMs, 0) / 1000,
    trueSeconds: sessions.reduce((sum, played) => sum + played.trueMs, 0) / 1000,
    // The person's credit is the union of their sessions' credited time, as on their timeline.
    creditedSeconds: unionSeconds(analyses.flatMap((analysis) => analysis.credited)),
    flagged: flags.length > 0,
    serious: flags.some(isSerious),
    kinds: [...new Set(flags.map((flag) => flag.kind))],
  };
}
