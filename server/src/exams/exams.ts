// Exams: a blueprint offered in a window to an audience. Organisers create them for their
// subtree, add overrides and make-ups; cadres see the exams offered to them.
import type { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/service.ts';
import type { Db } from '../db/client.ts';
import { rawSql } from '../db/raw-sql.ts';
import type { AppDeps } from '../deps.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { RequestMeta } from '../http/route.ts';
import { pageWindow, type PageInput } from '../http/schemas.ts';
import { authorize, organizationScopeWhere, type Permission } from '../policy.ts';
import { checkAudienceScope } from './audience-scope.ts';
import { examsForSitterWhere, isOfferedTo, sitterOf, termsFor } from './audience.ts';
import { examDefinition, examInclude, type ExamDefinition } from './exam-definition.ts';
import { audienceMembers } from '../organizations/audience.ts';
import { blueprintOrThrow, paperShape } from './blueprints.ts';
import type { CreateExamBody, MakeUpBody, OverrideBody, ReviewOptions } from './schemas.ts';

type ExamRow = ExamDefinition;

export async function presentExam(db: Db, exam: ExamRow) {
  const shape = await paperShape(db, exam.blueprint);
  return {
    id: exam.id, title: exam.title, organizationId: exam.organizationId, blueprintId: exam.blueprintId,
    opensAt: exam.opensAt.toISOString(), closesAt: exam.closesAt.toISOString(), keyMinorityOnly: exam.keyMinorityOnly,
    attemptsAllowed: exam.attemptsAllowed, scoring: exam.scoring, graceSeconds: exam.graceSeconds,
    timeLimitMinutes: exam.blueprint.timeLimitMinutes, maxScore: shape.maxScore, passMark: exam.blueprint.passMark,
    reviewAfterSubmit: exam.reviewAfterSubmit as z.output<typeof ReviewOptions>, reviewAfterClose: exam.reviewAfterClose as z.output<typeof ReviewOptions>,
    makeUpOfId: exam.makeUpOfId,
    audience: { organizationIds: exam.audience.flatMap((a) => a.organizationId ?? []), userIds: exam.audience.flatMap((a) => a.userId ?? []) },
  };
}

/** Every organisation and person in the audience must be inside the organiser's scope, and there must be someone. */
async function checkAudience(db: Db, actor: Actor, audience: { organizationIds: number[]; userIds: number[] }) {
  await checkAudienceScope(db, actor, audience);
  if (!audience.organizationIds.length && !audience.userIds.length) throw new ValidationError('请指定考试对象', [{ path: 'body.audience', code: 'too_small', message: '至少一个单位或人员' }]);
}

export async function createExam(input: { db: Db; actor: Actor; meta: RequestMeta; body: z.output<typeof CreateExamBody>; makeUpOfId?: number }) {
  const { db, actor, body } = input;
  const blueprint = await blueprintOrThrow(db, actor, body.blueprintId);
  const opensAt = new Date(body.opensAt), closesAt = new Date(body.closesAt);
  if (closesAt <= opensAt) throw new ValidationError('结束时间应晚于开始时间', [{ path: 'body.closesAt', code: 'too_small', message: '结束时间应晚于开始时间' }]);
  await checkAudience(db, actor, body.audience);
  // A unit or person listed twice is one audience row.
  const organizationIds = [...new Set(body.audience.organizationIds)], userIds = [...new Set(body.audience.userIds)];
  const exam = await db.exam.create({
    data: {
      organizationId: blueprint.organizationId, blueprintId: blueprint.id, title: body.title, opensAt, closesAt,
      keyMinorityOnly: body.audience.keyMinorityOnly, attemptsAllowed: body.attemptsAllowed, scoring: body.scoring,
      graceSeconds: body.graceSeconds, reviewAfterSubmit: body.reviewAfterSubmit, reviewAfterClose: body.reviewAfterClose,
      makeUpOfId: input.makeUpOfId ?? null, createdById: actor.userId,
      audience: { createMany: { data: [...organizationIds.map((organizationId) => ({ organizationId })), ...userIds.map((userId) => ({ userId }))] } },
    },
    include: examInclude,
  });
  await recordAudit(db, { actorId: actor.userId, action: input.makeUpOfId ? 'exam.makeUp' : 'exam.create', subjectType: 'exam', subjectId: exam.id, organizationId: exam.organizationId, meta: input.meta, details: { makeUpOf: input.makeUpOfId ?? null } });
  return presentExam(db, exam);
}

/** An exam the actor may see with this permission (its owning organisation in scope), else 404. */
export async function examInScopeOrThrow(db: Db, actor: Actor, id: number, permission: Permission) {
  const exam = await examDefinition(db, id);
  if (!exam) throw new NotFoundError('考试不存在或无权访问');
  authorize(actor, permission, { organizationPath: exam.organization.path });
  return exam;
}

export async function listExams(db: Db, actor: Actor, page: PageInput) {
  const organizations = await db.organization.findMany({ where: organizationScopeWhere(actor, 'exam.results'), select: { id: true } });
  const where = { organizationId: { in: organizations.map((o) => o.id) } };
  const [rows, total] = await Promise.all([
    db.exam.findMany({ where, include: examInclude, orderBy: { opensAt: 'desc' }, ...pageWindow(page) }),
    db.exam.count({ where }),
  ]);
  return { items: await Promise.all(rows.map((row) => presentExam(db, row))), total, ...page };
}

export async function myExams(deps: Pick<AppDeps, 'db' | 'rawMysql'>, actor: Actor, now: Date, page: PageInput) {
  const { db } = deps;
  const sql = rawSql(deps);
  const sitter = await sitterOf(sql, actor.userId, actor);
  const where = examsForSitterWhere(sitter);
  const [rows, total] = await Promise.all([
    db.exam.findMany({ where, include: { ...examInclude, attempts: { where: { userId: sitter.id }, orderBy: { attemptNo: 'asc' } } }, orderBy: { closesAt: 'desc' }, ...pageWindow(page) }),
    db.exam.count({ where }),
  ]);
  const items = await Promise.all(rows.map(async (exam) => {
    const terms = await termsFor(sql, exam, sitter);
    const open = exam.attempts.find((a) => a.status === 'in_progress' && a.deadline > now);
    const submitted = exam.attempts.filter((a) => a.status === 'submitted');
    const counted = exam.scoring === 'last' ? submitted.at(-1) : [...submitted].sort((a, b) => (b.score ?? 0) - (a.score ?? 0))[0];
    const scoreVisible = (now >= terms.closesAt ? exam.reviewAfterClose : exam.reviewAfterSubmit) as { score: boolean };
    const state = open ? 'in_progress' : now < exam.opensAt ? 'upcoming' : now < terms.closesAt ? 'open' : 'closed';
    return {
      id: exam.id, title: exam.title, opensAt: exam.opensAt.toISOString(), closesAt: terms.closesAt.toISOString(),
      timeLimitMinutes: exam.blueprint.timeLimitMinutes + terms.extraMinutes, ...(await paperShape(db, exam.blueprint)), passMark: exam.blueprint.passMark,
      state: state as 'upcoming' | 'open' | 'in_progress' | 'closed', attemptsUsed: exam.attempts.length, attemptsAllowed: terms.attemptsAllowed,
      inProgressAttemptId: open?.id ?? null,
      lastSubmittedAttemptId: submitted.at(-1)?.id ?? null,
      countedScore: counted && scoreVisible.score ? counted.score : null, passed: counted && scoreVisible.score ? counted.passed : null,
    };
  }));
  return { items, total, ...page };
}

export async function addOverride(input: { db: Db; actor: Actor; meta: RequestMeta; examId: number; body: z.output<typeof OverrideBody> }) {
  const { db, actor, body } = input;
  const exam = await examInScopeOrThrow(db, actor, input.examId, 'exam.manage');
  await checkAudienceScope(db, actor, { organizationIds: body.organizationId ? [body.organizationId] : [], userIds: body.userId ? [body.userId] : [] }, 'body');
  if (body.userId) await checkInAudience(db, exam, body.userId);
  const override = await db.examOverride.create({
    data: {
      examId: exam.id, userId: body.userId ?? null, organizationId: body.organizationId ?? null, extraMinutes: body.extraMinutes,
      closesAt: body.closesAt ? new Date(body.closesAt) : null, extraAttempts: body.extraAttempts, reason: body.reason, createdById: actor.userId,
    },
  });
  await recordAudit(db, {
    actorId: actor.userId, action: 'exam.override', subjectType: 'exam', subjectId: exam.id, organizationId: exam.organizationId, meta: input.meta,
    details: { overrideId: override.id, userId: override.userId, organizationId: override.organizationId, extraMinutes: override.extraMinutes, closesAt: body.closesAt ?? null, extraAttempts: override.extraAttempts, reason: override.reason },
  });
  return { ...override, closesAt: override.closesAt?.toISOString() ?? null, createdAt: override.createdAt.toISOString() };
}

/** More time or attempts only mean something to a person the exam is offered to. */
async function checkInAudience(db: Db, exam: ExamRow, userId: number): Promise<void> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, organizationId: true, isKeyMinority: true, organization: { select: { path: true } } } });
  if (isOfferedTo(exam, { id: userId, organizationId: user.organizationId, organizationPath: user.organization.path, isKeyMinority: user.isKeyMinority })) return;
  throw new ValidationError('只能为本场考试的考试对象延长时间或增加次数', [{ path: 'body.userId', code: 'not_in_audience', message: `${user.name}不是本场考试的考试对象` }]);
}

