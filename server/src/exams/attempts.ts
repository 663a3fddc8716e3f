// Sitting an exam: start (or resume) with a per-cadre paper and a server-fixed deadline, save
// answers one at a time (idempotent by the client's sequence number), submit, and the result
// as the exam's review options allow.
import type { Actor } from '../auth/actor.ts';
import type { AppDeps } from '../deps.ts';
import { Prisma, type Db } from '../db/client.ts';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { sitterOf, termsFor, type Sitter } from './audience.ts';
import type { PointsByType } from './blueprints.ts';
import { arrangePaper, pickFrom, type Candidate } from './draw.ts';
import { finalizeAttempt } from './finalize.ts';
import { responseProblem } from './grading.ts';
import { presentItem, translateKeys } from './paper.ts';
import { candidatePool, fixedCandidates, seenQuestionIds } from './pool.ts';
import { paperOf } from './paper-cache.ts';
import { answerWriter } from './answer-writer.ts';
import type { BlueprintRule } from './schemas.ts';
import { examForSitterOrThrow } from './exams.ts';
import type { z } from 'zod';

export class ExamStateError extends AppError {}

const itemSelect = {
  id: true, ordinal: true, points: true, optionMap: true, response: true, responseSeq: true,
  questionVersion: { select: { type: true, stem: true, options: true } },
} as const;

export async function startAttempt(db: Db, actor: Actor, examId: number, now: Date) {
  const sitter = await sitterOf(db, actor.userId);
  const exam = await examForSitterOrThrow(db, sitter, examId);
  const terms = await termsFor(db, exam, sitter);
  if (now < exam.opensAt) throw new ExamStateError('exam_not_open', `考试尚未开始，开始时间为 ${exam.opensAt.toISOString()}`);
  const open = await db.attempt.findFirst({ where: { examId, userId: sitter.id, status: 'in_progress' }, select: { id: true, deadline: true } });
  if (open && open.deadline > now) return attemptView(db, open.id, now, true);
  if (open) await finalizeAttempt(db, open.id, { at: open.deadline, auto: true });
  if (now >= terms.closesAt) throw new ExamStateError('exam_closed', '考试已结束');
  const used = await db.attempt.count({ where: { examId, userId: sitter.id } });
  if (used >= terms.attemptsAllowed) throw new ExamStateError('no_attempts_left', `已用完全部 ${terms.attemptsAllowed} 次考试机会`);

  const blueprint = exam.blueprint;
  const paper = arrangePaper(await drawFor(db, blueprint, exam.organization.path, sitter), blueprint);
  const points = blueprint.points as PointsByType;
  const deadline = new Date(Math.min(now.getTime() + (blueprint.timeLimitMinutes + terms.extraMinutes) * 60_000, terms.closesAt.getTime()));
  try {
    const attempt = await db.attempt.create({
      data: {
        examId, userId: sitter.id, attemptNo: used + 1, startedAt: now, deadline,
        maxScore: paper.reduce((sum, item) => sum + points[item.type], 0),
        // Every row names every column (a null map as JSON null), so all papers share one query
        // shape and Prisma compiles the insert once instead of once per shuffle pattern.
        items: { createMany: { data: paper.map((item, i) => ({ ordinal: i + 1, questionVersionId: item.versionId, statuteId: item.statuteId, points: points[item.type], optionMap: item.optionMap ?? Prisma.DbNull })) } },
      },
      select: { id: true },
    });
    return attemptView(db, attempt.id, now, false);
  } catch (error) {
    // Two starts at once: the unique (exam, user, attempt number) lets exactly one through.
    if ((error as { code?: string }).code === 'P2002') throw new ConflictError('考试已在另一处开始，请刷新后继续作答');
    throw error;
  }
}

async function drawFor(db: Db, blueprint: { kind: string; rules: unknown; fixedQuestionIds: unknown; preferUnseen: boolean }, organizationPath: string, sitter: Sitter): Promise<Candidate[]> {
  if (blueprint.kind === 'fixed') {
    const { candidates, missing } = await fixedCandidates(db, organizationPath, blueprint.fixedQuestionIds as number[]);
    if (missing.length) throw new ExamStateError('paper_unavailable', '试卷中有题目已停用，请联系组织者');
    return candidates;
  }
  const seen = blueprint.preferUnseen ? await seenQuestionIds(db, sitter.id) : null;
  const taken = new Set<number>();
  const drawn: Candidate[] = [];
  for (const rule of blueprint.rules as Array<z.output<typeof BlueprintRule>>) {
    const picked = pickFrom(await candidatePool(db, organizationPath, rule), rule.count, taken, seen);
    if (!picked) throw new ExamStateError('paper_unavailable', '题库中符合条件的题目不足，无法组卷，请联系组织者');
    drawn.push(...picked);
  }
  return drawn;
}

