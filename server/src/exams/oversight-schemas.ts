import { z } from 'zod';
import { Timestamp } from '../http/schemas.ts';
import { BlueprintRule, MAX_RULE_COUNT } from './schemas.ts';

const QuestionType = z.enum(['single', 'multiple', 'judge', 'fill']);
const DRAFT_COUNT = `每行题数应为 0–${MAX_RULE_COUNT} 的整数`;
const MAX_DRAFT_ROWS = 60;

/** A row as the editor holds it while the organiser types: a count of 0 is allowed (not yet filled in). */
const DraftRule = BlueprintRule.extend({
  count: z.number({ error: DRAFT_COUNT }).int({ error: DRAFT_COUNT }).min(0, { error: DRAFT_COUNT }).max(MAX_RULE_COUNT, { error: DRAFT_COUNT }),
});

export const BlueprintDraftBody = z.object({
  organizationId: z.number({ error: '请选择组卷单位' }).int({ error: '组卷单位不正确' }).positive({ error: '组卷单位不正确' })
    .meta({ description: '组卷单位（题库范围为全国题库与本单位及上级单位的题目）' }),
  rules: z.array(DraftRule, { error: '组卷规则应为一组行' }).min(1, { error: '至少需要一行组卷规则' }).max(MAX_DRAFT_ROWS, { error: `组卷规则至多 ${MAX_DRAFT_ROWS} 行` }),
});

export const PoolCountsView = z.object({
  rows: z.array(z.object({
    index: z.number().int(),
    available: z.number().int().meta({ description: '符合该行条件的在用题目数' }),
    requested: z.number().int(),
    problem: z.string().nullable().meta({ description: '按此组卷时该行无法满足的原因（已扣除前面各行抽走的题目）' }),
  })),
  totalRequested: z.number().int(),
  feasible: z.boolean(),
});

export const PaperPreviewView = z.object({
  shortRows: z.array(z.number().int()).meta({ description: '题目不足、未能抽题的行' }),
  items: z.array(z.object({
    ordinal: z.number().int(), rule: z.number().int(), questionId: z.number().int(), type: QuestionType, stem: z.string(),
    options: z.array(z.object({ key: z.string(), text: z.string() })).nullable(), statute: z.string().nullable(),
  })),
});

export const AudienceCountBody = z.object({
  organizationIds: z.array(z.number().int().positive()).max(200).default([]),
  userIds: z.array(z.number().int().positive()).max(5000).default([]),
  keyMinorityOnly: z.boolean().default(false),
});

export const AudienceCountView = z.object({
  total: z.number().int().meta({ description: '考试对象人数（在职干部，去重）' }),
  byUnit: z.array(z.object({ organizationId: z.number().int(), name: z.string(), people: z.number().int() })),
  namedOnly: z.number().int().meta({ description: '单独指定、不在所选单位范围（或关键少数条件）内的人数，已计入总数' }),
});

const Progress = { audience: z.number().int(), notStarted: z.number().int(), inProgress: z.number().int(), submitted: z.number().int() };

export const ExamMonitorView = z.object({
  examId: z.number().int(), title: z.string(), serverNow: Timestamp, opensAt: Timestamp, closesAt: Timestamp,
  state: z.enum(['upcoming', 'open', 'closed']),
  totals: z.object(Progress),
  byOrganization: z.array(z.object({ organizationId: z.number().int(), organizationName: z.string(), ...Progress })),
});

export const ReminderResultView = z.object({
  people: z.number().int().meta({ description: '尚未开始考试的人数' }),
  queued: z.number().int().meta({ description: '新排入发送队列的消息条数（每人每个渠道一条；同一天重复提醒不再排入）' }),
  duplicates: z.number().int(),
  overBudget: z.number().int(),
});

export const ExamResultsView = z.object({
  exam: z.object({ id: z.number().int(), title: z.string(), maxScore: z.number(), passMark: z.number(), scoring: z.enum(['best', 'last']), makeUpOfId: z.number().int().nullable() }),
  totals: z.object({ audience: z.number().int(), sat: z.number().int(), absent: z.number().int(), passed: z.number().int(), passRate: z.number() }),
  byOrganization: z.array(z.object({
    organizationId: z.number().int(), organizationName: z.string(), audience: z.number().int(), sat: z.number().int(), absent: z.number().int(),
    passed: z.number().int(), passRate: z.number(), meanScore: z.number().nullable(),
  })),
  distribution: z.array(z.object({ from: z.number(), to: z.number(), people: z.number().int() })).meta({ description: '按满分的十分之一分段的人数' }),
});
