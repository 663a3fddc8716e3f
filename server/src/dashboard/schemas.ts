import { z } from 'zod';
import { RecordId, Timestamp } from '../http/schemas.ts';
import { OrgLevelSchema } from '../organizations/schemas.ts';

export const DashboardQuery = z.object({
  organizationId: RecordId.meta({ description: '查看的单位（含下级）' }),
  from: Timestamp.meta({ description: '时段起点（含）' }),
  to: Timestamp.meta({ description: '时段终点（不含）' }),
});

const TaskCount = z.object({ total: z.number().int(), done: z.number().int() });

export const DashboardNumbers = z.object({
  cadres: z.number().int().meta({ description: '在岗干部人数' }),
  participants: z.number().int().meta({ description: '时段内有认定学时（线上或线下）的人数' }),
  onlineMinutes: z.number().int().meta({ description: '时段内开始的学习认定的线上学时（分钟）' }),
  offlineMinutes: z.number().int().meta({ description: '时段内举行的活动出席计入的线下学时（分钟）' }),
  tasks: z.object({ study: TaskCount, lecture: TaskCount, report: TaskCount, exam: TaskCount })
    .meta({ description: '截止日在时段内的任务，按要求（学：学时与会前学法；讲；述；考）' }),
  exams: z.object({
    attempts: z.number().int(), passed: z.number().int(),
    passRate: z.number().nullable().meta({ description: '0–1；无答卷时为 null' }),
    averagePercent: z.number().nullable().meta({ description: '平均得分率（0–100）' }),
  }).meta({ description: '时段内交卷的答卷' }),
  openFlags: z.record(z.string(), z.number().int()).meta({ description: '时段内待审核的异常标记，按类型' }),
});

export const DashboardView = z.object({
  organization: z.object({ id: z.number().int(), name: z.string(), level: OrgLevelSchema }),
  from: Timestamp,
  to: Timestamp,
  totals: DashboardNumbers,
  children: z.array(z.object({ organizationId: z.number().int(), name: z.string(), level: OrgLevelSchema, numbers: DashboardNumbers }))
    .meta({ description: '直属下级单位（各含其下级）' }),
  people: z.array(z.object({ userId: z.number().int(), name: z.string(), numbers: DashboardNumbers }))
    .meta({ description: '直接隶属本单位的干部' }),
});

export type DashboardNumbersValue = z.infer<typeof DashboardNumbers>;
