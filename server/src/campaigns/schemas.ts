import { z } from 'zod';
import { PageQuery, Timestamp, RecordId } from '../http/schemas.ts';
import { StatuteSlug } from '../statutes/schemas.ts';
import { recurrenceProblem } from './recurrence.ts';

const Count = z.number().int().min(1).max(1000);

// Strict: an unknown key in params is a mistake to report, not data to keep.
export const RequirementParams = {
  study: z.strictObject({ minutes: z.number().int().min(1).max(100_000).meta({ description: '每个周期应认定的学时（分钟）' }), statutes: z.array(StatuteSlug).max(20).optional().meta({ description: '只计这些法规的学习' }) }),
  meeting: z.strictObject({ count: Count.meta({ description: '每个周期应参加的会前学法等线下学法次数' }) }),
  lecture: z.strictObject({ count: Count.meta({ description: '每个周期应讲法的次数（经组织者核实）' }) }),
  report: z.strictObject({ rubric: z.array(z.strictObject({ name: z.string().trim().min(2).max(50), maxScore: z.number().positive().max(100) })).min(1).max(12).meta({ description: '述法评分细则，例如 学法用法、依法决策' }) }),
  exam: z.strictObject({ blueprintId: z.number().int().positive(), windowDays: z.number().int().min(1).max(90), attemptsAllowed: z.number().int().min(1).max(5).default(1) }),
} as const;

const RequirementKind = z.enum(['study', 'meeting', 'lecture', 'report', 'exam']);
const requirementFields = {
  kind: RequirementKind,
  title: z.string().trim().min(2).max(100),
  params: z.record(z.string(), z.unknown()),
  recurrence: z.string().trim().min(9).max(64).optional().meta({ description: 'cron 表达式（北京时间），每次触发开始一个新周期，例如每季度：0 0 1 1,4,7,10 *' }),
  dueAt: Timestamp.optional().meta({ description: '一次性要求的截止时间' }),
};
type RequirementFields = { kind: z.infer<typeof RequirementKind>; recurrence?: string; dueAt?: string; params: Record<string, unknown> };

function checkRequirement(body: RequirementFields, ctx: z.RefinementCtx): void {
  if (Boolean(body.recurrence) === Boolean(body.dueAt)) ctx.addIssue({ code: 'custom', path: ['recurrence'], message: '请设置周期（recurrence）或截止时间（dueAt），二者之一' });
  const recurrence = body.recurrence ? recurrenceProblem(body.recurrence) : null;
  if (recurrence) ctx.addIssue({ code: 'custom', path: ['recurrence'], message: recurrence });
  const parsed = RequirementParams[body.kind].safeParse(body.params);
  if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: ['params', ...issue.path.map(String)], message: issue.message });
}

/** What is stored is what the kind's schema parsed (defaults filled in), never the raw object. */
const withParsedParams = <T extends RequirementFields>(body: T): T => ({ ...body, params: RequirementParams[body.kind].parse(body.params) as Record<string, unknown> });

export const RequirementBody = z.object(requirementFields).superRefine(checkRequirement).transform(withParsedParams);

const campaignFields = {
  name: z.string().trim().min(2).max(100),
  period: z.string().trim().min(2).max(40).meta({ description: '例如 2027 年度' }),
  startsAt: Timestamp,
  endsAt: Timestamp,
};
const audienceFields = {
  organizationIds: z.array(z.number().int().positive()).max(200).default([]),
  userIds: z.array(z.number().int().positive()).max(5000).default([]),
  keyMinorityOnly: z.boolean().default(true).meta({ description: '只面向所选单位的关键少数（单独列出的人员不受此限）' }),
};

export const CreateCampaignBody = z.object({
  organizationId: z.number().int().positive(),
  ...campaignFields,
  audience: z.object(audienceFields),
  requirements: z.array(RequirementBody).min(1).max(30),
});

/** The whole campaign as create takes it, less its organisation (which never moves); every level strict. */
export const UpdateCampaignBody = z.strictObject({
  ...campaignFields,
  audience: z.strictObject(audienceFields),
  requirements: z.array(z.strictObject({
    id: z.number().int().positive().optional().meta({ description: '已有要求的 id；不填为新增要求' }),
    ...requirementFields,
  }).superRefine(checkRequirement).transform(withParsedParams)).min(1).max(30),
});

export const RequirementView = z.object({
  id: z.number().int(), kind: RequirementKind, title: z.string(),
  params: z.record(z.string(), z.unknown()), recurrence: z.string().nullable(), dueAt: Timestamp.nullable(),
});

export const CampaignView = z.object({
  id: z.number().int(), organizationId: z.number().int(), name: z.string(), period: z.string(), startsAt: Timestamp, endsAt: Timestamp,
  audience: z.object({ organizationIds: z.array(z.number().int()), userIds: z.array(z.number().int()), keyMinorityOnly: z.boolean() }),
  requirements: z.array(RequirementView),
});