/**
 * Everyone in the original's audience who has no passing counted attempt: failed or absent. The
 * exam's attempts are read on their own, not per person: a nested read binds one id per person
 * and a make-up of a thousand absentees went past SQLite's parameter limit.
 */
async function failedOrAbsent(db: Db, exam: ExamRow): Promise<number[]> {
  const [members, attempts] = await Promise.all([
    audienceMembers(db, exam),
    db.attempt.findMany({ where: { examId: exam.id, status: 'submitted' }, select: { userId: true, passed: true }, orderBy: { attemptNo: 'asc' } }),
  ]);
  const passedByUser = new Map<number, boolean[]>();
  for (const attempt of attempts) passedByUser.set(attempt.userId, [...passedByUser.get(attempt.userId) ?? [], attempt.passed === true]);
  return members.filter((id) => {
    const passed = passedByUser.get(id) ?? [];
    const counted = exam.scoring === 'last' ? passed.slice(-1) : passed;
    return !counted.includes(true);
  });
}

export async function createMakeUp(input: { db: Db; actor: Actor; meta: RequestMeta; examId: number; body: z.output<typeof MakeUpBody> }) {
  const { db, actor } = input;
  const original = await examInScopeOrThrow(db, actor, input.examId, 'exam.manage');
  const userIds = await failedOrAbsent(db, original);
  if (!userIds.length) throw new ValidationError('原考试没有不及格或缺考的人员，无需补考');
  return createExam({
    db, actor, meta: input.meta, makeUpOfId: original.id,
    body: {
      title: input.body.title ?? `${original.title}（补考）`, blueprintId: original.blueprintId, opensAt: input.body.opensAt, closesAt: input.body.closesAt,
      audience: { organizationIds: [], userIds, keyMinorityOnly: false }, attemptsAllowed: 1, scoring: original.scoring, graceSeconds: original.graceSeconds,
      reviewAfterSubmit: original.reviewAfterSubmit as z.output<typeof ReviewOptions>, reviewAfterClose: original.reviewAfterClose as z.output<typeof ReviewOptions>,
    },
  });
}

