// Checks shared by every import format: the interchange contract (QuestionSchema) with Chinese
// messages, citations that must exist, ids derived from content, and ids repeated within a file.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { QuestionSchema, type Question } from '../question-format.ts';
import type { StatuteLookup } from './types.ts';

export type FieldIssue = { path: PropertyKey[]; code: string; message: string };
type ZodIssue = z.core.$ZodIssue;

const zhCN = z.locales.zhCN().localeError;

/** A message an organiser can act on; zod's own wording ("期望 string >=4 字符") is the fallback. */
function messageFor(issue: ZodIssue, label: string, candidate: Record<string, unknown>): string {
  const field = issue.path[0];
  if (issue.path.length === 1 && !(String(field) in candidate) && issue.code !== 'custom') return `缺少“${label}”`;
  if (issue.code === 'too_small' && issue.origin === 'string') return `“${label}”至少需要 ${issue.minimum} 个字`;
  if (issue.code === 'too_small' && field === 'options' && issue.path.length === 1) return '选择题至少需要 2 个选项';
  if (issue.code === 'too_big' && field === 'options' && issue.path.length === 1) return '选项最多 8 个（A–H）';
  if (issue.code === 'too_small' && field === 'citations' && issue.path.length === 1) return '至少需要一条法条依据';
  if (issue.code === 'invalid_union' && field === 'difficulty') return '难度应为 1、2 或 3';
  if (issue.code === 'invalid_union' && field === 'answer') return '答案格式不对：单选题为一个选项字母，多选题为两个以上选项字母，判断题为 true 或 false，填空题为每个空一组备选答案';
  if (issue.code === 'invalid_value' && field === 'type') return '题型应为 single、multiple、judge 或 fill';
  if (issue.code === 'invalid_format' && field === 'options') return '选项字母应为 A–H 中的一个';
  if (issue.code === 'too_small' && issue.origin === 'number') return `“${label}”应不小于 ${issue.minimum}`;
  return issue.message;
}

/** Runs the contract; `labelOf` names the place of a path the way the file's author sees it. */
export function checkContract(candidate: Record<string, unknown>, labelOf: (path: PropertyKey[]) => string): { question: Question | null; issues: FieldIssue[] } {
  const result = QuestionSchema.safeParse(candidate, { error: (issue) => zhCN(issue) });
  if (result.success) return { question: result.data, issues: [] };
  const key = (issue: ZodIssue) => issue.path.map(String).join('.');
  const shapeProblems = new Set(result.error.issues.filter((issue) => issue.code !== 'custom').map(key));
  // A cross-field rule that ran on a value already reported as malformed only repeats the problem.
  const issues = result.error.issues.filter((issue) => issue.code !== 'custom' || !shapeProblems.has(key(issue)));
  return { question: null, issues: issues.map((issue) => ({ path: issue.path, code: issue.code, message: messageFor(issue, labelOf(issue.path), candidate) })) };
}

/** For JSONL, whose citations name slugs: each must be a statute we hold, with that article. */
export function checkCitationSlugs(question: Question, statutes: StatuteLookup): FieldIssue[] {
  return question.citations.flatMap((citation, i): FieldIssue[] => {
    // StatuteLookup has no "exists" test; every statute has an article 1, so that stands in for it.
    if (!statutes.hasArticle(citation.law, 1)) return [{ path: ['citations', i, 'law'], code: 'custom', message: `未找到法规 ${citation.law}` }];
    if (!statutes.hasArticle(citation.law, citation.article)) return [{ path: ['citations', i, 'article'], code: 'custom', message: `《${statutes.titleOf(citation.law)}》没有第${citation.article}条` }];
    return [];
  });
}

/** Same type and stem → same id, so importing the same spreadsheet twice updates rather than duplicates. */
export function deriveId(type: Question['type'], stem: string): string {
  const normalised = stem.trim().replace(/\s+/g, ' ');
  return `q-${createHash('sha256').update(`${type}\n${normalised}`).digest('hex').slice(0, 16)}`;
}

/** Remembers the first row of each id; answers the earlier row when an id comes again. */
export function duplicateTracker(): (id: string, row: number) => number | null {
  const firstRow = new Map<string, number>();
  return (id, row) => {
    const first = firstRow.get(id);
    if (first !== undefined) return first;
    firstRow.set(id, row);
    return null;
  };
}
