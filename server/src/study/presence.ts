// Presence checks tied to the screen: at random moments the server asks which of six phrases is
// in the article being read, built from that article and its neighbours at the moment of asking
// (presence-prompt.ts), and times the answer on its own clock. A script that clicks "继续" or
// looks the question up in the bank cannot answer it; a reader glancing at the screen can.
// A wrong answer and an expired one both bring the next check at the next heartbeat.
import type { Actor } from '../auth/actor.ts';
import type { AppDeps } from '../deps.ts';
import { AppError, NotFoundError, ValidationError } from '../errors.ts';
import { changeStudyDays } from '../rollups/study-days.ts';
import { gradeResponse, responseProblem, type AnswerKey, type Response } from '../exams/grading.ts';
import { buildPresencePrompt, type PresencePrompt } from './presence-prompt.ts';
import { presenceDue } from './presence-schedule.ts';
import { updateSessionState, type SessionState } from './session-cache.ts';

export const PRESENCE_TIMEOUT_MS = 60_000;
/** Distractors come from up to this many articles either side of the one on screen. */
const NEIGHBOUR_SPAN = 5;

export class StudyStateError extends AppError {}

type Position = { statute: string; article: number };

/** Maybe asks a check with this heartbeat; null when one is in flight, not due, not drawn, or the article gives no fair check. */
export async function maybeAskPresence(deps: AppDeps, state: SessionState, position: Position, now: Date) {
  const config = { rate: deps.config.PRESENCE_CHECK_RATE, minSpacingMs: deps.config.PRESENCE_MIN_SPACING_SECONDS * 1000 };
  if (!presenceDue(state, now.getTime(), config, Math.random)) return null;
  const prompt = await promptFor(deps, position);
  if (!prompt) return null;
  const check = await changeStudyDays(deps.db, [state.userId], async (tx, touch) => {
    touch(state.userId, now);
    return tx.presenceCheck.create({
      data: { sessionId: state.id, prompt: { stem: prompt.stem, options: prompt.options }, answerKey: prompt.answerKey, askedAt: now, expiresAt: new Date(now.getTime() + PRESENCE_TIMEOUT_MS) },
    });
  });
  updateSessionState(deps.db, state.id, { pendingUntil: check.expiresAt.getTime(), retryCheck: false, lastCheckAt: now.getTime() });
  return { id: check.id, type: 'single' as const, stem: prompt.stem, options: prompt.options, expiresAt: check.expiresAt.toISOString() };
}

/** The article on screen and its neighbours in the current text, made into a check. */
async function promptFor(deps: AppDeps, position: Position): Promise<PresencePrompt | null> {
  const articles = await deps.db.article.findMany({
    where: { revision: { isCurrent: true, statute: { slug: position.statute } }, number: { gte: position.article - NEIGHBOUR_SPAN, lte: position.article + NEIGHBOUR_SPAN } },
    select: { number: true, text: true },
  });
  const current = articles.find((article) => article.number === position.article);
  return current ? buildPresencePrompt(current, articles, Math.random) : null;
}

export async function answerCheck(deps: AppDeps, actor: Actor, checkId: number, response: unknown) {
  const now = deps.clock.now();
  const check = await deps.db.presenceCheck.findFirst({
    where: { id: checkId, session: { userId: actor.userId } },
    include: { session: { select: { id: true, status: true } } },
  });
  if (!check) throw new NotFoundError('确认题不存在');
  if (check.answeredAt) throw new StudyStateError('check_answered', '这道确认题已经作答');
  if (now > check.expiresAt) throw new StudyStateError('check_expired', '确认题已超过 60 秒，未能确认在学');
  const correct = check.prompt ? gradeGenerated(check.prompt as PresencePrompt, check.answerKey!, response) : await gradeFromBank(deps, check.questionVersionId!, response);
  await changeStudyDays(deps.db, [actor.userId], async (tx, touch) => {
    await tx.presenceCheck.update({ where: { id: check.id }, data: { answeredAt: now, correct } });
    touch(actor.userId, check.askedAt);
  });
  updateSessionState(deps.db, check.session.id, { pendingUntil: null, retryCheck: !correct });
  return { correct };
}

function invalidResponse(problem: string): ValidationError {
  return new ValidationError(problem, [{ path: 'body.response', code: 'invalid_response', message: problem }]);
}

function gradeGenerated(prompt: Pick<PresencePrompt, 'options'>, answerKey: string, response: unknown): boolean {
  const problem = responseProblem('single', response, prompt.options.map((option) => option.key), 0);
  if (problem) throw invalidResponse(problem);
  return response === answerKey;
}

/** Checks asked before they were generated came from the question bank. */
async function gradeFromBank(deps: AppDeps, versionId: number, response: unknown): Promise<boolean> {
  const version = await deps.db.questionVersion.findUniqueOrThrow({ where: { id: versionId }, select: { type: true, answer: true, options: true } });
  const keys = ((version.options as Array<{ key: string }> | null) ?? []).map((o) => o.key);
  const problem = responseProblem(version.type, response, keys, 0);
  if (problem) throw invalidResponse(problem);
  return gradeResponse(version.type, version.answer as AnswerKey, response as Response, 1, 'all-or-nothing').correct;
}