export const TaskState = z.enum(['not_started', 'in_progress', 'submitted', 'returned', 'done', 'overdue']);
export const TaskView = z.object({
  id: z.number().int(),
  campaign: z.object({ id: z.number().int(), name: z.string() }),
  requirement: z.object({ id: z.number().int(), kind: z.enum(['study', 'meeting', 'lecture', 'report', 'exam']), title: z.string() }),
  periodKey: z.string(),
  opensAt: Timestamp,
  dueAt: Timestamp,
  state: TaskState,
  progress: z.object({ done: z.number(), required: z.number(), unit: z.string() }),
  missing: z.string().nullable().meta({ description: '还差什么（中文）' }),
  examId: z.number().int().nullable(),
});

export const MyTasksQuery = PageQuery.extend({ state: TaskState.optional() });

export const CompletionQuery = z.object({
  organizationId: RecordId.optional().meta({ description: '只看该单位及其下级；并列出该单位本身的人员（不含下级单位的人员）。不填则只按单位统计、不列人员' }),
});
export const CompletionView = z.object({
  campaignId: z.number().int(),
  requirements: z.array(z.object({
    id: z.number().int(), title: z.string(), kind: z.string(), periodKey: z.string().nullable(),
    byOrganization: z.array(z.object({ organizationId: z.number().int(), organizationName: z.string(), people: z.number().int(), done: z.number().int(), rate: z.number() })),
    people: z.array(z.object({ userId: z.number().int(), name: z.string(), organizationId: z.number().int(), organizationName: z.string(), state: TaskState, missing: z.string().nullable() })),
  })),
});

export const LectureBody = z.object({
  title: z.string().trim().min(2).max(200),
  givenAt: Timestamp,
  audienceSize: z.number().int().min(1).max(100_000),
  statutes: z.array(StatuteSlug).max(20).default([]),
  campaignId: z.number().int().positive().optional(),
});
export const LectureView = z.object({
  id: z.number().int(), userId: z.number().int(), name: z.string(), organizationName: z.string(), campaignId: z.number().int().nullable(),
  title: z.string(), givenAt: Timestamp, audienceSize: z.number().int(), statutes: z.array(z.string()), materialName: z.string().nullable(),
  status: z.enum(['pending', 'verified', 'rejected']), reviewNote: z.string().nullable(), reviewedAt: Timestamp.nullable(),
});
export const LectureReviewBody = z.object({ decision: z.enum(['verify', 'reject']), note: z.string().trim().max(500).optional() });
export const LectureListQuery = PageQuery.extend({ status: z.enum(['pending', 'verified', 'rejected']).optional() });

export const LawReportBody = z.object({ taskId: z.number().int().positive(), content: z.string().trim().min(50, { error: '述法报告至少 50 字' }).max(50_000) });
export const LawReportView = z.object({
  id: z.number().int(), campaign: z.object({ id: z.number().int(), name: z.string() }), requirementId: z.number().int(), requirementTitle: z.string(),
  rubric: z.array(z.object({ name: z.string(), maxScore: z.number() })), userId: z.number().int(), name: z.string(), organizationName: z.string(),
  periodKey: z.string(), content: z.string(), attachmentName: z.string().nullable(), status: z.enum(['submitted', 'returned', 'scored']),
  revision: z.number().int(), submittedAt: Timestamp, returnNote: z.string().nullable(), scores: z.record(z.string(), z.number()).nullable(),
  totalScore: z.number().nullable(), reviewedAt: Timestamp.nullable(),
});
export const LawReportReviewBody = z.object({
  decision: z.enum(['score', 'return']),
  scores: z.record(z.string(), z.number()).optional().meta({ description: '按评分细则逐项打分' }),
  note: z.string().trim().max(500).optional(),
});
export const LawReportListQuery = PageQuery.extend({ status: z.enum(['submitted', 'returned', 'scored']).optional() });

export const ArchiveQuery = z.object({ userId: RecordId.optional().meta({ description: '不填为本人' }), from: Timestamp, to: Timestamp });
export const ArchiveView = z.object({
  user: z.object({ id: z.number().int(), name: z.string(), organizationName: z.string() }),
  from: Timestamp, to: Timestamp,
  totals: z.object({ onlineMinutes: z.number().int(), offlineMinutes: z.number().int(), sessions: z.number().int(), meetingsAttended: z.number().int(), lecturesVerified: z.number().int(), reportsScored: z.number().int(), examsPassed: z.number().int(), flags: z.number().int() }),
  entries: z.array(z.object({ kind: z.enum(['study', 'attendance', 'lecture', 'report', 'exam']), at: Timestamp, title: z.string(), detail: z.string(), evidence: z.string().meta({ description: '证据所在的接口路径' }) })),
});

export const CircularQuery = z.object({
  organizationId: RecordId.optional(),
  includePeople: z.stringbool().default(false).meta({ description: '是否列出个人（默认只按单位排名）' }),
});
export const CircularView = z.object({
  campaignId: z.number().int(), name: z.string(), period: z.string(), generatedAt: Timestamp,
  requirements: z.array(z.object({
    id: z.number().int(), title: z.string(), kind: z.string(), periodKey: z.string().nullable(),
    units: z.array(z.object({ rank: z.number().int(), organizationId: z.number().int(), organizationName: z.string(), people: z.number().int(), done: z.number().int(), rate: z.number() })),
    people: z.array(z.object({ userId: z.number().int(), name: z.string(), organizationName: z.string(), state: TaskState, missing: z.string().nullable() })).nullable(),
  })),
});
