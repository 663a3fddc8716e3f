import type { Prisma, Role, UserStatus } from '../../generated/mysql/client.ts';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { RequestMeta } from '../http/route.ts';
import { pageWindow, type PageInput } from '../http/schemas.ts';
import { authorize, organizationScopeWhere, requirePermission } from '../policy.ts';
import { recordAudit } from '../audit/service.ts';
import { hashPassword, newInvitationCode, sha256 } from '../auth/secrets.ts';
import { revokeAllTokensOfUser } from '../auth/tokens.ts';
import { publishRevocation } from '../auth/revocations.ts';
import { containsLiterally } from '../db/like.ts';
import { examInScopeOrThrow } from '../exams/exams.ts';
import { audienceMembers } from '../organizations/audience.ts';
import { userSelect, type UserRow } from './queries.ts';
import { cadreMoved } from '../rollups/cadre-moved.ts';

const INVITATION_TTL_DAYS = 7;

/** Loads a person the actor may act on for `permission`, or 404 for missing and foreign alike. */
export async function getUserOrThrow(db: Db, actor: Actor, id: number, permission: 'user.read' | 'user.update' | 'user.invite' = 'user.read'): Promise<UserRow> {
  const user = await db.user.findUnique({ where: { id }, select: userSelect });
  if (!user) throw new NotFoundError('人员不存在或无权访问');
  authorize(actor, permission, { organizationPath: user.organization.path });
  return user;
}

export type ListUsersOptions = {
  db: Db; actor: Actor; page: PageInput;
  filter: { organizationId?: number; isKeyMinority?: boolean; role?: Role; status?: UserStatus; wechatBound?: 'yes' | 'no'; q?: string; examId?: number };
};

/** People in the actor's scope; `organizationId` narrows to that organisation's subtree, `examId` to that exam's audience. */
export async function listUsers({ db, actor, page, filter }: ListUsersOptions) {
  const subtreePath = filter.organizationId ? await organizationPathOrThrow(db, filter.organizationId) : null;
  if (subtreePath) authorize(actor, 'user.read', { organizationPath: subtreePath });
  const where: Prisma.UserWhereInput = {
    AND: [
      { organization: organizationScopeWhere(actor, 'user.read') },
      subtreePath ? { organization: { path: { startsWith: subtreePath } } } : {},
      filter.isKeyMinority !== undefined ? { isKeyMinority: filter.isKeyMinority } : {},
      filter.role ? { roles: { some: { role: filter.role } } } : {},
      filter.status ? { status: filter.status } : {},
      filter.wechatBound ? { wechat: filter.wechatBound === 'yes' ? { isNot: null } : { is: null } } : {},
      filter.q ? await containsLiterally(db, 'users', { name: 'name', phone: 'phone' }, filter.q) : {},
    ],
  };
  if (filter.examId) {
    const exam = await examInScopeOrThrow(db, actor, filter.examId, 'exam.results');
    return audiencePage(db, where, await audienceMembers(db, exam), page);
  }
  const [rows, total] = await db.$transaction([
    db.user.findMany({ where, select: userSelect, orderBy: { id: 'asc' }, ...pageWindow(page) }),
    db.user.count({ where }),
  ]);
  return { items: rows, total, ...page };
}

/**
 * A page of the people matching `where` who are in an audience. The audience may be thousands of
 * people named one by one: sent with the page's order, their ids would pass SQLite's bind limit;
 * unordered, Prisma splits the list itself, and the page is cut here.
 */
async function audiencePage(db: Db, where: Prisma.UserWhereInput, audience: number[], page: PageInput) {
  const ids = (await db.user.findMany({ where: { AND: [where, { id: { in: audience } }] }, select: { id: true } })).map((u) => u.id).sort((a, b) => a - b);
  const { skip, take } = pageWindow(page);
  const items = await db.user.findMany({ where: { id: { in: ids.slice(skip, skip + take) } }, select: userSelect, orderBy: { id: 'asc' } });
  return { items, total: ids.length, ...page };
}

export type RoleGrantInput = { role: Role; scopeOrganizationId?: number };

export type CreateUserInput = {
  name: string; phone?: string; position?: string; rank?: string; isKeyMinority: boolean; organizationId: number;
  roles: RoleGrantInput[]; username?: string; password?: string;
};

async function organizationPathOrThrow(db: Db, id: number): Promise<string> {
  const organization = await db.organization.findUnique({ where: { id }, select: { path: true } });
  if (!organization) throw new NotFoundError('单位不存在或无权访问');
  return organization.path;
}

/**
 * Staff roles reach other people's data, so only admins grant them; a grant's scope must
 * exist and defaults to the person's own organisation.
 */
