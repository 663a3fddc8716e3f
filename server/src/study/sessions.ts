// Study sessions: opened by a cadre on a statute or a course, fed by heartbeats stamped with
// server time, closed by the cadre or by silence, then judged by the detector.
import type { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import type { AppDeps } from '../deps.ts';
import type { Db } from '../db/client.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { hasPermission, inScope, pathIds, scopeFor } from '../policy.ts';
import { changeStudyDays } from '../rollups/study-days.ts';
import { isSerious, type FlagKind } from './detector/index.ts';
import { analyseClosedSession, type StoredAnalysis } from './analysis.ts';
import { heartbeatWriter } from './heartbeat-writer.ts';
import { currentArticles } from './material.ts';
import { maybeAskPresence, PRESENCE_TIMEOUT_MS, StudyStateError } from './presence.ts';
import type { HeartbeatBody, OpenSessionBody } from './schemas.ts';
import { forgetSession, sessionState } from './session-cache.ts';

export const HEARTBEAT_SECONDS = 30;

export async function openSession(deps: AppDeps, actor: Actor, body: z.output<typeof OpenSessionBody>) {
  const now = deps.clock.now();
  if ('statute' in body) {
    if (!(await currentArticles(deps.db, now.getTime())).has(body.statute)) throw new NotFoundError('未找到该法规');
  } else {
    const course = await deps.db.course.findFirst({ where: { id: body.courseId, organizationId: { in: pathIds(actor.organizationPath) } }, select: { id: true } });
    if (!course) throw new NotFoundError('课程不存在或不面向本单位');
  }
  const session = await deps.db.studySession.create({
    data: { userId: actor.userId, statuteSlug: 'statute' in body ? body.statute : null, courseId: 'courseId' in body ? body.courseId : null, startedAt: now },
  });
  return { id: session.id, startedAt: now.toISOString(), heartbeatIntervalSeconds: HEARTBEAT_SECONDS, presenceTimeoutSeconds: PRESENCE_TIMEOUT_MS / 1000 };
}

export async function acceptHeartbeat(deps: AppDeps, actor: Actor, sessionId: number, body: z.output<typeof HeartbeatBody>) {
  const now = deps.clock.now();
  const state = await sessionState(deps, sessionId, now.getTime());
  if (!state || state.userId !== actor.userId) throw new NotFoundError('学习记录不存在');
  if (!state.open) throw new StudyStateError('session_closed', '本次学习已结束，请重新开始学习');
  const articles = (await currentArticles(deps.db, now.getTime())).get(body.position.statute);
  if (!articles?.has(body.position.article)) {
    throw new ValidationError('阅读位置不存在', [{ path: 'body.position', code: 'invalid_position', message: `法规 ${body.position.statute} 没有第 ${body.position.article} 条` }]);
  }
  await heartbeatWriter(deps).submit({
    sessionId, seq: body.seq, serverAt: now, clientAt: new Date(body.clientAt), foreground: body.visibility === 'foreground',
    taps: body.taps, scrolls: body.scrolls, keys: body.keys, gaps: body.gapsMs,
    statute: body.position.statute, article: body.position.article, scroll: body.position.scroll,
  });
  const presenceCheck = body.visibility === 'foreground' ? await maybeAskPresence(deps, state, body.position, now) : null;
  return { accepted: true as const, serverAt: now.toISOString(), presenceCheck };
}

/**
 * Closes an open session (compare-and-set, so the cadre and the silence sweep cannot both close it)
 * and judges it. Closing moves it into the study roll-up, before and apart from the judgement, so
 * a session whose analysis fails is still counted as it is in study_sessions.
 */
async function closeSession(deps: AppDeps, sessionId: number, endedAt: Date, reason: 'ended' | 'silence'): Promise<boolean> {
  const { db } = deps;
  await heartbeatWriter(deps).drain();
  const { userId, startedAt } = await db.studySession.findUniqueOrThrow({ where: { id: sessionId }, select: { userId: true, startedAt: true } });
  const closed = await changeStudyDays(db, [userId], async (tx, touch) => {
    const { count } = await tx.studySession.updateMany({ where: { id: sessionId, status: 'open' }, data: { status: 'closed', endedAt, closedReason: reason } });
    if (count) touch(userId, startedAt, endedAt);
    return count > 0;
  });
  forgetSession(db, sessionId);
  if (!closed) return false;
  await analyseClosedSession(db, sessionId);
  return true;
}

export async function endSession(deps: AppDeps, actor: Actor, sessionId: number) {
  const session = await deps.db.studySession.findFirst({ where: { id: sessionId, userId: actor.userId }, select: { id: true, status: true } });
  if (!session) throw new NotFoundError('学习记录不存在');
  if (session.status !== 'open') throw new StudyStateError('session_closed', '本次学习已结束');
  await closeSession(deps, sessionId, deps.clock.now(), 'ended');
  return sessionView(deps.db, actor, sessionId);
}

/** Closes sessions the server has not heard from for SESSION_SILENCE_MINUTES, at their last heartbeat. */
export async function closeSilentSessions(deps: AppDeps): Promise<number> {
  const now = deps.clock.now().getTime();
  const silentBefore = now - deps.config.SESSION_SILENCE_MINUTES * 60_000;
  const open = await deps.db.studySession.findMany({ where: { status: 'open', startedAt: { lt: new Date(silentBefore) } }, select: { id: true, startedAt: true }, take: 1000 });
  if (!open.length) return 0;
  const last = await deps.db.heartbeat.groupBy({ by: ['sessionId'], where: { sessionId: { in: open.map((s) => s.id) } }, _max: { serverAt: true } });
  const lastAt = new Map(last.map((row) => [row.sessionId, row._max.serverAt!]));
  let closed = 0;
  for (const session of open) {
    const heardAt = lastAt.get(session.id) ?? session.startedAt;
    if (heardAt.getTime() >= silentBefore) continue;
    if (await closeSession(deps, session.id, heardAt, 'silence')) closed++;
  }
  return closed;
}

/** The session with its timeline and flags: for its cadre, or for a reviewer whose scope covers the cadre. */
export async function sessionView(db: Db, actor: Actor, sessionId: number) {
  const session = await db.studySession.findUnique({
    where: { id: sessionId },
    include: {
      user: { select: { id: true, name: true, organization: { select: { path: true, name: true } } } },
      flags: { orderBy: { fromAt: 'asc' } },
      _count: { select: { heartbeats: true } },
    },
  });
  const reviewer = session && hasPermission(actor, 'study.review') && inScope(scopeFor(actor, 'study.review'), session.user.organization.path);
  if (!session || (session.userId !== actor.userId && !reviewer)) throw new NotFoundError('学习记录不存在');
  const analysis = session.analysis as StoredAnalysis | null;
  return {
    id: session.id, userId: session.userId, material: { statute: session.statuteSlug, courseId: session.courseId }, status: session.status,
    startedAt: session.startedAt.toISOString(), endedAt: session.endedAt?.toISOString() ?? null, closedReason: session.closedReason,
    creditedSeconds: session.creditedSeconds, heartbeats: session._count.heartbeats,
    segments: (analysis?.segments ?? []).map((s) => ({ kind: s.kind, from: new Date(s.from).toISOString(), to: new Date(s.to).toISOString() })),
    flags: session.flags.map((flag) => presentFlag({ ...flag, user: { id: session.user.id, name: session.user.name, organization: session.user.organization } })),
  };
}

export function presentFlag(flag: { id: number; sessionId: number; kind: string; fromAt: Date; toAt: Date; evidence: unknown; explanation: string; status: 'open' | 'confirmed' | 'dismissed'; appealNote: string | null; reviewNote: string | null; user: { id: number; name: string; organization: { name: string } } }) {
  return {
    id: flag.id, sessionId: flag.sessionId, user: { id: flag.user.id, name: flag.user.name, organizationName: flag.user.organization.name },
    kind: flag.kind, from: flag.fromAt.toISOString(), to: flag.toAt.toISOString(), evidence: flag.evidence as Record<string, number>,
    explanation: flag.explanation, serious: isSerious({ kind: flag.kind as FlagKind, evidence: flag.evidence as Record<string, number> }), status: flag.status, appealNote: flag.appealNote, reviewNote: flag.reviewNote,
  };
}
