import { z } from 'zod';
import { defineRoute } from '../http/route.ts';
import { Timestamp } from '../http/schemas.ts';
import { nextFirings } from './next-firings.ts';

export const NextFiringsQuery = z.object({
  expression: z.string().trim().min(1).max(64).meta({ description: 'cron 表达式（北京时间），例如每月 1 日零点：0 0 1 * *' }),
  count: z.coerce.number().int().min(1).max(20).default(5),
});

export const NextFiringsView = z.object({
  expression: z.string(),
  timezone: z.literal('Asia/Shanghai'),
  firings: z.array(z.object({ at: Timestamp, beijing: z.string().meta({ description: '北京时间，例如 2027-01-01 00:00 周五' }) })),
});

/** Registered before /api/campaigns/:id, whose id would not accept this path's last segment. */
export const nextFiringsRoute = defineRoute({
  method: 'get', path: '/api/campaigns/recurrence-preview', tag: '学讲述考', summary: '周期的后续触发时间（北京时间，与任务生成使用同一套规则）',
  access: { kind: 'permission', permission: 'campaign.manage' }, query: NextFiringsQuery, response: NextFiringsView,
  handler: async ({ query }, { deps }) => nextFirings(query.expression, deps.clock.now(), query.count),
});
