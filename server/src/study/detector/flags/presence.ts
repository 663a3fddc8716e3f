// Presence checks: the server asks, at moments it chooses, a question about the text on the reader's
// screen, and times the answer on its own clock. Nothing else a client reports is evidence of a
// person, so credit leans on the checks: the time before a check is vouched for by its passing.
import type { PresenceCheck } from '../types.ts';
import type { Thresholds } from '../thresholds.ts';
import type { Finding } from '../evidence.ts';
import { makeFlag } from '../evidence.ts';
import { duration, seconds } from '../format.ts';
import { median, round } from '../stats.ts';

type Span = { from: number; to: number };
type Outcome = 'passed' | 'wrong' | 'late' | 'unanswered';
type Judged = { check: PresenceCheck; outcome: Outcome; resolvedAt: number };

/**
 * Judges the session's checks in three steps.
 * 1. Over the whole session: answers whose accuracy is far likelier from guessing among the options
 *    than from reading, or that come faster than a person can read the options, vouch for nothing.
 * 2. A passed check vouches for the time since the previous check was resolved.
 * 3. A failed check (wrong, late or unanswered — a bot earns the same from each) leaves the time
 *    since the previous resolution, at most presenceWindowMs back, unverified; failures in a row
 *    form one episode and one flag. A single wrong answer put right by the retry that follows is a
 *    slip, forgiven when the session's answers as a whole are likelier a reader's than a guesser's.
 */
export function presenceFailures(checks: PresenceCheck[], session: Span, t: Thresholds): Finding {
  const judged = judgeChecks(checks, session, t);
  if (!judged.length) return { flags: [], marks: [] };
  const verdict = sessionVerdict(judged, session, t);
  if (verdict) return verdict;
  const honest = likelihoodOfGuessing(judged, t) < 1;
  return episodes(judged, session, honest, t);
}

function judgeChecks(checks: PresenceCheck[], session: Span, t: Thresholds): Judged[] {
  return checks.map((check, index) => ({ check, index }))
    .filter(({ check }) => check.askedAt >= session.from && check.askedAt < session.to)
    .sort((a, b) => a.check.askedAt - b.check.askedAt || a.index - b.index)
    .map(({ check }) => {
      const deadline = check.askedAt + t.presenceTimeoutMs;
      if (check.answeredAt === null) return { check, outcome: 'unanswered' as const, resolvedAt: deadline };
      if (check.answeredAt > deadline) return { check, outcome: 'late' as const, resolvedAt: check.answeredAt };
      return { check, outcome: check.correct === false ? 'wrong' as const : 'passed' as const, resolvedAt: check.answeredAt };
    });
}

/** Answers in time whose correctness is known: the evidence about who is answering. */
function graded(judged: Judged[]): Judged[] {
  return judged.filter(({ outcome, check }) => (outcome === 'passed' || outcome === 'wrong') && check.correct !== null);
}

/** P(answers | guessing among the options) ÷ P(answers | a reader at presenceHonestAccuracy). */
function likelihoodOfGuessing(judged: Judged[], t: Thresholds): number {
  const answers = graded(judged);
  const right = answers.filter(({ outcome }) => outcome === 'passed').length;
  const guess = 1 / t.presenceOptions, reader = t.presenceHonestAccuracy;
  return (guess / reader) ** right * ((1 - guess) / (1 - reader)) ** (answers.length - right);
}

