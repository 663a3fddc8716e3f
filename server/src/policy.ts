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
  | 'audit.read'
  /** See the whole system's internals: scheduled job runs with their hosts and summaries. */
  | 'system.read'
  /** See keys and explanations, list questions under review, export. */
  | 'question.review'
  /** Import, edit and review an organisation's own questions; with scope 'all', the national bank too. */
  | 'question.manage'
  /** Replace a statute's text with a new revision. */
  | 'statute.manage'
  /** Define paper blueprints and exams, overrides and make-ups, for an organisation subtree. */
  | 'exam.manage'
  /** See an exam's attempts, results and item statistics. */
  | 'exam.results'
  /** Assemble courses, hold study meetings and record attendance. */
  | 'study.manage'
  /** Review study sessions and flags, and read the study reports. */
  | 'study.review'
  /** Create 学·讲·述·考 campaigns and verify lectures. */
  | 'campaign.manage'
  /** Score 述法 reports, read completion, archives and circulars. */
  | 'campaign.review';

const permissionsByRole: Record<Role, readonly Permission[]> = {
  admin: ['org.read', 'org.create', 'org.createRoot', 'user.read', 'user.create', 'user.update', 'user.invite', 'user.grantStaffRoles', 'audit.read', 'system.read', 'question.review', 'question.manage', 'statute.manage', 'exam.manage', 'exam.results', 'study.manage', 'study.review', 'campaign.manage', 'campaign.review'],
  organiser: ['org.read', 'org.create', 'user.read', 'user.create', 'user.update', 'user.invite', 'audit.read', 'question.review', 'question.manage', 'exam.manage', 'exam.results', 'study.manage', 'study.review', 'campaign.manage', 'campaign.review'],
  bureau: ['org.read', 'user.read', 'audit.read', 'question.review', 'exam.results', 'study.review', 'campaign.review'],
  cadre: [],
};

/** Every permission there is: administrators hold them all. */
export const PERMISSIONS: readonly [Permission, ...Permission[]] = permissionsByRole.admin as [Permission, ...Permission[]];

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

/** Every permission the actor holds somewhere (the console builds its menu from these). */
export function permissionsOf(actor: Actor): Permission[] {
  return PERMISSIONS.filter((permission) => hasPermission(actor, permission));
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

/** Ids of the organisations on a materialised path ("/1/4/9/" → [1, 4, 9]). */
export function pathIds(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

/**
 * Questions an actor may see: the national bank, those of their own organisation and its
 * ancestors (a city's questions reach its counties), and, for staff, those of the subtrees
 * they review.
 */
export function questionVisibilityWhere(actor: Actor) {
  const reviewScope = scopeFor(actor, 'question.review');
  if (reviewScope === 'all') return {};
  return {
    OR: [
      { organizationId: null },
      { organizationId: { in: pathIds(actor.organizationPath) } },
      ...reviewScope.map((prefix) => ({ organization: { path: { startsWith: prefix } } })),
    ],
  };
}

/**
 * May the actor change this question? The national bank is read-only except to administrators
 * (403, since its existence is no secret); another organisation's question is a 404.
 */
export function authorizeQuestionChange(actor: Actor, question: { organization: { path: string } | null }): void {
  requirePermission(actor, 'question.manage');
  const scope = scopeFor(actor, 'question.manage');
  if (!question.organization) {
    if (scope !== 'all') throw new ForbiddenError('全国题库为只读，不能修改；可将题目导出后作为本单位题目导入');
    return;
  }
  if (!inScope(scope, question.organization.path)) throw new NotFoundError();
}
