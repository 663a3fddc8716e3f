// A task's state is derived from the evidence every time it is read — study credit, attendance,
// verified lectures, the 述法 report, exam attempts — so what a cadre, an organiser and a
// circular see always agrees with the archive.
import type { Db } from '../db/client.ts';
import { clipIntervals, type StoredAnalysis } from '../study/analysis.ts';
import { unionSeconds } from '../study/detector/index.ts';
import { groupBy } from '../rollups/group-by.ts';

export type TaskState = 'not_started' | 'in_progress' | 'submitted' | 'returned' | 'done' | 'overdue';
export type TaskForEvaluation = {
  id: number; userId: number; periodKey: string; opensAt: Date; dueAt: Date; examId: number | null;
  requirement: { id: number; kind: 'study' | 'meeting' | 'lecture' | 'report' | 'exam'; params: unknown };
  /** Terms kept by a campaign edit (edit.ts); they replace the requirement's params and the task's dates. */
  heldTo?: unknown;
};
/** Dates are kept only when the edit moved them (an ended period's never move). */
export type HeldTerms = { params: unknown; opensAt?: string; dueAt?: string };
export type Evaluation = { state: TaskState; progress: { done: number; required: number; unit: string }; missing: string | null };

type Evidence = Awaited<ReturnType<typeof loadEvidence>>;
type Interval = [number, number];

async function loadEvidence(db: Db, tasks: TaskForEvaluation[]) {
  const userIds = [...new Set(tasks.map((t) => t.userId))];
  // A reduce, not Math.min(...spread): a county's year is hundreds of thousands of tasks, more arguments than the stack holds.
  const from = new Date(tasks.reduce((min, t) => Math.min(min, t.opensAt.getTime()), Infinity));
  const to = new Date(tasks.reduce((max, t) => Math.max(max, t.dueAt.getTime()), -Infinity));
  const [sessions, attendances, lectures, reports, attempts] = await Promise.all([
    db.studySession.findMany({ where: { userId: { in: userIds }, status: 'closed', startedAt: { lt: to }, endedAt: { gt: from } }, select: { userId: true, statuteSlug: true, analysis: true } }),
    db.attendance.findMany({ where: { userId: { in: userIds }, meeting: { startsAt: { gte: from, lt: to } } }, select: { userId: true, meeting: { select: { startsAt: true, creditMinutes: true, statutes: true } } } }),
    db.lecture.findMany({ where: { userId: { in: userIds }, givenAt: { gte: from, lt: to } }, select: { userId: true, givenAt: true, status: true } }),
    db.lawReport.findMany({ where: { userId: { in: userIds }, requirementId: { in: tasks.map((t) => t.requirement.id) } }, select: { userId: true, requirementId: true, periodKey: true, status: true, totalScore: true } }),
    db.attempt.findMany({ where: { userId: { in: userIds }, examId: { in: tasks.flatMap((t) => t.examId ?? []) } }, select: { userId: true, examId: true, status: true, passed: true } }),
  ]);
  const byUser = <T extends { userId: number }>(rows: T[]) => groupBy(rows, (row) => row.userId);
  return { sessions: byUser(sessions), attendances: byUser(attendances), lectures: byUser(lectures), reports: byUser(reports), attempts: byUser(attempts) };
}

/** One cadre's rows of one kind of evidence. */
const own = <T>(rows: Map<number, T[]>, userId: number): T[] => rows.get(userId) ?? [];

const within = (at: Date, task: TaskForEvaluation) => at >= task.opensAt && at < task.dueAt;

function studyMinutes(task: TaskForEvaluation, evidence: Evidence, statutes?: string[]): number {
  const intervals: Interval[] = own(evidence.sessions, task.userId)
    .filter((s) => !statutes?.length || (s.statuteSlug !== null && statutes.includes(s.statuteSlug)))
    .flatMap((s) => clipIntervals((s.analysis as StoredAnalysis | null)?.effective ?? [], task.opensAt.getTime(), task.dueAt.getTime()));
  const offline = own(evidence.attendances, task.userId)
    .filter((a) => within(a.meeting.startsAt, task) && (!statutes?.length || (a.meeting.statutes as string[]).some((s) => statutes.includes(s))))
    .reduce((sum, a) => sum + a.meeting.creditMinutes, 0);
  return Math.floor(unionSeconds(intervals) / 60) + offline;
}

