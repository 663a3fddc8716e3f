import { z } from 'zod';
import { decimalInt, PageQuery, RecordId, Timestamp } from '../http/schemas.ts';
import { StatuteSlug } from '../statutes/schemas.ts';

const QuestionType = z.enum(['single', 'multiple', 'judge', 'fill']);
const Points = z.number().positive().max(100);

const RULE_TYPE = '题型应为 single（单选）、multiple（多选）、judge（判断）或 fill（填空）';
const RULE_DIFFICULTY = '难度应为 1（易）、2（中）或 3（难），不限则不填';
export const MAX_RULE_COUNT = 200;
const RULE_COUNT = `每行题数应为 1–${MAX_RULE_COUNT} 的整数`;

/** One row of a random paper; each field's refusal says in Chinese what it takes (the editor shows it). */
export const BlueprintRule = z.object({
  statute: StatuteSlug.optional(),
  type: z.enum(QuestionType.options, { error: RULE_TYPE }),
  difficulty: z.number({ error: RULE_DIFFICULTY }).int({ error: RULE_DIFFICULTY }).min(1, { error: RULE_DIFFICULTY }).max(3, { error: RULE_DIFFICULTY }).optional(),
  count: z.number({ error: RULE_COUNT }).int({ error: RULE_COUNT }).min(1, { error: RULE_COUNT }).max(MAX_RULE_COUNT, { error: RULE_COUNT }),
});

export const CreateBlueprintBody = z.object({
  name: z.string().trim().min(2).max(100),
  organizationId: z.number().int().positive().meta({ description: '组卷单位（须在本人管辖范围内）' }),
  kind: z.enum(['random', 'fixed']),
  rules: z.array(BlueprintRule).max(60).default([]).meta({ description: '随机组卷：按 法规 × 题型 × 难度 抽题的数量' }),
  fixedQuestionIds: z.array(z.number().int().positive()).max(300).optional().meta({ description: '固定试卷的题目 id，按顺序' }),
  points: z.object({ single: Points, multiple: Points, judge: Points, fill: Points }),
  partialCredit: z.boolean().default(false).meta({ description: '多选、填空部分正确时按比例得分（多选错选不得分）' }),
  passMark: z.number().min(0),
  timeLimitMinutes: z.number().int().min(1).max(600),
  shuffleQuestions: z.boolean().default(true),
  shuffleOptions: z.boolean().default(true),
  preferUnseen: z.boolean().default(true).meta({ description: '优先抽取该干部没有做过的题目' }),
}).superRefine((body, ctx) => {
  if (body.kind === 'random' && !body.rules.length) ctx.addIssue({ code: 'custom', path: ['rules'], message: '随机组卷至少需要一条抽题规则' });
  if (body.kind === 'fixed' && !body.fixedQuestionIds?.length) ctx.addIssue({ code: 'custom', path: ['fixedQuestionIds'], message: '固定试卷需要列出题目' });
});

export const BlueprintView = z.object({
  id: z.number().int(),
  name: z.string(),
  organizationId: z.number().int(),
  kind: z.enum(['random', 'fixed']),
  rules: z.array(BlueprintRule),
  fixedQuestionIds: z.array(z.number().int()).nullable(),
  points: z.object({ single: z.number(), multiple: z.number(), judge: z.number(), fill: z.number() }),
  partialCredit: z.boolean(),
  passMark: z.number(),
  maxScore: z.number(),
  questionCount: z.number().int(),
  timeLimitMinutes: z.number().int(),
  shuffleQuestions: z.boolean(),
  shuffleOptions: z.boolean(),
  preferUnseen: z.boolean(),
  createdAt: Timestamp,
});

export const ReviewOptions = z.object({
  score: z.boolean().default(true).meta({ description: '显示得分与是否及格' }),
  correctness: z.boolean().default(false).meta({ description: '显示每题对错' }),
  keys: z.boolean().default(false).meta({ description: '显示正确答案' }),
  explanations: z.boolean().default(false).meta({ description: '显示解析与法条' }),
});

export const CreateExamBody = z.object({
  title: z.string().trim().min(2).max(100),
  blueprintId: z.number().int().positive(),
  opensAt: Timestamp,
  closesAt: Timestamp,
  audience: z.object({
    organizationIds: z.array(z.number().int().positive()).max(200).default([]),
    userIds: z.array(z.number().int().positive()).max(5000).default([]),
    keyMinorityOnly: z.boolean().default(false).meta({ description: '只面向关键少数（单独列出的人员不受此限）' }),
  }),
  attemptsAllowed: z.number().int().min(1).max(20).default(1),
  scoring: z.enum(['best', 'last']).default('best'),
  graceSeconds: z.number().int().min(0).max(600).default(0),
  reviewAfterSubmit: ReviewOptions.default({ score: true, correctness: false, keys: false, explanations: false }),
  reviewAfterClose: ReviewOptions.default({ score: true, correctness: true, keys: true, explanations: true }),
});

export const ExamView = z.object({
  id: z.number().int(),
  title: z.string(),
  organizationId: z.number().int(),
  blueprintId: z.number().int(),
  opensAt: Timestamp,
  closesAt: Timestamp,
  keyMinorityOnly: z.boolean(),
  attemptsAllowed: z.number().int(),
  scoring: z.enum(['best', 'last']),
  graceSeconds: z.number().int(),
  timeLimitMinutes: z.number().int(),
  maxScore: z.number(),
  passMark: z.number(),
  reviewAfterSubmit: ReviewOptions,
  reviewAfterClose: ReviewOptions,
  makeUpOfId: z.number().int().nullable(),
  audience: z.object({ organizationIds: z.array(z.number().int()), userIds: z.array(z.number().int()) }),
});

