// The bureau's overview of a subtree for a period. Every figure is counted by the database per
// person (group by), then rolled up here to the unit, its direct sub-units and its own people,
// so one set of queries serves the totals and the drill-down. Task and exam figures come from the
// task and exam roll-ups per unit (dashboard/rolled-up.ts), whose tasks are judged by the same
// evaluator as tasks, archives and circulars, so the three always agree. Study figures come from
// the study roll-up for whole Beijing days (rollups/study-totals.ts).
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { NotFoundError } from '../errors.ts';
import { authorize } from '../policy.ts';
import { studyTotals } from '../rollups/study-totals.ts';
import type { DashboardNumbersValue } from './schemas.ts';
import { rolledUpFigures, type Figures } from './rolled-up.ts';

export type DashboardOptions = { db: Db; actor: Actor; organizationId: number; from: Date; to: Date; now: Date };

type PersonFigures = { onlineSeconds: number; offlineMinutes: number; openFlags: Record<string, number> };

const emptyFigures = (): PersonFigures => ({ onlineSeconds: 0, offlineMinutes: 0, openFlags: {} });

async function figuresByPerson(db: Db, subtree: string, userIds: number[], from: Date, to: Date): Promise<Map<number, PersonFigures>> {
  const figures = new Map(userIds.map((id) => [id, emptyFigures()]));
  const study = await studyTotals(db, { path: { startsWith: subtree } }, { from, to });
  for (const [userId, totals] of study) {
    const person = figures.get(userId);
    if (!person) continue; // staff of the subtree, or no longer active
    Object.assign(person, { onlineSeconds: totals.startedCreditSeconds, offlineMinutes: totals.offlineMinutes });
    for (const { kind, status, count } of totals.flags) if (status === 'open') person.openFlags[kind] = count;
  }
  return figures;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

function sumUp(people: PersonFigures[], { tasks, exams }: Figures): DashboardNumbersValue {
  const all = emptyFigures();
  let participants = 0;
  for (const person of people) {
    if (person.onlineSeconds > 0 || person.offlineMinutes > 0) participants++;
    all.onlineSeconds += person.onlineSeconds; all.offlineMinutes += person.offlineMinutes;
    for (const [kind, count] of Object.entries(person.openFlags)) all.openFlags[kind] = (all.openFlags[kind] ?? 0) + count;
  }
  return {
    cadres: people.length, participants, onlineMinutes: Math.round(all.onlineSeconds / 60), offlineMinutes: all.offlineMinutes, tasks,
    exams: {
      attempts: exams.attempts, passed: exams.passed,
      passRate: exams.attempts ? Math.round((exams.passed / exams.attempts) * 1000) / 1000 : null,
      averagePercent: exams.maxScore ? round1((exams.score / exams.maxScore) * 100) : null,
    },
    openFlags: all.openFlags,
  };
}

/** Totals for a unit's subtree, each direct sub-unit's subtree, and the unit's own cadres. */
export async function dashboard({ db, actor, organizationId, from, to }: DashboardOptions) {
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
  const own = cadres.filter((person) => person.organizationId === organization.id);
  const [figures, rolledUp] = await Promise.all([
    figuresByPerson(db, organization.path, cadres.map((c) => c.id), from, to),
    rolledUpFigures(db, organization.path, own.map((c) => c.id), { from, to }),
  ]);
  const of = (people: typeof cadres, unitFigures: Figures) => sumUp(people.map((person) => figures.get(person.id)!), unitFigures);
  return {
    organization: { id: organization.id, name: organization.name, level: organization.level },
    from: from.toISOString(), to: to.toISOString(),
    totals: of(cadres, rolledUp.ofSubtree(organization.path)),
    children: children.map((child) => ({
      organizationId: child.id, name: child.name, level: child.level,
      numbers: of(cadres.filter((person) => person.organization.path.startsWith(child.path)), rolledUp.ofSubtree(child.path)),
    })),
    people: own.map((person) => ({ userId: person.id, name: person.name, numbers: of([person], rolledUp.ofPerson(person.id)) })),
  };
}
