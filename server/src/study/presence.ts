// Presence checks tied to content: at random moments the server asks a one-tap question about
// the article just read; the answer must come within 60 s on the server clock. A script that
// clicks "继续" cannot answer it; a reader who has just read the article can.
import type { Actor } from '../auth/actor.ts';
import type { AppDeps } from '../deps.ts';
import { AppError, NotFoundError, ValidationError } from '../errors.ts';
import { gradeResponse, responseProblem, type AnswerKey, type Response } from '../exams/grading.ts';
import { pathIds } from '../policy.ts';
import { updateSessionState, type SessionState } from './session-cache.ts';

export const PRESENCE_TIMEOUT_MS = 60_000;

export class StudyStateError extends AppError {}

type Position = { statute: string; article: number };

/** Maybe asks a check with this heartbeat; null when not due, not drawn, or no question fits. */
export async function maybeAskPresence(deps: AppDeps, state: SessionState, organizationPath: string, position: Position, now: Date) {
  if (state.pendingCheck) return null;
  if (!state.retryCheck) {
    const spacingMs = deps.config.PRESENCE_MIN_SPACING_SECONDS * 1000;
    if (state.lastCheckAt !== null && now.getTime() - state.lastCheckAt < spacingMs) return null;
    if (Math.random() >= deps.config.PRESENCE_CHECK_RATE) return null;
  }
  const version = await checkQuestion(deps, organizationPath, position);
  if (!version) return null;
  const check = await deps.db.presenceCheck.create({
    data: { sessionId: state.id, questionVersionId: version.id, askedAt: now, expiresAt: new Date(now.getTime() + PRESENCE_TIMEOUT_MS) },
  });
  updateSessionState(deps.db, state.id, { pendingCheck: true, retryCheck: false, lastCheckAt: now.getTime() });
  return { id: check.id, type: version.type, stem: version.stem, options: (version.options as Array<{ key: string; text: string }> | null) ?? null, expiresAt: check.expiresAt.toISOString() };
}

/** A judge or single-choice question on the article being read, else on the same statute. */
async function checkQuestion(deps: AppDeps, organizationPath: string, position: Position) {
  const visible = { status: 'active' as const, OR: [{ organizationId: null }, { organizationId: { in: pathIds(organizationPath) } }] };
  const candidates = (articleFilter: object) => deps.db.questionVersion.findMany({
    where: { isCurrent: true, type: { in: ['judge', 'single'] }, question: visible, citations: { some: { statute: { slug: position.statute }, ...articleFilter } } },
    select: { id: true, type: true, stem: true, options: true }, take: 20,
  });
  const onArticle = await candidates({ articleNumber: position.article });
  const pool = onArticle.length ? onArticle : await candidates({ articleNumber: { gte: position.article - 3, lte: position.article + 3 } });
  return pool.length ? pool[Math.floor(Math.random() * pool.length)]! : null;
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
  const version = await deps.db.questionVersion.findUniqueOrThrow({ where: { id: check.questionVersionId }, select: { type: true, answer: true, options: true } });
  const keys = ((version.options as Array<{ key: string }> | null) ?? []).map((o) => o.key);
  const problem = responseProblem(version.type, response, keys, 0);
  if (problem) throw new ValidationError(problem, [{ path: 'body.response', code: 'invalid_response', message: problem }]);
  const { correct } = gradeResponse(version.type, version.answer as AnswerKey, response as Response, 1, 'all-or-nothing');
  await deps.db.presenceCheck.update({ where: { id: check.id }, data: { answeredAt: now, correct } });
  updateSessionState(deps.db, check.session.id, { pendingCheck: false, retryCheck: !correct });
  return { correct };
}
