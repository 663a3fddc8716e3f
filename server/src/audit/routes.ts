import { z } from 'zod';
import { defineRoute } from '../http/route.ts';
import { PageQuery, Timestamp, RecordId } from '../http/schemas.ts';
import { listAuditLogs } from './service.ts';

const AuditLogView = z.object({
  id: z.string().meta({ description: '日志 id（64 位整数，以字符串表示）' }),
  actorId: z.number().int().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  organizationId: z.number().int().nullable(),
  details: z.unknown(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  createdAt: Timestamp,
});

const AuditQuery = PageQuery.extend({
  subjectType: z.string().max(40).optional(),
  subjectId: z.string().max(64).optional(),
  actorId: RecordId.optional(),
  action: z.string().max(64).optional(),
  from: z.coerce.date().optional().meta({ description: '起始时间（含）' }),
  to: z.coerce.date().optional().meta({ description: '截止时间（不含）' }),
});

export const auditRoutes = [
  defineRoute({
    method: 'get', path: '/api/audit-logs', tag: '审计', summary: '审计日志（本人管辖范围内）',
    access: { kind: 'permission', permission: 'audit.read' }, query: AuditQuery, response: AuditLogView, paginated: true,
    async handler({ query }, { deps, actor }) {
      const { page, pageSize, ...filter } = query;
      const result = await listAuditLogs({ db: deps.db, actor, page: { page, pageSize }, filter });
      return { ...result, items: result.items.map((log) => ({ ...log, id: String(log.id), createdAt: log.createdAt.toISOString() })) };
    },
  }),
];
