import { z } from 'zod';
import { PageQuery, Timestamp, RecordId } from '../http/schemas.ts';
import { StatuteSlug } from '../statutes/schemas.ts';

const QuestionTypeEnum = z.enum(['single', 'multiple', 'judge', 'fill']).meta({ description: 'single 单选，multiple 多选，judge 判断，fill 填空' });
const StatusEnum = z.enum(['active', 'needs_review', 'retired']).meta({ description: 'active 在用，needs_review 待复核（所引条文已修订），retired 停用' });

/** Filters shared by the list and the export. */
export const QuestionFilter = z.object({
  statute: StatuteSlug.optional(),
  divisionId: RecordId.optional().meta({ description: '章或节 id（见法规目录）' }),
  article: RecordId.optional().meta({ description: '条号，需同时指定 statute' }),
  type: QuestionTypeEnum.optional(),
  difficulty: z.coerce.number().int().min(1).max(3).optional(),
  tag: z.string().trim().min(1).max(32).optional(),
  owner: z.enum(['national', 'organization']).optional().meta({ description: 'national 全国题库，organization 单位自有题目' }),
  organizationId: RecordId.optional().meta({ description: '只看该单位的自有题目' }),
  status: StatusEnum.optional().meta({ description: '默认只列在用题目；按其他状态筛选需要审核权限' }),
  keyword: z.string().trim().min(1).max(50).optional().meta({ description: '题干包含的文字' }),
});

export const ListQuestionsQuery = PageQuery.extend(QuestionFilter.shape);

export const ExportQuestionsQuery = QuestionFilter.extend({
  format: z.enum(['xlsx', 'jsonl']).default('xlsx'),
});

const CitationView = z.object({
  law: z.string(),
  statuteTitle: z.string(),
  article: z.number().int(),
  articleLabel: z.string().meta({ description: '例如 第三十三条' }),
  paragraph: z.number().int().nullable(),
});

/** What anyone may see: never the answer or the explanation. */
export const QuestionPublicView = z.object({
  id: z.number().int(),
  externalId: z.string(),
  version: z.number().int(),
  versionId: z.number().int().meta({ description: '当前版本 id；作答记录指向版本' }),
  type: QuestionTypeEnum,
  stem: z.string(),
  options: z.array(z.object({ key: z.string(), text: z.string() })).nullable(),
  blanks: z.number().int().meta({ description: '填空题的空数' }),
  difficulty: z.number().int(),
  tags: z.array(z.string()),
  citations: z.array(CitationView),
  owner: z.object({ kind: z.enum(['national', 'organization']), organizationId: z.number().int().nullable(), organizationName: z.string().nullable() }),
});

export const QuestionFullView = QuestionPublicView.extend({
  answer: z.unknown().meta({ description: '单选 "B"；多选 ["A","C"]；判断 true/false；填空 每空一组可接受答案' }),
  explanation: z.string(),
  status: StatusEnum,
  reviewNote: z.string().nullable(),
  updatedAt: Timestamp,
});

export const QuestionVersionView = QuestionFullView.omit({ status: true, reviewNote: true, updatedAt: true, owner: true }).extend({
  isCurrent: z.boolean(),
  createdAt: Timestamp,
  createdBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
});

/** An edit is a whole new version in the interchange format (without id and version). */
export const QuestionEditBody = z.object({
  type: QuestionTypeEnum,
  stem: z.string(),
  options: z.array(z.object({ key: z.string(), text: z.string() })).optional(),
  answer: z.union([z.string(), z.boolean(), z.array(z.string()), z.array(z.array(z.string()))]),
  explanation: z.string(),
  citations: z.array(z.object({ law: z.string(), article: z.number().int(), paragraph: z.number().int().optional() })),
  difficulty: z.number().int(),
  tags: z.array(z.string()).optional(),
});

/** A new question written in the console: its first version, and the organisation that owns it. */
export const QuestionCreateBody = QuestionEditBody.extend({
  organizationId: z.number().int().positive().optional().meta({ description: '题目所属单位（须在本人管理范围内）；不填时为本人管理的单位，管理员不填则为全国题库' }),
});

export const ReviewDecisionBody = z.object({
  decision: z.enum(['keep', 'retire', 'restore']).meta({ description: 'keep 核对无误继续使用；retire 停用；restore 恢复停用的题目' }),
});

export const ImportQuery = z.object({
  organizationId: RecordId.optional().meta({ description: '导入到哪个单位；不填时为本人管理的单位（管理员不填则导入全国题库）' }),
  mode: z.enum(['all', 'clean-rows']).default('all').meta({ description: 'all：有任何错误则整份文件不导入；clean-rows：只导入无错误的行' }),
  dryRun: z.stringbool().default(false).meta({ description: 'true 时只检查、不写入' }),
});

export const ImportIssueView = z.object({ row: z.number().int(), column: z.string(), message: z.string() });

export const ImportResultView = z.object({
  dryRun: z.boolean(),
  owner: z.object({ kind: z.enum(['national', 'organization']), organizationId: z.number().int().nullable() }),
  rows: z.number().int().meta({ description: '题目行数（不含空行）' }),
  emptyRows: z.number().int(),
  valid: z.number().int(),
  created: z.number().int(),
  updated: z.number().int().meta({ description: '内容有变化、生成了新版本的题目数' }),
  unchanged: z.number().int(),
  skipped: z.number().int().meta({ description: '因有错误而未导入的行数（clean-rows 模式）' }),
  issues: z.array(ImportIssueView),
});
