// Sitting an exam: start (or resume) with a per-cadre paper and a server-fixed deadline, save
// answers one at a time (idempotent by the client's sequence number), submit, and the result
// as the exam's review options allow. The statements are raw SQL (attempt-queries.ts): this is
// the path an exam peak takes.
import type { Actor } from '../auth/actor.ts';
import type { AppDeps } from '../deps.ts';
import type { Db } from '../db/client.ts';
import { isUniqueViolation, rawSql, read, readAll } from '../db/raw-sql.ts';
import { pathIds } from '../policy.ts';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { attemptById, attemptsAtRead, insertAttempt, itemsOf, overridesRead, seenQuestionIdsRead, sitterRead, type AttemptRow } from './attempt-queries.ts';
import { isOfferedTo, sitterFrom, termsFrom } from './audience.ts';
import type { PointsByType } from './blueprints.ts';
import { arrangePaper, pickFrom, type Candidate } from './draw.ts';
import { examDefinition } from './exam-definition.ts';
import { finalizeAttempt } from './finalize.ts';
import { responseProblem } from './grading.ts';
import { presentItem, translateKeys } from './paper.ts';
import { paperOf, rememberPaper } from './paper-cache.ts';
import { candidatePool, fixedCandidates } from './pool.ts';
import { answerWriter } from './answer-writer.ts';
import type { BlueprintRule } from './schemas.ts';
import { withVersions } from './version-cache.ts';
import type { z } from 'zod';

type Deps = Pick<AppDeps, 'db' | 'rawMysql'>;

export class ExamStateError extends AppError {}

const NOT_OFFERED = '考试不存在或您不在考试范围内';

export async function startAttempt(deps: Deps, actor: Actor, examId: number, now: Date) {
  const { db } = deps;
  const sql = rawSql(deps);
  const exam = await examDefinition(db, examId);
  if (!exam) throw new NotFoundError(NOT_OFFERED);
  // Everything a start reads about the cadre, in one round trip: the exam itself is cached.
  const wantsSeen = exam.blueprint.kind !== 'fixed' && exam.blueprint.preferUnseen;
  const reads = [sitterRead(actor.userId), overridesRead(examId, actor.userId, pathIds(actor.organizationPath)), attemptsAtRead(examId, actor.userId)] as const;
  const [user, actorOverrides, earlier, seen] = wantsSeen
    ? await readAll(sql, [...reads, seenQuestionIdsRead(actor.userId)])
    : [...(await readAll(sql, [...reads])), null];
  const sitter = await sitterFrom(sql, actor.userId, user, actor);
  if (!isOfferedTo(exam, sitter)) throw new NotFoundError(NOT_OFFERED);
  // The overrides were read for the organisation the sign-in knew; a cadre moved since reads them again.
  const overrides = sitter.organizationPath === actor.organizationPath ? actorOverrides : await read(sql, overridesRead(examId, sitter.id, pathIds(sitter.organizationPath)));
  const terms = termsFrom(exam, overrides);
  if (now < exam.opensAt) throw new ExamStateError('exam_not_open', `考试尚未开始，开始时间为 ${exam.opensAt.toISOString()}`);
  const open = earlier.find((a) => a.status === 'in_progress');
  if (open && open.deadline > now) return attemptView(deps, open.id, now, true);
  if (open) await finalizeAttempt(deps, { id: open.id, examId }, { at: open.deadline, auto: true });
  if (now >= terms.closesAt) throw new ExamStateError('exam_closed', '考试已结束');
  if (earlier.length >= terms.attemptsAllowed) throw new ExamStateError('no_attempts_left', `已用完全部 ${terms.attemptsAllowed} 次考试机会`);

  const blueprint = exam.blueprint;
  const paper = arrangePaper(await drawFor(db, blueprint, exam.organization.path, seen), blueprint);
  const points = blueprint.points as PointsByType;
  const deadline = new Date(Math.min(now.getTime() + (blueprint.timeLimitMinutes + terms.extraMinutes) * 60_000, terms.closesAt.getTime()));
  const items = paper.map((item, i) => ({ ordinal: i + 1, questionVersionId: item.versionId, statuteId: item.statuteId, points: points[item.type], optionMap: item.optionMap ?? null }));
  const attempt = { examId, userId: sitter.id, attemptNo: earlier.length + 1, startedAt: now, deadline, maxScore: items.reduce((sum, item) => sum + item.points, 0) };
  let written: Awaited<ReturnType<typeof insertAttempt>>;
  try {
    written = await insertAttempt(sql, attempt, items);
  } catch (error) {
    // Two starts at once: the unique (exam, user, attempt number) lets exactly one through.
    if (isUniqueViolation(error)) throw new ConflictError('考试已在另一处开始，请刷新后继续作答');
    throw error;
  }
  // The paper just written is shown from memory rather than read back.
  const shown = await withVersions(db, items.map((item) => ({ ...item, id: written.itemIds.get(item.ordinal)!, response: null, responseSeq: 0 })));
  rememberPaper(db, written.id, sitter.id, shown);
  return presentAttempt({ ...attempt, id: written.id, status: 'in_progress' }, exam.title, shown, now, false);
}

