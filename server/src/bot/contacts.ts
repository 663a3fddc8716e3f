// Who a bot contact is. A contact binds with an invitation code; the server answers with a
// stable key the bot writes into the contact's remark, because Wechaty contact ids change with
// the puppet and the login. Every later call names that key, and the server acts as the bound
// person — with a cadre's powers only, unless a staff command asks for the person's own roles.
import { randomBytes } from 'node:crypto';
import type { Actor } from '../auth/actor.ts';
import { normaliseInvitationCode, sha256 } from '../auth/secrets.ts';
import { recordAudit } from '../audit/service.ts';
import type { AppDeps } from '../deps.ts';
import { AppError, ForbiddenError, NotFoundError } from '../errors.ts';
import type { Prisma } from '../../generated/mysql/client.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

/** Contact keys are the remark the bot gives a contact: short, unambiguous, lower case. */
function newContactKey(): string {
  return `xf${randomBytes(8).toString('hex')}`;
}

export type BoundContact = { contactKey: string; userId: number; name: string };

/**
 * Binds a contact to the person an invitation code was issued for. The code is single-use, as
 * in the mini-program; a person binding again (a new phone) gets a new key and the old one stops working.
 */
export async function bindContact(deps: Deps, invitationCode: string): Promise<BoundContact> {
  const { db, clock } = deps;
  const now = clock.now();
  const invitation = await db.invitation.findUnique({ where: { codeHash: sha256(normaliseInvitationCode(invitationCode)) } });
  if (!invitation || invitation.usedAt || invitation.revokedAt || invitation.expiresAt <= now) {
    throw new AppError('invitation_invalid', '邀请码无效、已使用或已过期，请向本单位组织者重新索取');
  }
  return db.$transaction(async (tx) => {
    const used = await tx.invitation.updateMany({ where: { id: invitation.id, usedAt: null }, data: { usedAt: now } });
    if (used.count !== 1) throw new AppError('invitation_invalid', '邀请码已被使用');
    return saveBinding(tx, invitation.userId, now, 'invitation');
  });
}

/** Development only (the console mode): binds a contact to a person by phone, as the dev login does. */
export async function devBindContact(deps: Deps, phone: string): Promise<BoundContact> {
  const user = await deps.db.user.findUnique({ where: { phone }, select: { id: true } });
  if (!user) throw new NotFoundError(`没有手机号为 ${phone} 的人员`);
  return deps.db.$transaction((tx) => saveBinding(tx, user.id, deps.clock.now(), 'dev'));
}

async function saveBinding(tx: Prisma.TransactionClient, userId: number, now: Date, method: string): Promise<BoundContact> {
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, name: true, status: true, organizationId: true } });
  if (user.status !== 'active') throw new ForbiddenError('账号已停用，请联系本单位组织者');
  const contactKey = newContactKey();
  await tx.botContact.upsert({ where: { userId }, create: { userId, contactKey, boundAt: now }, update: { contactKey, boundAt: now } });
  await recordAudit(tx, { actorId: userId, action: 'bot.bind', subjectType: 'user', subjectId: userId, organizationId: user.organizationId, details: { via: 'bot', method } });
  return { contactKey, userId, name: user.name };
}

export type ContactActor = { actor: Actor; isStaff: boolean };

/**
 * The person bound to a contact key, as an actor. `powers: 'cadre'` (everything a cadre does for
 * themselves) drops every staff role, so the shared bot key can never reach organiser or bureau
 * data through a cadre's chat; 'own-roles' is for the few staff commands, which check scope.
 */
export async function contactActor(deps: Deps, contactKey: string, powers: 'cadre' | 'own-roles'): Promise<ContactActor> {
  const contact = await deps.db.botContact.findUnique({ where: { contactKey }, select: { userId: true } });
  if (!contact) throw new AppError('contact_unbound', '尚未绑定，请发送“绑定 邀请码”（邀请码向本单位组织者索取）');
  const user = await deps.db.user.findUniqueOrThrow({
    where: { id: contact.userId },
    select: { id: true, name: true, status: true, organizationId: true, organization: { select: { path: true } }, roles: { select: { role: true, scopeOrganizationId: true, scopeOrganization: { select: { path: true } } } } },
  });
  if (user.status !== 'active') throw new ForbiddenError('账号已停用，请联系本单位组织者');
  const roles = user.roles.map((grant) => ({ role: grant.role, scopeOrganizationId: grant.scopeOrganizationId, scopePath: grant.scopeOrganization?.path ?? null }));
  const isStaff = roles.some((grant) => grant.role !== 'cadre');
  const actor: Actor = {
    userId: user.id, name: user.name, organizationId: user.organizationId, organizationPath: user.organization.path, tokenId: 0,
    roles: powers === 'cadre' ? roles.filter((grant) => grant.role === 'cadre') : roles,
  };
  return { actor, isStaff };
}

/** Records an action taken for a person through the bot, so the audit log tells it from the apps. */
export async function auditBotAction(deps: Pick<AppDeps, 'db'>, actor: Actor, action: string, details: Prisma.InputJsonObject = {}): Promise<void> {
  await recordAudit(deps.db, { actorId: actor.userId, action: `bot.${action}`, subjectType: 'user', subjectId: actor.userId, organizationId: actor.organizationId, details: { via: 'bot', ...details } });
}
