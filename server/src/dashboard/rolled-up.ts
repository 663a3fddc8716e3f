// The dashboard's task and exam figures from the roll-ups per unit instead of every task and
// attempt: tasks due in the period by requirement group and how many are done (task_rollups,
// campaigns/task-rollup.ts), and attempts submitted in the period with passes and scores
// (exam_day_rollups, rollups/exam-days.ts; for a period of whole Beijing days, else the attempts
// themselves, summed per person by the database). The roll-ups count everyone and the dashboard only
// its active cadres, so the figures of the others in the subtree (staff, disabled accounts: few)
// are read one by one and taken off. A person's own figures come from their rows.
import type { Db } from '../db/client.ts';
import { beijingDay, isWholeBeijingDays } from '../rollups/beijing-day.ts';
import { applyQueuedAttempts } from '../rollups/attempt-queue.ts';

export type TaskGroup = 'study' | 'lecture' | 'report' | 'exam';
export type TaskNumbers = Record<TaskGroup, { total: number; done: number }>;
export type ExamNumbers = { attempts: number; passed: number; score: number; maxScore: number };
export type Figures = { tasks: TaskNumbers; exams: ExamNumbers };
type Kind = 'study' | 'meeting' | 'lecture' | 'report' | 'exam';
type Period = { from: Date; to: Date };

/** 会前学法 (meeting) requirements count under 学 with study time. */
const TASK_GROUP: Record<Kind, TaskGroup> = { study: 'study', meeting: 'study', lecture: 'lecture', report: 'report', exam: 'exam' };

const noFigures = (): Figures => ({
  tasks: { study: { total: 0, done: 0 }, lecture: { total: 0, done: 0 }, report: { total: 0, done: 0 }, exam: { total: 0, done: 0 } },
  exams: { attempts: 0, passed: 0, score: 0, maxScore: 0 },
});

function addTasks(figures: Figures, kind: Kind, total: number, done: number): void {
  figures.tasks[TASK_GROUP[kind]].total += total;
  figures.tasks[TASK_GROUP[kind]].done += done;
}

function addExams(figures: Figures, exams: ExamNumbers, sign: 1 | -1 = 1): void {
  figures.exams.attempts += sign * exams.attempts; figures.exams.passed += sign * exams.passed;
  figures.exams.score += sign * exams.score; figures.exams.maxScore += sign * exams.maxScore;
}

export type RolledUp = { ofSubtree(path: string): Figures; ofPerson(userId: number): Figures };

/**
 * Figures for the subtree at `path`, whose units are `units` (the dashboard's cadres: its active
 * people with the cadre role); `people` get their own.
 */
export async function rolledUpFigures(db: Db, path: string, units: Array<{ id: number; path: string }>, people: number[], period: Period): Promise<RolledUp> {
  const inSubtree = { organization: { path: { startsWith: path } } };
  const [notCounted] = await Promise.all([
    db.user.findMany({ where: { ...inSubtree, OR: [{ status: { not: 'active' } }, { roles: { none: { role: 'cadre' } } }] }, select: { id: true } }),
    // Attempts graded but not yet added to the exam and task roll-ups are added first.
    applyQueuedAttempts(db),
  ]);
  const unitIds = units.map((u) => u.id);
  const others = notCounted.map((u) => u.id);
  const [taskSums, unitExams, othersTasks, ownTasks, othersExams, ownExams] = await Promise.all([
    db.taskRollup.groupBy({ by: ['organizationId', 'requirementId'], where: { organizationId: { in: unitIds }, dueAt: { gte: period.from, lt: period.to } }, _sum: { tasks: true, done: true } }),
    examsByUnit(db, unitIds, inSubtree, period),
    taskRows(db, others, period), taskRows(db, people, period), examsByPerson(db, others, period), examsByPerson(db, people, period),
  ]);
  const kinds = new Map((await db.campaignRequirement.findMany({ where: { id: { in: [...new Set(taskSums.map((s) => s.requirementId))] } }, select: { id: true, kind: true } })).map((r) => [r.id, r.kind]));
  const byUnit = new Map<number, Figures>();
  const ofUnit = (id: number) => byUnit.get(id) ?? byUnit.set(id, noFigures()).get(id)!;
  for (const sum of taskSums) addTasks(ofUnit(sum.organizationId), kinds.get(sum.requirementId)!, sum._sum.tasks ?? 0, sum._sum.done ?? 0);
  for (const [unitId, exams] of unitExams) addExams(ofUnit(unitId), exams);
  for (const task of othersTasks) addTasks(ofUnit(task.countedOrganizationId!), task.requirement.kind, -1, task.countedDone ? -1 : 0);
  for (const exams of othersExams.values()) addExams(ofUnit(exams.organizationId), exams, -1);
  const byPerson = new Map<number, Figures>();
  const ofPerson = (id: number) => byPerson.get(id) ?? byPerson.set(id, noFigures()).get(id)!;
  for (const task of ownTasks) addTasks(ofPerson(task.userId), task.requirement.kind, 1, task.countedDone ? 1 : 0);
  for (const [userId, exams] of ownExams) addExams(ofPerson(userId), exams);
  return {
    ofSubtree(subtree) {
      const figures = noFigures();
      for (const unit of units) {
        const own = unit.path.startsWith(subtree) ? byUnit.get(unit.id) : undefined;
        if (!own) continue;
        for (const group of Object.keys(own.tasks) as TaskGroup[]) addTasks(figures, group, own.tasks[group].total, own.tasks[group].done);
        addExams(figures, own.exams);
      }
      return figures;
    },
    ofPerson: (userId) => byPerson.get(userId) ?? noFigures(),
  };
}