export const ListExamsQuery = PageQuery;

export const MyExamView = z.object({
  id: z.number().int(),
  title: z.string(),
  opensAt: Timestamp,
  closesAt: Timestamp,
  timeLimitMinutes: z.number().int(),
  maxScore: z.number(),
  passMark: z.number(),
  state: z.enum(['upcoming', 'open', 'in_progress', 'closed']),
  attemptsUsed: z.number().int(),
  attemptsAllowed: z.number().int(),
  inProgressAttemptId: z.number().int().nullable(),
  lastSubmittedAttemptId: z.number().int().nullable().meta({ description: '最近一次交卷的答卷（查看成绩与回顾）' }),
  countedScore: z.number().nullable().meta({ description: '计分成绩（按最高或最后一次，视考试设置；成绩可见时才有）' }),
  passed: z.boolean().nullable(),
});

export const OverrideBody = z.object({
  userId: z.number().int().positive().optional(),
  organizationId: z.number().int().positive().optional(),
  extraMinutes: z.number().int().min(0).max(600).default(0),
  closesAt: Timestamp.optional(),
  extraAttempts: z.number().int().min(0).max(20).default(0),
  reason: z.string().trim().min(2, { error: '请填写原因' }).max(200),
}).refine((body) => Boolean(body.userId) !== Boolean(body.organizationId), { error: '请指定一个人员或一个单位（二者之一）', path: ['userId'] });

export const OverrideView = z.object({
  id: z.number().int(),
  userId: z.number().int().nullable(),
  organizationId: z.number().int().nullable(),
  extraMinutes: z.number().int(),
  closesAt: Timestamp.nullable(),
  extraAttempts: z.number().int(),
  reason: z.string(),
  createdAt: Timestamp,
});

export const MakeUpBody = z.object({
  title: z.string().trim().min(2).max(100).optional(),
  opensAt: Timestamp,
  closesAt: Timestamp,
});

export const AttemptParams = z.object({ id: RecordId });
export const AnswerParams = z.object({ id: RecordId, ordinal: decimalInt(z.coerce.number().int().min(1).max(1000)) });
export const SaveAnswerBody = z.object({
  response: z.union([z.string(), z.boolean(), z.array(z.string()), z.null()]).meta({ description: '单选 "B"；多选 ["A","C"]；判断 true/false；填空 每空一个字符串；null 清除' }),
  seq: z.number().int().min(1).max(1_000_000).meta({ description: '客户端递增序号；重发同一序号不会重复保存' }),
});

const PaperItem = z.object({
  ordinal: z.number().int(),
  type: QuestionType,
  stem: z.string(),
  options: z.array(z.object({ key: z.string(), text: z.string() })).nullable(),
  blanks: z.number().int(),
  points: z.number(),
  response: z.unknown().nullable(),
  seq: z.number().int(),
});

export const AttemptView = z.object({
  id: z.number().int(),
  examId: z.number().int(),
  title: z.string(),
  attemptNo: z.number().int(),
  status: z.enum(['in_progress', 'submitted']),
  startedAt: Timestamp,
  deadline: Timestamp,
  serverNow: Timestamp,
  remainingSeconds: z.number().int(),
  resumed: z.boolean(),
  items: z.array(PaperItem),
});

export const SavedAnswerView = z.object({ ordinal: z.number().int(), seq: z.number().int(), savedAt: Timestamp.nullable(), applied: z.boolean().meta({ description: 'false 表示该序号已保存过（或更新的已保存），本次未改动' }) });

export const ResultView = z.object({
  attemptId: z.number().int(),
  examId: z.number().int(),
  status: z.enum(['in_progress', 'submitted']),
  submittedAt: Timestamp.nullable(),
  autoSubmitted: z.boolean(),
  shown: ReviewOptions,
  score: z.number().nullable(),
  maxScore: z.number().nullable(),
  passed: z.boolean().nullable(),
  breakdown: z.array(z.object({ statute: z.string(), title: z.string(), score: z.number(), maxScore: z.number() })).nullable(),
  items: z.array(PaperItem.omit({ seq: true }).extend({
    correct: z.boolean().nullable(),
    score: z.number().nullable(),
    key: z.unknown().nullable(),
    explanation: z.string().nullable(),
    citations: z.array(z.object({ law: z.string(), article: z.number().int(), label: z.string(), text: z.string() })).nullable(),
  })),
});

export const ExamAttemptsQuery = PageQuery.extend({ organizationId: RecordId.optional() });
export const ExamAttemptRow = z.object({
  attemptId: z.number().int(),
  user: z.object({ id: z.number().int(), name: z.string(), organizationId: z.number().int(), organizationName: z.string() }),
  attemptNo: z.number().int(),
  status: z.enum(['in_progress', 'submitted']),
  startedAt: Timestamp,
  submittedAt: Timestamp.nullable(),
  autoSubmitted: z.boolean(),
  score: z.number().nullable(),
  passed: z.boolean().nullable(),
});
