// WeChat groups linked to organisations. Only staff may link a group, and only to a unit inside
// their own scope; a group linked by another organisation cannot be taken over.
import type { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { SHANGHAI } from '../jobs/job.ts';
import { validateSchedule } from '../jobs/schedule.ts';
import { authorize, inScope, scopeFor } from '../policy.ts';
import { auditBotAction, contactActor } from './contacts.ts';
import type { LinkGroupBody } from './schemas.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

/** The permission that makes someone an organiser of a unit's study (groups, daily question). */
export const GROUP_PERMISSION = 'study.manage';

/** Links (or re-links, with new settings) a group to a unit in the organiser's scope. */
export async function linkGroup(deps: Deps, body: z.output<typeof LinkGroupBody>) {
  const { actor } = await contactActor(deps, body.contactKey, 'own-roles');
  const organization = await deps.db.organization.findUnique({ where: { code: body.unitCode }, select: { id: true, name: true, path: true } });
  if (!organization) throw new NotFoundError(`单位代码“${body.unitCode}”不存在或不在您的管理范围内`);
  authorize(actor, GROUP_PERMISSION, { organizationPath: organization.path });
  if (body.dailyCron) {
    const problem = validateSchedule(body.dailyCron, SHANGHAI);
    if (problem) throw new ValidationError(problem, [{ path: 'body.dailyCron', code: 'invalid_schedule', message: problem }]);
  }
  const existing = await deps.db.botGroup.findUnique({ where: { roomKey: body.roomKey }, select: { organizationId: true } });
  if (existing && existing.organizationId !== organization.id) {
    const current = await deps.db.organization.findUniqueOrThrow({ where: { id: existing.organizationId }, select: { path: true } });
    if (!inScope(scopeFor(actor, GROUP_PERMISSION), current.path)) throw new ConflictError('该群已由其他单位绑定');
  }
  const settings = {
    organizationId: organization.id, linkedById: actor.userId, linkedAt: deps.clock.now(),
    ...(body.dailyCron ? { dailyCron: body.dailyCron } : {}),
    ...(body.answerMinutes ? { answerMinutes: body.answerMinutes } : {}),
    ...(body.showRanking !== undefined ? { showRanking: body.showRanking } : {}),
  };
  const group = await deps.db.botGroup.upsert({ where: { roomKey: body.roomKey }, create: { roomKey: body.roomKey, ...settings }, update: settings });
  await auditBotAction(deps, actor, 'group.link', { roomKey: body.roomKey, organizationId: organization.id, dailyCron: group.dailyCron, showRanking: group.showRanking });
  return { roomKey: group.roomKey, organizationName: organization.name, dailyCron: group.dailyCron, answerMinutes: group.answerMinutes, showRanking: group.showRanking };
}

/** The linked group with its organisation, or a 404 telling the organiser to link it. */
export async function linkedGroupOrThrow(deps: Pick<AppDeps, 'db'>, roomKey: string) {
  const group = await deps.db.botGroup.findUnique({ where: { roomKey } });
  if (!group) throw new NotFoundError('本群尚未绑定单位，请本单位组织者在群内发送“绑定群 单位代码”');
  const organization = await deps.db.organization.findUniqueOrThrow({ where: { id: group.organizationId }, select: { id: true, name: true, path: true } });
  return { ...group, organization };
}