async function ownAttemptOrThrow(db: Db, actor: Actor, attemptId: number) {
  const attempt = await db.attempt.findFirst({ where: { id: attemptId, userId: actor.userId }, include: { exam: { select: { id: true, title: true, graceSeconds: true } } } });
  if (!attempt) throw new NotFoundError('考试记录不存在');
  return attempt;
}

export async function attemptView(db: Db, attemptId: number, now: Date, resumed: boolean) {
  const attempt = await db.attempt.findUniqueOrThrow({
    where: { id: attemptId },
    include: { exam: { select: { title: true } }, items: { select: itemSelect, orderBy: { ordinal: 'asc' } } },
  });
  return {
    id: attempt.id, examId: attempt.examId, title: attempt.exam.title, attemptNo: attempt.attemptNo, status: attempt.status,
    startedAt: attempt.startedAt.toISOString(), deadline: attempt.deadline.toISOString(), serverNow: now.toISOString(),
    remainingSeconds: attempt.status === 'submitted' ? 0 : Math.max(0, Math.floor((attempt.deadline.getTime() - now.getTime()) / 1000)),
    resumed, items: attempt.items.map(presentItem),
  };
}

export async function resumeAttempt(db: Db, actor: Actor, attemptId: number, now: Date) {
  const attempt = await ownAttemptOrThrow(db, actor, attemptId);
  if (attempt.status === 'in_progress' && attempt.deadline.getTime() + attempt.exam.graceSeconds * 1000 <= now.getTime()) {
    await finalizeAttempt(db, attempt.id, { at: attempt.deadline, auto: true });
  }
  return attemptView(db, attempt.id, now, true);
}

export async function saveAnswer(deps: Pick<AppDeps, 'db' | 'rawMysql'>, actor: Actor, input: { attemptId: number; ordinal: number; response: unknown; seq: number }, now: Date) {
  // The hot path of an exam peak: the paper is cached (it never changes), the response is
  // checked against it, and one conditional write (shared with concurrent saves) enforces the
  // attempt's status, deadline and the sequence number.
  const paper = await paperOf(deps.db, input.attemptId);
  if (!paper || paper.userId !== actor.userId) throw new NotFoundError('考试记录不存在');
  const item = paper.items.get(input.ordinal);
  if (!item) throw new NotFoundError(`试卷中没有第 ${input.ordinal} 题`);
  const problem = responseProblem(item.type, input.response, item.optionKeys, item.blanks);
  if (problem) throw new ValidationError(problem, [{ path: 'body.response', code: 'invalid_response', message: problem }]);
  const response = translateKeys(input.response, item);
  const outcome = await answerWriter(deps).submit({ itemId: item.id, seq: input.seq, response: response === null ? null : JSON.stringify(response), at: now });
  switch (outcome.kind) {
    case 'applied': return savedView(input.ordinal, input.seq, now, true);
    case 'stale': return savedView(input.ordinal, outcome.seq, outcome.savedAt, false);
    case 'finished': throw new ExamStateError('attempt_finished', '本次考试已交卷，答案不能再修改');
    case 'deadline': throw new ExamStateError('deadline_passed', '已超过作答时间，本次答案未保存');
  }
}

function savedView(ordinal: number, seq: number, savedAt: Date | null, applied: boolean) {
  return { ordinal, seq, savedAt: savedAt?.toISOString() ?? null, applied };
}

export async function submitAttempt(db: Db, actor: Actor, attemptId: number, now: Date) {
  const attempt = await ownAttemptOrThrow(db, actor, attemptId);
  if (attempt.status === 'in_progress') {
    const withinGrace = now.getTime() < attempt.deadline.getTime() + attempt.exam.graceSeconds * 1000;
    await finalizeAttempt(db, attempt.id, withinGrace ? { at: now, auto: false } : { at: attempt.deadline, auto: true });
  }
  return attempt.id;
}