/** A whole-session verdict from the statistics, or null when the answers look like a reader's. */
function sessionVerdict(judged: Judged[], session: Span, t: Thresholds): Finding | null {
  const answers = graded(judged);
  const span = { from: Math.max(session.from, judged[0]!.check.askedAt - t.presenceWindowMs), to: session.to };
  const ratio = likelihoodOfGuessing(judged, t);
  if (answers.length >= t.presenceMinAnswersJudged && ratio >= t.presenceDecisiveRatio) {
    const right = answers.filter(({ outcome }) => outcome === 'passed').length;
    const evidence = { answers: answers.length, right, optionCount: t.presenceOptions, likelihoodRatio: round(Math.min(ratio, 1e6)) };
    return whole(span, makeFlag('presence_failed', span, evidence,
      `${answers.length} 次在场确认只答对 ${right} 次，与在 ${t.presenceOptions} 个选项中随机猜测的结果一致（是认真阅读者的 ${evidence.likelihoodRatio} 倍可能），确认题不能证明本人在学习，首次确认前 ${duration(t.presenceWindowMs)}起不计学时`));
  }
  const latencies = answers.map(({ check }) => check.answeredAt! - check.askedAt);
  if (latencies.length >= t.presenceMinAnswersJudged && median(latencies) < t.presenceMinHumanLatencyMs) {
    const evidence = { answers: latencies.length, medianMs: round(median(latencies)), minHumanMs: t.presenceMinHumanLatencyMs };
    return whole(span, makeFlag('presence_failed', span, evidence,
      `${latencies.length} 次在场确认的作答用时中位数只有 ${round(evidence.medianMs / 1000, 1)} 秒，快于阅读题目和选项所需的 ${round(t.presenceMinHumanLatencyMs / 1000, 1)} 秒，疑似程序自动作答，首次确认前 ${duration(t.presenceWindowMs)}起不计学时`));
  }
  return null;
}

function whole(span: Span, flag: ReturnType<typeof makeFlag>): Finding {
  return { flags: [flag], marks: [{ kind: 'unverified', ...span }] };
}

type Episode = { span: Span; checks: Judged[] };

function episodes(judged: Judged[], session: Span, honest: boolean, t: Thresholds): Finding {
  const found: Finding = { flags: [], marks: [] };
  let previousResolution = session.from;
  const open: Episode[] = [];
  const close = () => {
    const episode = open.pop();
    if (!episode || episode.span.to <= episode.span.from) return;
    found.marks.push({ kind: 'unverified', ...episode.span });
    found.flags.push(explain(episode.checks, episode.span, t));
  };
  judged.forEach((item, index) => {
    const episode = open[0];
    if (item.outcome === 'passed') { close(); previousResolution = item.resolvedAt; return; }
    const next = judged[index + 1];
    const slip = honest && item.outcome === 'wrong' && !episode && next?.outcome === 'passed' && next.check.askedAt - item.check.askedAt <= t.presenceRetryWithinMs;
    if (slip) { found.marks.push({ kind: 'unverified', from: item.check.askedAt, to: item.resolvedAt }); previousResolution = item.resolvedAt; return; }
    const from = Math.max(previousResolution, item.check.askedAt - t.presenceWindowMs);
    const to = next ? item.resolvedAt : Math.min(session.to, item.resolvedAt + t.presenceWindowMs);
    if (episode) { episode.span.to = Math.max(episode.span.to, to); episode.checks.push(item); }
    else open.push({ span: { from, to }, checks: [item] });
    previousResolution = item.resolvedAt;
  });
  close();
  return found;
}

/** One flag per episode: how many checks failed, and how. */
function explain(checks: Judged[], span: Span, t: Thresholds) {
  const count = (outcome: Outcome) => checks.filter((item) => item.outcome === outcome).length;
  const evidence = { checks: checks.length, wrong: count('wrong'), late: count('late'), unanswered: count('unanswered'), timeoutSeconds: seconds(t.presenceTimeoutMs), seconds: seconds(span.to - span.from) };
  const parts = [
    evidence.wrong ? `答错 ${evidence.wrong} 次` : '',
    evidence.unanswered ? `${evidence.timeoutSeconds} 秒内未作答 ${evidence.unanswered} 次` : '',
    evidence.late ? `超时作答 ${evidence.late} 次` : '',
  ].filter(Boolean).join('、');
  return makeFlag('presence_failed', span, evidence, `连续 ${checks.length} 次在场确认未通过（${parts}），共 ${duration(span.to - span.from)}无法确认本人在学习，不计学时`);
}
