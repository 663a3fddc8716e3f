import { z } from 'zod';
import { decimalInt, PageQuery, RecordId } from '../http/schemas.ts';

export const StatuteSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, { error: '法规标识不正确' }).meta({ description: '法规标识，例如 xianfa、xingzheng-chufa-fa' });
export const StatuteParams = z.object({ slug: StatuteSlug });
export const ArticleParams = z.object({ slug: StatuteSlug, number: decimalInt(z.coerce.number().int().min(1).max(9999)).meta({ description: '条号（阿拉伯数字）' }) });

export const StatuteSummaryView = z.object({
  id: z.number().int(),
  slug: z.string(),
  title: z.string(),
  revisedOn: z.string().meta({ description: '现行文本的修订（公布）日期' }),
  source: z.string(),
  articleCount: z.number().int(),
  questionCount: z.number().int().meta({ description: '引用本法规的在用题目数（全国题库）' }),
});

const DivisionView = z.object({ id: z.number().int(), kind: z.enum(['chapter', 'section']), title: z.string(), firstArticle: z.number().int(), lastArticle: z.number().int() });
export const ChapterView = DivisionView.extend({ sections: z.array(DivisionView) });

export const StatuteDetailView = StatuteSummaryView.extend({
  history: z.array(z.string()).meta({ description: '制定和修改沿革' }),
  chapters: z.array(ChapterView).meta({ description: '目录：章及其下的节；无章节的法规为空数组' }),
});

const ArticleRef = z.object({ number: z.number().int(), label: z.string() });
export const ArticleView = z.object({
  id: z.number().int(),
  statute: z.object({ slug: z.string(), title: z.string(), revisedOn: z.string() }),
  number: z.number().int(),
  label: z.string(),
  text: z.string(),
  paragraphs: z.array(z.object({ number: z.number().int(), text: z.string() })).meta({ description: '各款，按官方计数（项归入其上一款）' }),
  chapter: z.object({ id: z.number().int(), title: z.string() }).nullable(),
  section: z.object({ id: z.number().int(), title: z.string() }).nullable(),
  previous: ArticleRef.nullable(),
  next: ArticleRef.nullable(),
});

export const ArticleListQuery = PageQuery.extend({
  divisionId: RecordId.optional().meta({ description: '只列出该章或节的条文' }),
});

export const ArticleSearchQuery = PageQuery.extend({
  q: z.string().trim().min(1, { error: '请输入要搜索的词语' }).max(50, { error: '搜索词不超过 50 个字' }).meta({ description: '搜索词，中文按词切分' }),
  statute: StatuteSlug.optional(),
});

export const ArticleSearchHitView = z.object({
  article: z.object({ id: z.number().int(), statuteSlug: z.string(), statuteTitle: z.string(), number: z.number().int(), label: z.string() }),
  score: z.number(),
  matchedTerms: z.array(z.string()),
  snippet: z.array(z.object({ text: z.string(), hit: z.boolean() })).meta({ description: '条文摘录，hit 为 true 的片段是命中的词语' }),
});

export const ReviseStatuteBody = z.object({
  revisedOn: z.iso.date({ error: '修订日期应为 YYYY-MM-DD' }),
  source: z.string().trim().min(2).max(255).meta({ description: '文本来源，例如公布机关与文号' }),
  text: z.string().min(10).max(400_000).meta({ description: '法规全文，格式同 question-bank/laws 中的文件' }),
});

export const RevisionOutcomeView = z.object({
  outcome: z.enum(['unchanged', 'loaded', 'replaced']),
  revisionId: z.number().int(),
  changedArticles: z.array(z.number().int()),
  addedArticles: z.array(z.number().int()),
  removedArticles: z.array(z.number().int()),
  flaggedQuestions: z.number().int().meta({ description: '因所引条文变化而标记为“待复核”的题目数' }),
});