async function resolveRoleGrants(db: Db, actor: Actor, roles: RoleGrantInput[], organizationId: number) {
  if (new Set(roles.map((r) => r.role)).size !== roles.length) throw new ValidationError('角色不能重复', [{ path: 'body.roles', message: '角色不能重复' }]);
  if (roles.some((r) => r.role !== 'cadre')) requirePermission(actor, 'user.grantStaffRoles');
  const grants = [];
  for (const grant of roles) {
    const scoped = grant.role === 'organiser' || grant.role === 'bureau';
    const scopeOrganizationId = scoped ? grant.scopeOrganizationId ?? organizationId : null;
    if (scopeOrganizationId) await organizationPathOrThrow(db, scopeOrganizationId);
    grants.push({ role: grant.role, scopeOrganizationId });
  }
  return grants;
}

function validateStaffLogin(input: { username?: string; password?: string }) {
  if (Boolean(input.username) !== Boolean(input.password)) {
    throw new ValidationError('用户名和密码需同时提供', [{ path: input.username ? 'body.password' : 'body.username', message: '用户名和密码需同时提供' }]);
  }
}

export async function createUser(options: { db: Db; actor: Actor; meta: RequestMeta; input: CreateUserInput }): Promise<UserRow> {
  const { db, actor, meta, input } = options;
  authorize(actor, 'user.create', { organizationPath: await organizationPathOrThrow(db, input.organizationId) });
  const grants = await resolveRoleGrants(db, actor, input.roles, input.organizationId);
  validateStaffLogin(input);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        name: input.name, phone: input.phone ?? null, position: input.position ?? null, rank: input.rank ?? null,
        isKeyMinority: input.isKeyMinority, organizationId: input.organizationId,
        roles: { create: grants },
        ...(input.username && passwordHash ? { credential: { create: { username: input.username.toLowerCase(), passwordHash } } } : {}),
      },
      select: userSelect,
    });
    await recordAudit(tx, { actorId: actor.userId, action: 'user.create', subjectType: 'user', subjectId: user.id, organizationId: user.organizationId, details: { name: user.name, roles: grants.map((g) => g.role) }, meta });
    return user;
  });
}

export type UpdateUserInput = Partial<Omit<CreateUserInput, 'roles' | 'username' | 'password'>> & { status?: UserStatus; roles?: RoleGrantInput[] };

/** Edits a person; moving them needs rights over both organisations, disabling ends their sessions. */
export async function updateUser(options: { db: Db; actor: Actor; meta: RequestMeta; id: number; input: UpdateUserInput }): Promise<UserRow> {
  const { db, actor, meta, id, input } = options;
  const before = await getUserOrThrow(db, actor, id, 'user.update');
  if (input.organizationId && input.organizationId !== before.organizationId) {
    authorize(actor, 'user.update', { organizationPath: await organizationPathOrThrow(db, input.organizationId) });
  }
  const grants = input.roles ? await resolveRoleGrants(db, actor, input.roles, input.organizationId ?? before.organizationId) : null;
  if (grants && before.roles.some((r) => r.role !== 'cadre')) requirePermission(actor, 'user.grantStaffRoles');
  const { roles: _roles, ...fields } = input;
  const changed = Object.keys(fields).filter((key) => (fields as Record<string, unknown>)[key] !== (before as Record<string, unknown>)[key]);
  const user = await db.$transaction(async (tx) => {
    if (grants) {
      await tx.roleGrant.deleteMany({ where: { userId: id } });
      await tx.roleGrant.createMany({ data: grants.map((g) => ({ ...g, userId: id })) });
    }
    const updated = await tx.user.update({ where: { id }, data: fields, select: userSelect });
    await cadreMoved(tx, id, before.organizationId, updated.organizationId);
    await recordAudit(tx, { actorId: actor.userId, action: 'user.update', subjectType: 'user', subjectId: id, organizationId: updated.organizationId, details: { changed, ...(grants ? { roles: grants.map((g) => g.role) } : {}) }, meta });
    return updated;
  });
  if (input.status === 'disabled' && before.status !== 'disabled') await revokeAllTokensOfUser(db, id);
  // Role or organisation changes must apply to the next request, not after the actor cache expires.
  await publishRevocation(db, { userId: id });
  return user;
}

/**
 * Issues a one-time invitation code for binding WeChat; earlier unused codes of the same
 * person stop working, so only the latest code handed out is live.
 */
export async function issueInvitation(options: { db: Db; actor: Actor; meta: RequestMeta; userId: number; now: Date }) {
  const { db, actor, meta, userId, now } = options;
  const user = await getUserOrThrow(db, actor, userId, 'user.invite');
  if (user.status !== 'active') throw new ConflictError('该人员账号已停用，不能发放邀请码');
  if (user.wechat) throw new ConflictError('该人员已绑定微信');
  const code = newInvitationCode();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000);
  await db.$transaction(async (tx) => {
    await tx.invitation.updateMany({ where: { userId, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
    await tx.invitation.create({ data: { codeHash: sha256(code), userId, issuedById: actor.userId, expiresAt } });
    await recordAudit(tx, { actorId: actor.userId, action: 'invitation.issue', subjectType: 'user', subjectId: userId, organizationId: user.organizationId, meta });
  });
  return { code, expiresAt: expiresAt.toISOString(), userId };
}