/** `seen`: questions to avoid where the pool allows (the blueprint prefers unseen ones), else null. */
async function drawFor(db: Db, blueprint: { kind: string; rules: unknown; fixedQuestionIds: unknown }, organizationPath: string, seen: Set<number> | null): Promise<Candidate[]> {
  if (blueprint.kind === 'fixed') {
    const { candidates, missing } = await fixedCandidates(db, organizationPath, blueprint.fixedQuestionIds as number[]);
    if (missing.length) throw new ExamStateError('paper_unavailable', '试卷中有题目已停用，请联系组织者');
    return candidates;
  }
  const taken = new Set<number>();
  const drawn: Candidate[] = [];
  for (const rule of blueprint.rules as Array<z.output<typeof BlueprintRule>>) {
    const picked = pickFrom(await candidatePool(db, organizationPath, rule), rule.count, taken, seen);
    if (!picked) throw new ExamStateError('paper_unavailable', '题库中符合条件的题目不足，无法组卷，请联系组织者');
    drawn.push(...picked);
  }
  return drawn;
}

async function ownAttemptOrThrow(deps: Deps, actor: Actor, attemptId: number) {
  const attempt = await attemptById(rawSql(deps), attemptId, actor.userId);
  const exam = attempt && await examDefinition(deps.db, attempt.examId);
  if (!attempt || !exam) throw new NotFoundError('考试记录不存在');
  return { ...attempt, graceSeconds: exam.graceSeconds };
}

function presentAttempt(
  attempt: Pick<AttemptRow, 'id' | 'examId' | 'attemptNo' | 'status' | 'startedAt' | 'deadline'>,
  title: string, items: Parameters<typeof presentItem>[0][], now: Date, resumed: boolean,
) {
  return {
    id: attempt.id, examId: attempt.examId, title, attemptNo: attempt.attemptNo, status: attempt.status,
    startedAt: attempt.startedAt.toISOString(), deadline: attempt.deadline.toISOString(), serverNow: now.toISOString(),
    remainingSeconds: attempt.status === 'submitted' ? 0 : Math.max(0, Math.floor((attempt.deadline.getTime() - now.getTime()) / 1000)),
    resumed, items: items.map(presentItem),
  };
}

async function attemptView(deps: Deps, attemptId: number, now: Date, resumed: boolean) {
  const sql = rawSql(deps);
  const attempt = (await attemptById(sql, attemptId))!;
  const exam = await examDefinition(deps.db, attempt.examId);
  return presentAttempt(attempt, exam!.title, await withVersions(deps.db, await itemsOf(sql, attemptId)), now, resumed);
}

export async function resumeAttempt(deps: Deps, actor: Actor, attemptId: number, now: Date) {
  const attempt = await ownAttemptOrThrow(deps, actor, attemptId);
  if (attempt.status === 'in_progress' && attempt.deadline.getTime() + attempt.graceSeconds * 1000 <= now.getTime()) {
    await finalizeAttempt(deps, attempt, { at: attempt.deadline, auto: true });
  }
  return attemptView(deps, attempt.id, now, true);
}

export async function saveAnswer(deps: Pick<AppDeps, 'db' | 'rawMysql'>, actor: Actor, input: { attemptId: number; ordinal: number; response: unknown; seq: number }, now: Date) {
  // The hot path of an exam peak: the paper is cached (it never changes), the response is
  // checked against it, and one conditional write (shared with concurrent saves) enforces the
  // attempt's status, deadline and the sequence number.
  const paper = await paperOf(deps, input.attemptId);
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

/** Submits and returns the attempt as graded, or null when it had been closed already. */
export async function submitAttempt(deps: Deps, actor: Actor, attemptId: number, now: Date) {
  const attempt = await ownAttemptOrThrow(deps, actor, attemptId);
  if (attempt.status !== 'in_progress') return null;
  const withinGrace = now.getTime() < attempt.deadline.getTime() + attempt.graceSeconds * 1000;
  const finished = withinGrace ? { at: now, auto: false } : { at: attempt.deadline, auto: true };
  const graded = await finalizeAttempt(deps, attempt, finished);
  if (!graded) return null;
  const { graceSeconds: _grace, ...row } = attempt;
  const { items, ...scores } = graded;
  return { attempt: { ...row, ...scores, status: 'submitted' as const, submittedAt: finished.at, autoSubmitted: finished.auto }, items };
}
