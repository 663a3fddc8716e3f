// Editing a unit: its name, code and level, or moving it (with its whole subtree) under another
// parent. A unit may be edited by whoever could have created it, i.e. whose parent lies in the
// actor's scope; the root of one's own scope is edited from above.
import type { OrgLevel } from '../../generated/mysql/client.ts';
import type { Actor } from '../auth/actor.ts';
import { publishRevocation } from '../auth/revocations.ts';
import { recordAudit } from '../audit/service.ts';
import type { Db, Tx } from '../db/client.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import type { RequestMeta } from '../http/route.ts';
import { inScope, requirePermission, scopeFor } from '../policy.ts';
import { organizationSelect, type OrganizationRow } from './queries.ts';
import { levelOrder } from './service.ts';

export type UpdateOrganizationInput = { code?: string; name?: string; level?: OrgLevel; parentId?: number };

type Parent = { id: number; path: string; level: OrgLevel };

/** Could the actor create a unit under this path? The same rule decides edits; failing it is a 404, as for a missing unit. */
const mayCreateUnder = (actor: Actor, path: string) => inScope(scopeFor(actor, 'org.create'), path);
const isBelow = (level: OrgLevel, parent: OrgLevel) => levelOrder.indexOf(level) > levelOrder.indexOf(parent);

/** The unit and its current parent, if the actor may edit it: 404 outside their scope, 403 for their scope's own root. */
async function editableOrganization(db: Db, actor: Actor, id: number): Promise<{ unit: OrganizationRow; parent: Parent | null }> {
  const unit = await db.organization.findUnique({ where: { id }, select: organizationSelect });
  if (!unit || !mayCreateUnder(actor, unit.path)) throw new NotFoundError('单位不存在或无权访问');
  if (unit.parentId === null) {
    requirePermission(actor, 'org.createRoot');
    return { unit, parent: null };
  }
  const parent = await db.organization.findUniqueOrThrow({ where: { id: unit.parentId }, select: { id: true, path: true, level: true } });
  if (!mayCreateUnder(actor, parent.path)) throw new ForbiddenError('这是您管辖范围的最上级单位，只能由上级或管理员修改');
  return { unit, parent };
}

/** The parent the unit moves under: in the actor's scope, and never the unit itself or one of its descendants. */
async function newParentOrThrow(db: Db, actor: Actor, unit: OrganizationRow, parentId: number): Promise<Parent> {
  const parent = await db.organization.findUnique({ where: { id: parentId }, select: { id: true, path: true, level: true } });
  if (!parent || !mayCreateUnder(actor, parent.path)) throw new NotFoundError('上级单位不存在或无权访问');
  if (parent.path.startsWith(unit.path)) {
    throw new ValidationError('不能把单位移到它自己或它的下级单位之下', [{ path: 'body.parentId', message: '请选择本单位及其下级以外的单位' }]);
  }
  return parent;
}

async function checkLevel(db: Db, unitId: number, level: OrgLevel, parent: Parent | null, changedField: string): Promise<void> {
  if (parent && !isBelow(level, parent.level)) {
    throw new ValidationError('下级单位的层级必须低于上级单位', [{ path: changedField, message: `上级单位层级为 ${parent.level}` }]);
  }
  const children = await db.organization.findMany({ where: { parentId: unitId }, select: { level: true }, distinct: ['level'] });
  if (children.some((child) => !isBelow(child.level, level))) {
    throw new ValidationError('单位的层级必须高于它的下级单位', [{ path: 'body.level', message: '该单位已有同级或更高层级的下级单位' }]);
  }
}

export type UpdateOrganizationOptions = { db: Db; actor: Actor; meta: RequestMeta; id: number; input: UpdateOrganizationInput };

export async function updateOrganization({ db, actor, meta, id, input }: UpdateOrganizationOptions): Promise<OrganizationRow> {
  const { unit, parent: currentParent } = await editableOrganization(db, actor, id);
  const moving = input.parentId !== undefined && input.parentId !== unit.parentId;
  const parent = moving ? await newParentOrThrow(db, actor, unit, input.parentId!) : currentParent;
  const level = input.level ?? unit.level;
  if (moving || level !== unit.level) await checkLevel(db, unit.id, level, parent, input.level ? 'body.level' : 'body.parentId');
  const code = input.code?.trim() ?? unit.code;
  if (code !== unit.code && await db.organization.findUnique({ where: { code }, select: { id: true } })) throw new ConflictError(`单位代码 ${code} 已存在`);
  const fields = { code, name: input.name?.trim() ?? unit.name, level, parentId: parent?.id ?? null };
  const changed = (Object.keys(fields) as Array<keyof typeof fields>).filter((key) => fields[key] !== unit[key]);
  if (!changed.length) return unit;
  const path = moving ? `${parent!.path}${unit.id}/` : unit.path;
  const updated = await db.$transaction(async (tx) => {
    if (moving) await movePaths(tx, unit.path, path);
    const row = await tx.organization.update({ where: { id: unit.id }, data: { ...fields, path }, select: organizationSelect });
    await recordAudit(tx, { actorId: actor.userId, action: 'organization.update', subjectType: 'organization', subjectId: unit.id, organizationId: unit.id, details: { changed, ...(moving ? { fromParentId: unit.parentId, toParentId: parent!.id } : {}) }, meta });
    return row;
  });
  if (moving) await refreshScopedStaff(db, path);
  return updated;
}

/** Rewrites the materialised path of every descendant (the unit itself is written by the caller). */
async function movePaths(tx: Tx, oldPath: string, newPath: string): Promise<void> {
  const descendants = await tx.organization.findMany({ where: { path: { startsWith: oldPath }, NOT: { path: oldPath } }, select: { id: true, path: true } });
  for (const descendant of descendants) {
    await tx.organization.update({ where: { id: descendant.id }, data: { path: newPath + descendant.path.slice(oldPath.length) } });
  }
}

/**
 * Cached sessions hold scope paths; an old path matches nothing any more, so it could only
 * narrow what someone sees, but staff scoped inside the moved subtree should not wait a minute.
 */
async function refreshScopedStaff(db: Db, path: string): Promise<void> {
  const grants = await db.roleGrant.findMany({ where: { scopeOrganization: { path: { startsWith: path } } }, select: { userId: true }, distinct: ['userId'] });
  for (const { userId } of grants) await publishRevocation(db, { userId });
}
