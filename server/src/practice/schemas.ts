import { z } from 'zod';
import { RecordId, Timestamp } from '../http/schemas.ts';
import { QuestionPublicView } from '../questions/schemas.ts';
import { StatuteSlug } from '../statutes/schemas.ts';

export const PracticeModeEnum = z.enum(['statute', 'chapter', 'range', 'type', 'random', 'memorize', 'favourites', 'daily', 'review']).meta({
  description: 'statute 按法规，chapter 按章节，range 按条文范围，type 按题型，random 随机，memorize 背题（附答案、解析与条文），favourites 收藏，daily 每日一题，review 错题复习',
});
export type PracticeMode = z.output<typeof PracticeModeEnum>;

const ArticleNumber = z.coerce.number().int().min(1).max(9999);

/** What each mode cannot do without; daily and review choose their own questions, so they take no filter. */
const requiredByMode: Partial<Record<PracticeMode, Array<'statute' | 'divisionId' | 'from' | 'to' | 'type'>>> = {
  statute: ['statute'], chapter: ['statute', 'divisionId'], range: ['statute', 'from', 'to'], type: ['type'],
};
const FILTERS = ['statute', 'divisionId', 'from', 'to', 'type', 'difficulty'] as const;
const FIELD_NAMES = { statute: '法规', divisionId: '章节', from: '起始条号', to: '结束条号', type: '题型', difficulty: '难度' } as const;

export const PracticeQuestionsQuery = z.object({
  mode: PracticeModeEnum,
  statute: StatuteSlug.optional(),
  divisionId: RecordId.optional().meta({ description: '章或节 id（见法规目录），需同时指定 statute' }),
  from: ArticleNumber.optional().meta({ description: '起始条号（含），需同时指定 statute' }),
  to: ArticleNumber.optional().meta({ description: '结束条号（含），需同时指定 statute' }),
  type: z.enum(['single', 'multiple', 'judge', 'fill']).optional(),
  difficulty: z.coerce.number().int().min(1).max(3).optional(),
  count: z.coerce.number().int().min(1).max(50).default(10).meta({ description: '题数，1–50；每日一题总是 1 道' }),
}).superRefine((query, ctx) => {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  for (const field of requiredByMode[query.mode] ?? []) if (query[field] === undefined) issue(field, `该练习方式需要指定${FIELD_NAMES[field]}`);
  if (query.mode === 'daily' || query.mode === 'review') {
    for (const field of FILTERS) if (query[field] !== undefined) issue(field, '每日一题和错题复习不能附加筛选条件');
  }
  const narrowsStatute = query.divisionId !== undefined || query.from !== undefined || query.to !== undefined;
  // Modes that require a statute have reported its absence already.
  if (narrowsStatute && !query.statute && !requiredByMode[query.mode]?.includes('statute')) issue('statute', '按章节或条文范围筛选时请同时指定法规');
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) issue('to', '结束条号不能小于起始条号');
});
export type PracticeQuestionsInput = z.output<typeof PracticeQuestionsQuery>;

/** The text of a cited article in the statute's current revision. */
export const ArticleTextView = z.object({
  law: z.string(),
  statuteTitle: z.string(),
  number: z.number().int(),
  label: z.string().meta({ description: '例如 第三十三条' }),
  text: z.string(),
});

const QuestionItem = QuestionPublicView.extend({ kind: z.literal('question') });

const MemorizeItem = QuestionPublicView.extend({
  kind: z.literal('memorize'),
  answer: z.unknown().meta({ description: '单选 "B"；多选 ["A","C"]；判断 true/false；填空 每空一组可接受答案' }),
  explanation: z.string(),
  articles: z.array(ArticleTextView),
});

const ReadItem = z.object({
  kind: z.literal('read'),
  questionId: z.number().int(),
  articles: z.array(ArticleTextView).meta({ description: '反复答错的题目：先重读所引条文，读完调用 POST /api/practice/reading' }),
});

export const PracticeItemView = z.discriminatedUnion('kind', [QuestionItem, MemorizeItem, ReadItem]).meta({
  description: 'question 题目（不含答案）；memorize 背题（含答案、解析与条文）；read 需先重读条文的错题',
});

export const AnswerBody = z.strictObject({
  questionId: z.number().int().positive(),
  versionId: z.number().int().positive().meta({ description: '作答时所见的版本 id' }),
  response: z.union([z.string().max(10), z.boolean(), z.array(z.string()).max(20)])
    .meta({ description: '单选 "B"；多选 ["A","C"]；判断 true/false；填空 每空一个字符串' }),
  mode: PracticeModeEnum,
});

export const ReviewStatusView = z.object({
  due: Timestamp.meta({ description: '下次复习时间' }),
  lapses: z.number().int().meta({ description: '记住后又答错的次数' }),
  needsReading: z.boolean().meta({ description: '反复答错，需先重读条文' }),
});

const CitationTextView = z.object({
  law: z.string(),
  statuteTitle: z.string(),
  article: z.number().int(),
  articleLabel: z.string(),
  paragraph: z.number().int().nullable(),
  text: z.string().nullable().meta({ description: '现行文本中该条的全文；条文已不存在时为 null' }),
});

export const AnswerResultView = z.object({
  correct: z.boolean(),
  key: z.unknown().meta({ description: '正确答案' }),
  explanation: z.string(),
  citations: z.array(CitationTextView),
  review: ReviewStatusView.nullable().meta({ description: '错题本中的复习安排；不在错题本中为 null' }),
});

export const QuestionIdBody = z.strictObject({ questionId: z.number().int().positive() });
export const QuestionIdParams = z.object({ questionId: RecordId.meta({ description: '题目 id' }) });

export const ReadingResultView = ReviewStatusView.extend({ questionId: z.number().int() });

export const MistakeView = ReviewStatusView.extend({ questionId: z.number().int(), question: QuestionPublicView });

export const FavouriteStateView = z.object({ questionId: z.number().int(), favourite: z.boolean() });
export const RemovedMistakeView = z.object({ questionId: z.number().int(), removed: z.literal(true) });
