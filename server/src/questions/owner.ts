// Whose question a new one is (an import or one written in the console): the named organisation
// inside the actor's scope (404 outside it), else the one they organise, else (administrators)
// the national bank.
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { authorize, scopeFor } from '../policy.ts';
import type { QuestionOwner } from './content.ts';

export async function questionOwnerFor(db: Db, actor: Actor, organizationId: number | undefined): Promise<QuestionOwner> {
  if (organizationId) {
    const organization = await db.organization.findUnique({ where: { id: organizationId }, select: { id: true, path: true } });
    if (!organization) throw new NotFoundError('单位不存在或无权访问');
    authorize(actor, 'question.manage', { organizationPath: organization.path });
    return { kind: 'organization', organizationId };
  }
  if (scopeFor(actor, 'question.manage') === 'all') return { kind: 'national' };
  const organised = actor.roles.filter((r) => r.role === 'organiser' && r.scopeOrganizationId);
  if (organised.length !== 1) throw new ValidationError('请用 organizationId 指定题目所属单位');
  return { kind: 'organization', organizationId: organised[0]!.scopeOrganizationId! };
}