/** Progress and the state it implies before deadlines and submissions are considered. */
function measure(task: TaskForEvaluation, evidence: Evidence): { progress: Evaluation['progress']; satisfied: boolean; submitted?: 'submitted' | 'returned' } {
  const params = task.requirement.params as Record<string, unknown>;
  switch (task.requirement.kind) {
    case 'study': {
      const done = studyMinutes(task, evidence, params.statutes as string[] | undefined);
      return { progress: { done, required: params.minutes as number, unit: '分钟' }, satisfied: done >= (params.minutes as number) };
    }
    case 'meeting': {
      const done = own(evidence.attendances, task.userId).filter((a) => within(a.meeting.startsAt, task)).length;
      return { progress: { done, required: params.count as number, unit: '次' }, satisfied: done >= (params.count as number) };
    }
    case 'lecture': {
      const lectures = own(evidence.lectures, task.userId).filter((l) => within(l.givenAt, task));
      const done = lectures.filter((l) => l.status === 'verified').length;
      return { progress: { done, required: params.count as number, unit: '次' }, satisfied: done >= (params.count as number), ...(lectures.some((l) => l.status === 'pending') ? { submitted: 'submitted' as const } : {}) };
    }
    case 'report': {
      const report = own(evidence.reports, task.userId).find((r) => r.requirementId === task.requirement.id && r.periodKey === task.periodKey);
      const submitted = report?.status === 'submitted' ? 'submitted' as const : report?.status === 'returned' ? 'returned' as const : undefined;
      return { progress: { done: report?.status === 'scored' ? 1 : 0, required: 1, unit: '份' }, satisfied: report?.status === 'scored', ...(submitted ? { submitted } : {}) };
    }
    case 'exam': {
      const attempts = own(evidence.attempts, task.userId).filter((a) => a.examId === task.examId);
      const passed = attempts.some((a) => a.passed);
      return { progress: { done: passed ? 1 : 0, required: 1, unit: '次及格' }, satisfied: passed, ...(attempts.length && !passed ? { submitted: 'submitted' as const } : {}) };
    }
  }
}

const MISSING: Record<TaskForEvaluation['requirement']['kind'], (p: Evaluation['progress']) => string> = {
  study: (p) => `还需学习 ${p.required - p.done} 分钟`,
  meeting: (p) => `还需参加 ${p.required - p.done} 次线下学法`,
  lecture: (p) => `还需讲法 ${p.required - p.done} 次（经核实）`,
  report: () => '尚未提交述法报告或报告未评分',
  exam: () => '尚未通过本期考试',
};

export function evaluateOne(task: TaskForEvaluation, evidence: Evidence, now: Date): Evaluation {
  const { progress, satisfied, submitted } = measure(task, evidence);
  if (satisfied) return { state: 'done', progress, missing: null };
  const missing = MISSING[task.requirement.kind](progress);
  // A report or lecture awaiting review is not the cadre's fault when the deadline passes.
  if (submitted === 'submitted' && task.requirement.kind !== 'exam') return { state: 'submitted', progress, missing };
  if (now >= task.dueAt) return { state: 'overdue', progress, missing };
  if (submitted) return { state: submitted === 'returned' ? 'returned' : 'in_progress', progress, missing };
  return { state: progress.done > 0 ? 'in_progress' : 'not_started', progress, missing };
}

/** The task as it is judged: under the terms an edit kept for it, if any. */
function underHeldTerms(task: TaskForEvaluation): TaskForEvaluation {
  const held = task.heldTo as HeldTerms | null | undefined;
  if (!held) return task;
  return {
    ...task, opensAt: held.opensAt ? new Date(held.opensAt) : task.opensAt, dueAt: held.dueAt ? new Date(held.dueAt) : task.dueAt,
    requirement: { ...task.requirement, params: held.params },
  };
}

export async function evaluateTasks(db: Db, tasks: TaskForEvaluation[], now: Date): Promise<Map<number, Evaluation>> {
  if (!tasks.length) return new Map();
  const judged = tasks.map(underHeldTerms);
  const evidence = await loadEvidence(db, judged);
  return new Map(judged.map((task) => [task.id, evaluateOne(task, evidence, now)]));
}
