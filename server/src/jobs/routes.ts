import { z } from 'zod';
import { defineRoute } from '../http/route.ts';
import { PageQuery, Timestamp } from '../http/schemas.ts';
import { listJobRuns } from './runs.ts';

const JobRunStatusSchema = z.enum(['running', 'succeeded', 'failed']).meta({ description: 'running 执行中（或执行它的实例已中断）、succeeded 成功、failed 失败' });

const JobRunView = z.object({
  id: z.string().meta({ description: '执行记录 id（64 位整数，以字符串表示）' }),
  jobName: z.string().meta({ description: '任务名，例如 exam-deadline-sweep' }),
  scheduledAt: Timestamp.meta({ description: '本次执行对应的计划触发时间' }),
  instanceId: z.string().meta({ description: '执行本次任务的服务实例' }),
  status: JobRunStatusSchema,
  startedAt: Timestamp,
  finishedAt: Timestamp.nullable(),
  error: z.string().nullable().meta({ description: '失败原因（仅失败时）' }),
  summary: z.unknown().meta({ description: '任务返回的执行摘要，例如 {"closed": 3}' }),
});

const JobRunQuery = PageQuery.extend({
  jobName: z.string().max(64).optional(),
  status: JobRunStatusSchema.optional(),
});

export const jobRunRoutes = [
  defineRoute({
    method: 'get', path: '/api/job-runs', tag: '定时任务', summary: '定时任务执行记录（最新在前）',
    // Runs are system-wide and name hosts and processes: administrators only, not county organisers.
    access: { kind: 'permission', permission: 'system.read' }, query: JobRunQuery, response: JobRunView, paginated: true,
    async handler({ query }, { deps }) {
      const { page, pageSize, ...filter } = query;
      const result = await listJobRuns({ db: deps.db, page: { page, pageSize }, filter });
      return {
        ...result,
        items: result.items.map((run) => ({
          ...run, id: String(run.id), scheduledAt: run.scheduledAt.toISOString(), startedAt: run.startedAt.toISOString(),
          finishedAt: run.finishedAt?.toISOString() ?? null, summary: run.summary ?? null,
        })),
      };
    },
  }),
];
