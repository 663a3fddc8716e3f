// The bureau's overview of a subtree for a period: totals, each direct sub-unit and the unit's
// own cadres. Every figure is counted by the database per unit (per person only for the unit's
// own cadres), then summed here over each subtree by path, so one set of queries serves the
// totals and the drill-down. Task and exam figures come from the task and exam roll-ups
// (dashboard/rolled-up.ts), whose tasks are judged by the same evaluator as tasks, archives and
// circulars, so the three always agree; study figures from the study roll-up for whole Beijing
// days (dashboard/study-by-unit.ts).
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { NotFoundError } from '../errors.ts';
import { authorize } from '../policy.ts';
import type { DashboardNumbersValue } from './schemas.ts';
import { rolledUpFigures, type Figures } from './rolled-up.ts';
import { addStudyNumbers, noStudyNumbers, studyByPerson, studyByUnit, type StudyNumbers } from './study-by-unit.ts';

export type DashboardOptions = { db: Db; actor: Actor; organizationId: number; from: Date; to: Date; now: Date };

const round1 = (value: number) => Math.round(value * 10) / 10;

function numbers(study: StudyNumbers, { tasks, exams }: Figures): DashboardNumbersValue {
  return {
    cadres: study.cadres, participants: study.participants, onlineMinutes: Math.round(study.onlineSeconds / 60), offlineMinutes: study.offlineMinutes, tasks,
    exams: {
      attempts: exams.attempts, passed: exams.passed,
      passRate: exams.attempts ? Math.round((exams.passed / exams.attempts) * 1000) / 1000 : null,
      averagePercent: exams.maxScore ? round1((exams.score / exams.maxScore) * 100) : null,
    },
    openFlags: study.openFlags,
  };
}

/** Totals for a unit's subtree, each direct sub-unit's subtree, and the unit's own cadres. */
export async function dashboard({ db, actor, organizationId, from, to }: DashboardOptions) {
  const organization = await db.organization.findUnique({ where: { id: organizationId }, select: { id: true, name: true, level: true, path: true } });
  if (!organization) throw new NotFoundError('单位不存在或无权访问');
  authorize(actor, 'study.review', { organizationPath: organization.path });
  const [children, own, units] = await Promise.all([
    db.organization.findMany({ where: { parentId: organization.id }, select: { id: true, name: true, level: true, path: true }, orderBy: { id: 'asc' } }),
    db.user.findMany({ where: { status: 'active', roles: { some: { role: 'cadre' } }, organizationId: organization.id }, select: { id: true, name: true }, orderBy: { id: 'asc' } }),
    db.organization.findMany({ where: { path: { startsWith: organization.path } }, select: { id: true, path: true } }),
  ]);
  const [studyOfUnits, studyOfPeople, rolledUp] = await Promise.all([
    studyByUnit(db, { subtree: organization.path }, { from, to }),
    studyByPerson(db, organization.id, { from, to }),
    rolledUpFigures(db, organization.path, units, own.map((c) => c.id), { from, to }),
  ]);
  const studyOfSubtree = (path: string) => units.reduce((total, unit) => (unit.path.startsWith(path) ? addStudyNumbers(total, studyOfUnits.get(unit.id) ?? noStudyNumbers()) : total), noStudyNumbers());
  return {
    organization: { id: organization.id, name: organization.name, level: organization.level },
    from: from.toISOString(), to: to.toISOString(),
    totals: numbers(studyOfSubtree(organization.path), rolledUp.ofSubtree(organization.path)),
    children: children.map((child) => ({
      organizationId: child.id, name: child.name, level: child.level,
      numbers: numbers(studyOfSubtree(child.path), rolledUp.ofSubtree(child.path)),
    })),
    people: own.map((person) => ({ userId: person.id, name: person.name, numbers: numbers(studyOfPeople.get(person.id) ?? { ...noStudyNumbers(), cadres: 1 }, rolledUp.ofPerson(person.id)) })),
  };
}
