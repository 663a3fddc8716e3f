// An exam's audience (units and named people) must lie inside the organiser's subtrees. The same
// check refuses an exam, an override and a head-count, so the console cannot count people the
// server would then refuse to examine.
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { ValidationError } from '../errors.ts';
import { inScope, scopeFor } from '../policy.ts';

type Problem = { path: string; code: 'out_of_scope'; message: string };

async function unitsOutside(db: Db, actor: Actor, ids: number[], path: string): Promise<Problem[]> {
  const scope = scopeFor(actor, 'exam.manage');
  const units = await db.organization.findMany({ where: { id: { in: ids } }, select: { id: true, path: true } });
  return ids.filter((id) => !units.some((u) => u.id === id && inScope(scope, u.path)))
    .map((id) => ({ path, code: 'out_of_scope', message: `单位 ${id} 不存在或超出管辖范围` }));
}

async function peopleOutside(db: Db, actor: Actor, ids: number[], path: string): Promise<Problem[]> {
  const scope = scopeFor(actor, 'exam.manage');
  const people = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, organization: { select: { path: true } } } });
  return ids.filter((id) => !people.some((p) => p.id === id && inScope(scope, p.organization.path)))
    .map((id) => ({ path, code: 'out_of_scope', message: `人员 ${id} 不存在或超出管辖范围` }));
}

function refuse(problems: Problem[]): void {
  if (problems.length) throw new ValidationError('考试对象超出本人管辖范围或不存在', problems);
}

/** Every listed unit and person must exist inside the actor's scope, else 400 naming each one. */
export async function checkAudienceScope(db: Db, actor: Actor, audience: { organizationIds: number[]; userIds: number[] }, path = 'body.audience'): Promise<void> {
  refuse([...await unitsOutside(db, actor, audience.organizationIds, `${path}.organizationIds`), ...await peopleOutside(db, actor, audience.userIds, `${path}.userIds`)]);
}

/** The named people alone (the head-count checks its units itself, with a 404 like other unit lookups). */
export async function checkNamedPeopleScope(db: Db, actor: Actor, userIds: number[], path: string): Promise<void> {
  refuse(await peopleOutside(db, actor, userIds, path));
}