/** Tasks due in the period of these people, as the task roll-up counts them. */
function taskRows(db: Db, userIds: number[], period: Period) {
  if (!userIds.length) return Promise.resolve([]);
  return db.taskInstance.findMany({
    where: { userId: { in: userIds }, dueAt: { gte: period.from, lt: period.to }, countedOrganizationId: { not: null } },
    select: { userId: true, countedOrganizationId: true, countedDone: true, requirement: { select: { kind: true } } },
  });
}

/** Attempts submitted in the period per unit: the exam roll-up's days, or the attempts for a period that cuts through days. */
async function examsByUnit(db: Db, unitIds: number[], inSubtree: { organization: { path: { startsWith: string } } }, period: Period): Promise<Map<number, ExamNumbers>> {
  const units = new Map<number, ExamNumbers>();
  if (!unitIds.length) return units;
  if (isWholeBeijingDays(period.from, period.to)) {
    const rows = await db.examDayRollup.groupBy({
      by: ['organizationId'], where: { organizationId: { in: unitIds }, day: { gte: beijingDay(period.from.getTime()), lt: beijingDay(period.to.getTime()) } },
      _sum: { attempts: true, passed: true, scoreSum: true, maxScoreSum: true },
    });
    for (const row of rows) {
      units.set(row.organizationId, { attempts: row._sum.attempts ?? 0, passed: row._sum.passed ?? 0, score: Number(row._sum.scoreSum ?? 0) / 100, maxScore: Number(row._sum.maxScoreSum ?? 0) / 100 });
    }
    return units;
  }
  const everyone = await db.user.findMany({ where: inSubtree, select: { id: true } });
  for (const exams of (await examsByPerson(db, everyone.map((u) => u.id), period)).values()) {
    const unit = units.get(exams.organizationId) ?? units.set(exams.organizationId, { attempts: 0, passed: 0, score: 0, maxScore: 0 }).get(exams.organizationId)!;
    unit.attempts += exams.attempts; unit.passed += exams.passed; unit.score += exams.score; unit.maxScore += exams.maxScore;
  }
  return units;
}

/** Attempts submitted in the period of these people, with the unit each is counted under. */
async function examsByPerson(db: Db, userIds: number[], period: Period): Promise<Map<number, ExamNumbers & { organizationId: number }>> {
  if (!userIds.length) return new Map();
  const rows = await db.attempt.findMany({
    where: { userId: { in: userIds }, status: 'submitted', submittedAt: { gte: period.from, lt: period.to } },
    select: { userId: true, passed: true, score: true, maxScore: true, user: { select: { organizationId: true } } },
  });
  const people = new Map<number, ExamNumbers & { organizationId: number }>();
  for (const row of rows) {
    const person = people.get(row.userId) ?? { organizationId: row.user.organizationId, attempts: 0, passed: 0, score: 0, maxScore: 0 };
    person.attempts++;
    if (row.passed) person.passed++;
    person.score += row.score ?? 0;
    person.maxScore += row.maxScore;
    people.set(row.userId, person);
  }
  return people;
}
