import { z } from 'zod';
import { RecordId } from '../http/schemas.ts';
import { StatuteSlug } from '../statutes/schemas.ts';

const Ratio = z.number().meta({ description: '0–1，保留三位小数' });

export const ItemStatisticsView = z.object({
  attempts: z.number().int().meta({ description: '参与统计的已交卷次数' }),
  items: z.array(z.object({
    questionId: z.number().int(),
    externalId: z.string(),
    stem: z.string(),
    statute: z.string().nullable(),
    responses: z.number().int(),
    facility: Ratio.meta({ description: '难度系数（得分率）' }),
    discrimination: z.number().nullable().meta({ description: '区分度：高分组（前 27%）与低分组（后 27%）得分率之差；只在单场考试的统计中给出（不同考试的总分不可比，题库统计为 null，见点二列相关）' }),
    pointBiserial: z.number().nullable().meta({ description: '点二列相关（去除本题后的总分）' }),
    optionCounts: z.record(z.string(), z.number().int()).meta({ description: '各选项被选次数（按题目原选项字母）' }),
    flagged: z.boolean().meta({ description: '区分度为负：答案可能有误或题目有歧义，需复核' }),
  })),
  byStatute: z.array(z.object({ statute: z.string(), responses: z.number().int(), facility: Ratio })),
  byOrganization: z.array(z.object({ organization: z.string(), statute: z.string(), responses: z.number().int(), facility: Ratio })),
});

export const BankStatisticsQuery = z.object({ statute: StatuteSlug.optional() });

export const HeatmapQuery = z.object({
  examId: RecordId.optional().meta({ description: '只看这场考试' }),
  statute: StatuteSlug.optional(),
});

export const HeatmapView = z.object({
  organizations: z.array(z.object({ id: z.number().int(), name: z.string() })),
  statutes: z.array(z.object({ id: z.number().int(), title: z.string() })),
  cells: z.array(z.object({
    organizationId: z.number().int(), organizationName: z.string(), statuteId: z.number().int(), statuteTitle: z.string(),
    responses: z.number().int().meta({ description: '作答题次' }), facility: Ratio.meta({ description: '得分率' }),
  })),
});
