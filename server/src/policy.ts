// The one place that decides what an actor may do. Routes declare the permission they need
// (role check → 403); services call `authorize` or use `scopeWhere` for each record (scope
// check → 404, so a foreign organisation's records are indistinguishable from missing ones).
import type { Role } from '../generated/mysql/enums.ts';
import type { Actor } from './auth/actor.ts';
import { ForbiddenError, NotFoundError } from './errors.ts';

export type Permission =
  | 'org.read'
  | 'org.create'
  | 'org.createRoot'
  | 'user.read'
  | 'user.create'
  | 'user.update'
  | 'user.invite'
  | 'user.grantStaffRoles'
  | 'audit.read';

const permissionsByRole: Record<Role, readonly Permission[]> = {
  admin: ['org.read', 'org.create', 'org.createRoot', 'user.read', 'user.create', 'user.update', 'user.invite', 'user.grantStaffRoles', 'audit.read'],
  organiser: ['org.read', 'org.create', 'user.read', 'user.create', 'user.update', 'user.invite', 'audit.read'],
  bureau: ['org.read', 'user.read', 'audit.read'],
  cadre: [],
};

/** Organisation subtrees (by path prefix) where the actor holds a permission, or 'all'. */
export type Scope = 'all' | string[];

export function scopeFor(actor: Actor, permission: Permission): Scope {
  const paths: string[] = [];
  for (const grant of actor.roles) {
    if (!permissionsByRole[grant.role].includes(permission)) continue;
    if (grant.role === 'admin') return 'all';
    if (grant.scopePath) paths.push(grant.scopePath);
  }
  return paths;
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.roles.some((grant) => permissionsByRole[grant.role].includes(permission));
}

/** Role check for a route: may this actor use this kind of operation at all? */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!hasPermission(actor, permission)) throw new ForbiddenError();
}

export function inScope(scope: Scope, organizationPath: string): boolean {
  return scope === 'all' || scope.some((prefix) => organizationPath.startsWith(prefix));
}

/** Record check: the subject must sit inside one of the actor's subtrees for that permission. */
export function authorize(actor: Actor, permission: Permission, subject: { organizationPath: string }): void {
  requirePermission(actor, permission);
  if (!inScope(scopeFor(actor, permission), subject.organizationPath)) throw new NotFoundError();
}

/** Prisma filter on an organisation's `path` that keeps a query inside the actor's scope. */
export function organizationScopeWhere(actor: Actor, permission: Permission): { OR?: Array<{ path: { startsWith: string } }> } {
  const scope = scopeFor(actor, permission);
  if (scope === 'all') return {};
  // An empty OR matches nothing, which is right for an actor without any subtree.
  return { OR: scope.map((prefix) => ({ path: { startsWith: prefix } })) };
}
