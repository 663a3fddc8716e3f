import type { TokenClient } from '../../generated/mysql/enums.ts';
import type { AppDeps } from '../deps.ts';
import type { Db } from '../db/client.ts';
import { AccountLockedError, AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import type { RequestMeta } from '../http/route.ts';
import { recordAudit } from '../audit/service.ts';
import { userSelect, type UserRow } from '../users/queries.ts';
import { hashPassword, newOpaqueToken, normaliseInvitationCode, sha256, verifyPassword } from './secrets.ts';
import { issueAccessToken, type IssuedToken } from './tokens.ts';

const BIND_TICKET_TTL_MS = 10 * 60_000;
const STAFF_ROLES = new Set(['organiser', 'bureau', 'admin']);
// Verified against when the username is unknown, so response time does not reveal which usernames
// exist. Made on first use rather than at import, keeping scrypt off the start-up path.
let decoyPasswordHash: Promise<string> | undefined;
const decoyHash = () => (decoyPasswordHash ??= hashPassword('decoy-password-for-timing'));

export type Session = IssuedToken & { user: UserRow };

async function startSession(deps: AppDeps, userId: number, client: TokenClient, meta: RequestMeta): Promise<Session> {
  const issued = await issueAccessToken(deps.db, { userId, client, ttlHours: deps.config.ACCESS_TOKEN_TTL_HOURS, meta, now: deps.clock.now() });
  const user = await deps.db.user.findUniqueOrThrow({ where: { id: userId }, select: userSelect });
  return { ...issued, user };
}

export type WechatLoginResult =
  | { status: 'bound'; session: Session }
  | { status: 'unbound'; bindTicket: string; expiresAt: Date };

/**
 * Mini-program login. A known identity gets a session; a new one gets a short-lived ticket to
 * bind to a pre-registered cadre, because wx.login codes are single-use and cannot be replayed.
 */
export async function loginWithWechat(deps: AppDeps, code: string, meta: RequestMeta): Promise<WechatLoginResult> {
  const wechat = await deps.wechat.codeToSession(code);
  const identity = await deps.db.wechatIdentity.upsert({
    where: { openid: wechat.openid },
    create: { openid: wechat.openid, unionid: wechat.unionid, sessionKey: wechat.sessionKey },
    update: { sessionKey: wechat.sessionKey, lastLoginAt: new Date(), ...(wechat.unionid ? { unionid: wechat.unionid } : {}) },
    select: { id: true, userId: true, user: { select: { status: true } } },
  });
  if (identity.userId && identity.user) {
    if (identity.user.status !== 'active') throw new ForbiddenError('账号已停用，请联系本单位组织者');
    return { status: 'bound', session: await startSession(deps, identity.userId, 'miniprogram', meta) };
  }
  const bindTicket = newOpaqueToken();
  const expiresAt = new Date(deps.clock.now().getTime() + BIND_TICKET_TTL_MS);
  await deps.db.wechatIdentity.update({ where: { id: identity.id }, data: { bindTicketHash: sha256(bindTicket), bindTicketExpiresAt: expiresAt } });
  return { status: 'unbound', bindTicket, expiresAt };
}

export type BindInput =
  | { bindTicket: string; invitationCode: string }
  | { bindTicket: string; name: string; phone: string; organizationCode: string };

async function findUserToBind(db: Db, input: BindInput, mode: AppDeps['config']['WECHAT_BIND_MODE'], now: Date): Promise<{ userId: number; invitationId?: number }> {
  if ('invitationCode' in input) {
    if (mode === 'identity') throw new ValidationError('本系统不使用邀请码绑定，请填写姓名、手机号和单位代码');
    const invitation = await db.invitation.findUnique({ where: { codeHash: sha256(normaliseInvitationCode(input.invitationCode)) } });
    if (!invitation || invitation.usedAt || invitation.revokedAt || invitation.expiresAt <= now) {
      throw new AppError('invitation_invalid', '邀请码无效、已使用或已过期，请向本单位组织者重新索取');
    }
    return { userId: invitation.userId, invitationId: invitation.id };
  }
  if (mode === 'invitation') throw new ValidationError('本系统仅支持邀请码绑定，请向本单位组织者索取邀请码');
  const user = await db.user.findFirst({
    where: { name: input.name.trim(), phone: input.phone.trim(), organization: { code: input.organizationCode.trim() } },
    select: { id: true },
  });
  if (!user) throw new AppError('identity_mismatch', '未找到与姓名、手机号、单位代码一致的登记人员，请核对或联系本单位组织者');
  return { userId: user.id };
}

/** Binds the WeChat identity holding `bindTicket` to a pre-registered person and signs them in. */
export async function bindWechat(deps: AppDeps, input: BindInput, meta: RequestMeta): Promise<Session> {
  const { db } = deps;
  const now = deps.clock.now();
  const identity = await db.wechatIdentity.findUnique({ where: { bindTicketHash: sha256(input.bindTicket) }, select: { id: true, userId: true, bindTicketExpiresAt: true } });
  if (!identity || identity.userId || !identity.bindTicketExpiresAt || identity.bindTicketExpiresAt <= now) {
    throw new AppError('bind_ticket_invalid', '绑定凭证无效或已过期，请重新进入小程序');
  }
  const target = await findUserToBind(db, input, deps.config.WECHAT_BIND_MODE, now);
  const user = await db.user.findUniqueOrThrow({ where: { id: target.userId }, select: { id: true, status: true, organizationId: true, wechat: { select: { id: true } } } });
  if (user.status !== 'active') throw new ForbiddenError('账号已停用，请联系本单位组织者');
  if (user.wechat) throw new ConflictError('该人员已绑定其他微信，如需更换请联系本单位组织者');
  await db.$transaction(async (tx) => {
    if (target.invitationId) {
      // The conditional update makes a code single-use even when two phones race for it.
      const used = await tx.invitation.updateMany({ where: { id: target.invitationId, usedAt: null }, data: { usedAt: now } });
      if (used.count !== 1) throw new AppError('invitation_invalid', '邀请码已被使用');
    }
    await tx.wechatIdentity.update({ where: { id: identity.id }, data: { userId: user.id, bindTicketHash: null, bindTicketExpiresAt: null } });
    await recordAudit(tx, { actorId: user.id, action: 'wechat.bind', subjectType: 'user', subjectId: user.id, organizationId: user.organizationId, details: { method: target.invitationId ? 'invitation' : 'identity' }, meta });
  });
  return startSession(deps, user.id, 'miniprogram', meta);
}

/** Console login with lock-out: the counter and lock live in the database, shared by all instances. */
export async function loginStaff(deps: AppDeps, username: string, password: string, meta: RequestMeta): Promise<Session> {
  const { db, config } = deps;
  const now = deps.clock.now();
  const credential = await db.staffCredential.findUnique({
    where: { username: username.trim().toLowerCase() },
    omit: { passwordHash: false },
    include: { user: { select: { id: true, status: true, organizationId: true, roles: { select: { role: true } } } } },
  });
  const invalid = new AppError('invalid_credentials', '用户名或密码错误');
  if (!credential) {
    await verifyPassword(password, await decoyHash());
    throw invalid;
  }
  if (credential.lockedUntil && credential.lockedUntil > now) throw new AccountLockedError(credential.lockedUntil);
  if (!(await verifyPassword(password, credential.passwordHash))) {
    const { failedAttempts } = await db.staffCredential.update({ where: { id: credential.id }, data: { failedAttempts: { increment: 1 } }, select: { failedAttempts: true } });
    if (failedAttempts >= config.LOGIN_MAX_FAILURES) {
      const lockedUntil = new Date(now.getTime() + config.LOGIN_LOCK_MINUTES * 60_000);
      await db.staffCredential.update({ where: { id: credential.id }, data: { lockedUntil, failedAttempts: 0 } });
      await recordAudit(db, { actorId: null, action: 'staff.locked', subjectType: 'user', subjectId: credential.userId, organizationId: credential.user.organizationId, details: { lockedUntil: lockedUntil.toISOString() }, meta });
      throw new AccountLockedError(lockedUntil);
    }
    throw invalid;
  }
  if (credential.user.status !== 'active') throw new ForbiddenError('账号已停用');
  if (!credential.user.roles.some((r) => STAFF_ROLES.has(r.role))) throw new ForbiddenError('该账号没有控制台权限');
  await db.staffCredential.update({ where: { id: credential.id }, data: { failedAttempts: 0, lockedUntil: null } });
  await recordAudit(db, { actorId: credential.userId, action: 'staff.login', subjectType: 'user', subjectId: credential.userId, organizationId: credential.user.organizationId, meta });
  return startSession(deps, credential.userId, 'console', meta);
}

/** Development and test login by user id, username or phone; never mounted in production. */
export async function devLogin(deps: AppDeps, who: { userId?: number; username?: string; phone?: string }, meta: RequestMeta): Promise<Session> {
  const user = await deps.db.user.findFirst({
    where: who.userId ? { id: who.userId } : who.username ? { credential: { username: who.username.toLowerCase() } } : { phone: who.phone },
    select: { id: true, status: true },
  });
  if (!user) throw new NotFoundError('没有这个人员');
  if (user.status !== 'active') throw new ForbiddenError('账号已停用');
  return startSession(deps, user.id, 'dev', meta);
}
