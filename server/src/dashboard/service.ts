// The bureau's overview of a subtree for a period. Every figure is counted by the database per
// person (group by), then rolled up here to the unit, its direct sub-units and its own people,
// so one set of queries serves the totals and the drill-down. Task states come from the same
// evaluator as tasks, archives and circulars, so the three always agree. Study figures come from
// the study roll-up for whole Beijing days (rollups/study-totals.ts).
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { NotFoundError } from '../errors.ts';
import { authorize } from '../policy.ts';
import { evaluateTasks } from '../campaigns/evaluate.ts';
import { studyTotals } from '../rollups/study-totals.ts';
import type { DashboardNumbersValue } from './schemas.ts';

export type DashboardOptions = { db: Db; actor: Actor; organizationId: number; from: Date; to: Date; now: Date };

type PersonFigures = {
  onlineSeconds: number; offlineMinutes: number; attempts: number; passed: number; score: number; maxScore: number;
  tasks: Record<TaskGroup, { total: number; done: number }>; openFlags: Record<string, number>;
};
type TaskGroup = 'study' | 'lecture' | 'report' | 'exam';
/** 会前学法 (meeting) requirements count under 学 with study time. */
const TASK_GROUP = { study: 'study', meeting: 'study', lecture: 'lecture', report: 'report', exam: 'exam' } as const;

const emptyFigures = (): PersonFigures => ({
  onlineSeconds: 0, offlineMinutes: 0, attempts: 0, passed: 0, score: 0, maxScore: 0,
  tasks: { study: { total: 0, done: 0 }, lecture: { total: 0, done: 0 }, report: { total: 0, done: 0 }, exam: { total: 0, done: 0 } }, openFlags: {},
});

async function figuresByPerson(db: Db, subtree: string, userIds: number[], from: Date, to: Date, now: Date): Promise<Map<number, PersonFigures>> {
  const figures = new Map(userIds.map((id) => [id, emptyFigures()]));
  const who = { userId: { in: userIds } };
  const [study, attempts, passes, tasks] = await Promise.all([
    studyTotals(db, { path: { startsWith: subtree } }, { from, to }),
    db.attempt.groupBy({ by: ['userId'], where: { ...who, status: 'submitted', submittedAt: { gte: from, lt: to } }, _count: { _all: true }, _sum: { score: true, maxScore: true } }),
    db.attempt.groupBy({ by: ['userId'], where: { ...who, status: 'submitted', submittedAt: { gte: from, lt: to }, passed: true }, _count: { _all: true } }),
    db.taskInstance.findMany({ where: { ...who, dueAt: { gte: from, lt: to } }, include: { requirement: { select: { id: true, kind: true, params: true } } } }),
  ]);
  for (const [userId, totals] of study) {
    const person = figures.get(userId);
    if (!person) continue; // staff of the subtree, or no longer active
    Object.assign(person, { onlineSeconds: totals.startedCreditSeconds, offlineMinutes: totals.offlineMinutes });
    for (const { kind, status, count } of totals.flags) if (status === 'open') person.openFlags[kind] = count;
  }
  for (const row of attempts) Object.assign(figures.get(row.userId)!, { attempts: row._count._all, score: row._sum.score ?? 0, maxScore: row._sum.maxScore ?? 0 });
  for (const row of passes) figures.get(row.userId)!.passed = row._count._all;
  const evaluations = await evaluateTasks(db, tasks, now);
  for (const task of tasks) {
    const count = figures.get(task.userId)!.tasks[TASK_GROUP[task.requirement.kind]];
    count.total++;
    if (evaluations.get(task.id)?.state === 'done') count.done++;
  }
  return figures;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

function sumUp(people: PersonFigures[]): DashboardNumbersValue {
  const all = emptyFigures();
  let participants = 0;
  for (const person of people) {
    if (person.onlineSeconds > 0 || person.offlineMinutes > 0) participants++;
    all.onlineSeconds += person.onlineSeconds; all.offlineMinutes += person.offlineMinutes;
    all.attempts += person.attempts; all.passed += person.passed; all.score += person.score; all.maxScore += person.maxScore;
    for (const group of Object.keys(all.tasks) as TaskGroup[]) {
      all.tasks[group].total += person.tasks[group].total;
      all.tasks[group].done += person.tasks[group].done;
    }
    for (const [kind, count] of Object.entries(person.openFlags)) all.openFlags[kind] = (all.openFlags[kind] ?? 0) + count;
  }
  return {
    cadres: people.length, participants, onlineMinutes: Math.round(all.onlineSeconds / 60), offlineMinutes: all.offlineMinutes, tasks: all.tasks,
    exams: {
      attempts: all.attempts, passed: all.passed,
      passRate: all.attempts ? Math.round((all.passed / all.attempts) * 1000) / 1000 : null,
      averagePercent: all.maxScore ? round1((all.score / all.maxScore) * 100) : null,
    },
    openFlags: all.openFlags,
  };
}

/** Totals for a unit's subtree, each direct sub-unit's subtree, and the unit's own cadres. */
export async function dashboard({ db, actor, organizationId, from, to, now }: DashboardOptions) {
  const organization = await db.organization.findUnique({ where: { id: organizationId }, select: { id: true, name: true, level: true, path: true } });
  if (!organization) throw new NotFoundError('单位不存在或无权访问');
  authorize(actor, 'study.review', { organizationPath: organization.path });
  const [children, cadres] = await Promise.all([
    db.organization.findMany({ where: { parentId: organization.id }, select: { id: true, name: true, level: true, path: true }, orderBy: { id: 'asc' } }),
    db.user.findMany({
      where: { status: 'active', roles: { some: { role: 'cadre' } }, organization: { path: { startsWith: organization.path } } },
      select: { id: true, name: true, organizationId: true, organization: { select: { path: true } } }, orderBy: { id: 'asc' },
    }),
  ]);
  const figures = await figuresByPerson(db, organization.path, cadres.map((c) => c.id), from, to, now);
  const of = (people: typeof cadres) => sumUp(people.map((person) => figures.get(person.id)!));
  return {
    organization: { id: organization.id, name: organization.name, level: organization.level },
    from: from.toISOString(), to: to.toISOString(),
    totals: of(cadres),
    children: children.map((child) => ({
      organizationId: child.id, name: child.name, level: child.level,
      numbers: of(cadres.filter((person) => person.organization.path.startsWith(child.path))),
    })),
    people: cadres.filter((person) => person.organizationId === organization.id)
      .map((person) => ({ userId: person.id, name: person.name, numbers: of([person]) })),
  };
}
