import type { Prisma } from '../../generated/mysql/client.ts';
import type { Actor } from '../auth/actor.ts';
import type { Db, Tx } from '../db/client.ts';
import type { RequestMeta } from '../http/route.ts';
import { pageWindow, type PageInput } from '../http/schemas.ts';
import { organizationScopeWhere, scopeFor } from '../policy.ts';

export type AuditEntry = {
  actorId: number | null;
  action: string;
  subjectType: string;
  subjectId: string | number;
  organizationId: number | null;
  details?: Prisma.InputJsonValue;
  meta?: RequestMeta;
};

/** Appends to the audit log; pass the transaction so the entry commits with the change it records. */
export async function recordAudit(db: Db | Tx, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      actorId: entry.actorId, action: entry.action, subjectType: entry.subjectType, subjectId: String(entry.subjectId),
      organizationId: entry.organizationId, details: entry.details ?? undefined,
      ip: entry.meta?.ip.slice(0, 64) ?? null, requestId: entry.meta?.requestId ?? null,
    },
  });
}

export type ListAuditLogsOptions = {
  db: Db;
  actor: Actor;
  page: PageInput;
  filter: { subjectType?: string; subjectId?: string; actorId?: number; action?: string; from?: Date; to?: Date };
};

/** The audit log of the actor's subtrees, newest first; admins also see entries without an organisation. */
export async function listAuditLogs({ db, actor, page, filter }: ListAuditLogsOptions) {
  const everything = scopeFor(actor, 'audit.read') === 'all';
  const organizationIds = everything ? undefined
    : (await db.organization.findMany({ where: organizationScopeWhere(actor, 'audit.read'), select: { id: true } })).map((o) => o.id);
  const where: Prisma.AuditLogWhereInput = {
    ...(organizationIds ? { organizationId: { in: organizationIds } } : {}),
    ...(filter.subjectType ? { subjectType: filter.subjectType } : {}),
    ...(filter.subjectId ? { subjectId: filter.subjectId } : {}),
    ...(filter.actorId ? { actorId: filter.actorId } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.from || filter.to ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } } : {}),
  };
  const [items, total] = await db.$transaction([
    db.auditLog.findMany({ where, orderBy: { id: 'desc' }, ...pageWindow(page) }),
    db.auditLog.count({ where }),
  ]);
  return { items, total, ...page };
}
