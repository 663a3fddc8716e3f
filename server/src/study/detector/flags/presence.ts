// Presence checks: a question pops up and a reader who is there answers it.
import type { PresenceCheck } from '../types.ts';
import type { Thresholds } from '../thresholds.ts';
import type { Finding } from '../evidence.ts';
import { makeFlag } from '../evidence.ts';
import { duration, seconds } from '../format.ts';

type Failure = { first: number; last: number; kind: 'unanswered' | 'late' | 'wrong' };
type Span = { from: number; to: number };

/**
 * A check passes when answered within presenceTimeoutMs and not wrong (a check with no right answer,
 * correct = null, passes by being answered). It fails when unanswered in time, or when it is the
 * presenceWrongInRow-th wrong answer in a row. Each failure leaves its surroundings unverified
 * (see presenceWindowMs), bounded by the nearest passed checks, which prove presence, and by the
 * session's beats: a check that expires after the last beat costs nothing and is not flagged.
 */
export function presenceFailures(checks: PresenceCheck[], session: Span, t: Thresholds): Finding {
  const ordered = checks.map((check, index) => ({ check, index }))
    .sort((a, b) => a.check.askedAt - b.check.askedAt || a.index - b.index)
    .map(({ check }) => check);
  const inTime = (check: PresenceCheck) => check.answeredAt !== null && check.answeredAt - check.askedAt <= t.presenceTimeoutMs;
  const passed = ordered.map((check) => inTime(check) && check.correct !== false);
  const failures: Failure[] = [];
  let wrongInRow = 0;
  ordered.forEach((check, index) => {
    if (passed[index]) { wrongInRow = 0; return; }
    if (!inTime(check)) {
      wrongInRow = 0;
      failures.push({ first: index, last: index, kind: check.answeredAt === null ? 'unanswered' : 'late' });
      return;
    }
    if (++wrongInRow >= t.presenceWrongInRow) failures.push({ first: index - t.presenceWrongInRow + 1, last: index, kind: 'wrong' });
  });
  const found: Finding = { flags: [], marks: [] };
  for (const failure of failures) {
    const span = failureSpan(failure, ordered, passed, session, t);
    if (span.to <= span.from) continue;
    found.marks.push({ kind: 'unverified', ...span });
    found.flags.push(explain(failure, ordered, span, t));
  }
  return found;
}

/** From presenceWindowMs before the (first) failing check to when the reader was seen again. */
function failureSpan({ first, last, kind }: Failure, ordered: PresenceCheck[], passed: boolean[], session: Span, t: Thresholds): Span {
  const before = ordered.slice(0, first).filter((_, index) => passed[index]).at(-1);
  const after = ordered.find((_, index) => index > last && passed[index]);
  const closing = ordered[last]!;
  const from = Math.max(session.from, ordered[first]!.askedAt - t.presenceWindowMs, before?.answeredAt ?? -Infinity);
  // An answer, even late or wrong, shows the reader was back; an unanswered check shows nothing.
  const to = kind === 'unanswered'
    ? Math.min(closing.askedAt + t.presenceTimeoutMs + t.presenceWindowMs, after?.askedAt ?? Infinity)
    : closing.answeredAt!;
  return { from, to: Math.min(session.to, to) };
}

function explain({ first, last, kind }: Failure, ordered: PresenceCheck[], span: Span, t: Thresholds) {
  const check = ordered[last]!;
  const evidence: Record<string, number> = { check: last + 1, timeoutSeconds: seconds(t.presenceTimeoutMs), seconds: seconds(span.to - span.from) };
  const lost = `${duration(span.to - span.from)}无法确认本人在学习，不计学时`;
  if (kind === 'unanswered') {
    return makeFlag('presence_failed', span, evidence, `第 ${last + 1} 次在场确认发出后 ${evidence.timeoutSeconds} 秒内无人作答，前后共 ${lost}`);
  }
  if (kind === 'late') {
    evidence.answeredAfterSeconds = seconds(check.answeredAt! - check.askedAt);
    return makeFlag('presence_failed', span, evidence, `第 ${last + 1} 次在场确认在 ${evidence.answeredAfterSeconds} 秒后才作答（限时 ${evidence.timeoutSeconds} 秒），此前共 ${lost}`);
  }
  evidence.wrongInRow = last - first + 1;
  return makeFlag('presence_failed', span, evidence, `连续 ${evidence.wrongInRow} 次在场确认回答错误（第 ${first + 1}–${last + 1} 次），共 ${lost}`);
}