export async function listExamAttempts(input: { db: Db; actor: Actor; examId: number; page: PageInput; organizationId?: number }) {
  const { db, actor } = input;
  const exam = await examInScopeOrThrow(db, actor, input.examId, 'exam.results');
  const scope = organizationScopeWhere(actor, 'exam.results');
  const where = {
    examId: exam.id,
    user: { organization: { AND: [scope, input.organizationId ? { path: { contains: `/${input.organizationId}/` } } : {}] } },
  };
  const [rows, total] = await Promise.all([
    db.attempt.findMany({ where, include: { user: { select: { id: true, name: true, organizationId: true, organization: { select: { name: true } } } } }, orderBy: [{ userId: 'asc' }, { attemptNo: 'asc' }], ...pageWindow(input.page) }),
    db.attempt.count({ where }),
  ]);
  return {
    items: rows.map((a) => ({
      attemptId: a.id, attemptNo: a.attemptNo, status: a.status, startedAt: a.startedAt.toISOString(), submittedAt: a.submittedAt?.toISOString() ?? null,
      autoSubmitted: a.autoSubmitted, score: a.score, passed: a.passed,
      user: { id: a.user.id, name: a.user.name, organizationId: a.user.organizationId, organizationName: a.user.organization.name },
    })),
    total, ...input.page,
  };
}
