import type { OrgLevel, Prisma } from '../../generated/mysql/client.ts';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { containsLiterally } from '../db/like.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { RequestMeta } from '../http/route.ts';
import { pageWindow, type PageInput } from '../http/schemas.ts';
import { authorize, organizationScopeWhere, requirePermission } from '../policy.ts';
import { recordAudit } from '../audit/service.ts';
import { organizationSelect, type OrganizationRow } from './queries.ts';

export const levelOrder: OrgLevel[] = ['province', 'city', 'county', 'unit'];

/** Loads an organisation the actor may see, or fails with 404 (foreign and missing look alike). */
export async function getOrganizationOrThrow(db: Db, actor: Actor, id: number): Promise<OrganizationRow> {
  const organization = await db.organization.findUnique({ where: { id }, select: organizationSelect });
  if (!organization) throw new NotFoundError('单位不存在或无权访问');
  authorize(actor, 'org.read', { organizationPath: organization.path });
  return organization;
}

export type ListOrganizationsOptions = { db: Db; actor: Actor; page: PageInput; filter: { parentId?: number; level?: OrgLevel; q?: string } };

export async function listOrganizations({ db, actor, page, filter }: ListOrganizationsOptions) {
  const where: Prisma.OrganizationWhereInput = {
    AND: [
      organizationScopeWhere(actor, 'org.read'),
      filter.parentId ? { parentId: filter.parentId } : {},
      filter.level ? { level: filter.level } : {},
      filter.q ? await containsLiterally(db, 'organizations', { name: 'name', code: 'code' }, filter.q) : {},
    ],
  };
  const [items, total] = await db.$transaction([
    db.organization.findMany({ where, select: organizationSelect, orderBy: [{ path: 'asc' }], ...pageWindow(page) }),
    db.organization.count({ where }),
  ]);
  return { items, total, ...page };
}

export type CreateOrganizationOptions = {
  db: Db; actor: Actor; meta: RequestMeta;
  input: { code: string; name: string; level: OrgLevel; parentId?: number };
};

/** Adds an organisation under a parent in the actor's scope; only admins create a root. */
export async function createOrganization({ db, actor, meta, input }: CreateOrganizationOptions): Promise<OrganizationRow> {
  const parent = input.parentId ? await db.organization.findUnique({ where: { id: input.parentId }, select: organizationSelect }) : null;
  if (input.parentId && !parent) throw new NotFoundError('上级单位不存在或无权访问');
  if (parent) authorize(actor, 'org.create', { organizationPath: parent.path });
  else requirePermission(actor, 'org.createRoot');
  if (parent && levelOrder.indexOf(input.level) <= levelOrder.indexOf(parent.level)) {
    throw new ValidationError('下级单位的层级必须低于上级单位', [{ path: 'body.level', message: `上级单位层级为 ${parent.level}` }]);
  }
  const code = input.code.trim();
  if (await db.organization.findUnique({ where: { code }, select: { id: true } })) throw new ConflictError(`单位代码 ${code} 已存在`);
  return db.$transaction(async (tx) => {
    const created = await tx.organization.create({ data: { code, name: input.name.trim(), level: input.level, parentId: parent?.id ?? null, path: '' }, select: { id: true } });
    // The path embeds the new id, so it can only be written once the id exists.
    const organization = await tx.organization.update({ where: { id: created.id }, data: { path: `${parent?.path ?? '/'}${created.id}/` }, select: organizationSelect });
    await recordAudit(tx, { actorId: actor.userId, action: 'organization.create', subjectType: 'organization', subjectId: organization.id, organizationId: organization.id, details: { code, name: organization.name, level: organization.level }, meta });
    return organization;
  });
}
