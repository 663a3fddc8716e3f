// Validation of a whole question bank against the statute texts. Pure: questions and statutes
// in, a report out; the `bank check` command and the tests both call it.
import { correctKeys, QuestionSchema, type Question } from './question-format.ts';
import type { Statute } from './statute-parser.ts';
import { bigrams, coverageIn, jaccard, normaliseText } from './text-similarity.ts';
import { checkStyle, STYLE_LIMITS, type StyleSummary } from './style-checks.ts';
import { arabicNumbers } from '../exams/fill-numbers.ts';

export type SourcedLine = { file: string; line: number; value: unknown; parseError?: string };
export type Problem = { file: string; line: number; id: string | null; kind: string; message: string };
export type WeakCase = { id: string; score: number; text: string };
export type CoverageRow = { law: string; title: string; questions: number; articlesCovered: number; articles: number; types: Record<Question['type'], number> };
export type CheckReport = { total: number; problems: Problem[]; weakest: WeakCase[]; coverage: CoverageRow[]; style: StyleSummary };

/** Thresholds, documented in one place. Scores are shares of an answer's character pairs found in the cited text. */
export const CHECK_DEFAULTS = {
  /** Below this the correct option is not grounded in the cited article: a problem. */
  groundingFail: 0.3,
  /** Below this it is listed among the weakest cases for a human to read. */
  groundingWeak: 0.5,
  /** Bigram Jaccard similarity of stem + options above which two questions are near-duplicates. */
  nearDuplicate: 0.8,
  /** Largest share of single-choice answers one option letter may have, per statute and overall. */
  maxKeyShare: 0.35,
  /** How the bank must read like a real exam (server/src/bank/style-checks.ts). */
  style: STYLE_LIMITS,
};

const NEGATION = /错误|不正确|不对|并非|而是|不是|不属于|不得|不能|不应|无权|没有|不包括|不需要|不必|只能|仅|应当|必须/;
const DECLARED_WRONG = /^(?:该|此|这一|本题)?(?:说法|表述|观点)?(?:是)?(?:错误|不正确)/;
const CHOSEN_KEYS = /(?:故选|应选|答案(?:为|是)|正确答案(?:为|是))\s*([A-H](?:[、,，]?[A-H])*)/;
// "前三项均正确": the explanation names the first N options as the right ones.
const FIRST_N_RIGHT = /前([两二三四五])项(?:均|都)?(?:正确|符合|属于)/;
const COUNT_WORDS: Record<string, number> = { 两: 2, 二: 2, 三: 3, 四: 4, 五: 5 };

type Checked = { question: Question; source: SourcedLine; citedText: string };

function citedTextOf(question: Question, statutes: Map<string, Statute>, report: (kind: string, message: string) => void): string {
  const parts: string[] = [];
  for (const citation of question.citations) {
    const statute = statutes.get(citation.law);
    if (!statute) { report('citation', `引用了不存在的法规 ${citation.law}`); continue; }
    const article = statute.articles.find((a) => a.number === citation.article);
    if (!article) { report('citation', `${statute.title} 没有第 ${citation.article} 条`); continue; }
    if (citation.paragraph && !article.paragraphs[citation.paragraph - 1]) { report('citation', `${statute.title}${article.label} 没有第 ${citation.paragraph} 款`); continue; }
    parts.push(article.text);
  }
  return parts.join('\n');
}

function checkAnswerGrounding(item: Checked, report: (kind: string, message: string) => void, weakest: WeakCase[], limits: typeof CHECK_DEFAULTS): void {
  const { question, citedText } = item;
  if (!citedText) return;
  if (question.type === 'fill') {
    // Numbers compared as numbers: a key of 30 is grounded in an article that writes 三十.
    const haystack = normaliseText(arabicNumbers(citedText));
    (question.answer as string[][]).forEach((alternatives, blank) => {
      if (!alternatives.some((a) => haystack.includes(normaliseText(arabicNumbers(a))))) report('grounding', `第 ${blank + 1} 空的答案在所引条文中找不到：${alternatives.join(' / ')}`);
    });
    return;
  }
  for (const key of correctKeys(question)) {
    const text = question.options!.find((o) => o.key === key)!.text;
    const score = coverageIn(text, citedText);
    if (score < limits.groundingFail) report('grounding', `正确选项 ${key}“${text}”与所引条文用语几乎不重合（${score.toFixed(2)}）`);
    else if (score < limits.groundingWeak) weakest.push({ id: question.id, score, text });
  }
}

function checkExplanation(question: Question, report: (kind: string, message: string) => void): void {
  const explanation = question.explanation.trim();
  if (question.type === 'judge') {
    if (question.answer === false && !NEGATION.test(explanation)) report('explanation', '答案为“错误”，但解析没有指出错在哪里');
    if (question.answer === true && DECLARED_WRONG.test(explanation)) report('explanation', '答案为“正确”，但解析称该说法错误');
  }
  const firstN = FIRST_N_RIGHT.exec(explanation);
  if (firstN && (question.type === 'single' || question.type === 'multiple')) {
    const named = question.options!.slice(0, COUNT_WORDS[firstN[1]!]).map((o) => o.key).join('');
    if (named !== [...correctKeys(question)].sort().join('')) report('explanation', `解析称“${firstN[0]}”，与答案 ${correctKeys(question).join('')} 不一致`);
  }
  const chosen = CHOSEN_KEYS.exec(explanation)?.[1]?.replace(/[、,，]/g, '');
  if (chosen && (question.type === 'single' || question.type === 'multiple')) {
    if ([...chosen].sort().join('') !== [...correctKeys(question)].sort().join('')) report('explanation', `解析选 ${chosen}，与答案 ${correctKeys(question).join('')} 不一致`);
  }
}

function keyShareProblems(label: string, questions: Question[], limit: number): string[] {
  const counts = new Map<string, number>();
  const singles = questions.filter((q) => q.type === 'single');
  for (const q of singles) counts.set(q.answer as string, (counts.get(q.answer as string) ?? 0) + 1);
  return [...counts].filter(([, n]) => singles.length >= 10 && n / singles.length > limit)
    .map(([key, n]) => `${label}单选题正确答案为 ${key} 的占 ${Math.round((100 * n) / singles.length)}%，超过 ${Math.round(limit * 100)}%`);
}

export function checkBank(lines: SourcedLine[], statutes: Map<string, Statute>, limits = CHECK_DEFAULTS): CheckReport {
  const problems: Problem[] = [];
  const weakest: WeakCase[] = [];
  const checked: Checked[] = [];
  const ids = new Map<string, SourcedLine>();
  for (const source of lines) {
    const id = typeof (source.value as { id?: unknown })?.id === 'string' ? (source.value as { id: string }).id : null;
    const report = (kind: string, message: string) => problems.push({ file: source.file, line: source.line, id, kind, message });
    if (source.parseError) { report('json', `不是合法的 JSON：${source.parseError}`); continue; }
    const parsed = QuestionSchema.safeParse(source.value);
    if (!parsed.success) { for (const issue of parsed.error.issues) report('schema', `${issue.path.join('.') || '(整行)'}：${issue.message}`); continue; }
    const question = parsed.data;
    if (ids.has(question.id)) report('duplicate-id', `id 与 ${ids.get(question.id)!.file}:${ids.get(question.id)!.line} 重复`);
    ids.set(question.id, source);
    const texts = question.options?.map((o) => normaliseText(o.text)) ?? [];
    if (new Set(texts).size !== texts.length) report('duplicate-option', '有重复的选项');
    const item = { question, source, citedText: citedTextOf(question, statutes, report) };
    checkAnswerGrounding(item, report, weakest, limits);
    checkExplanation(question, report);
    checked.push(item);
  }
  problems.push(...nearDuplicates(checked, limits.nearDuplicate));
  const coverage = coverageRows(checked, statutes);
  for (const row of coverage) {
    for (const message of keyShareProblems(`${row.title}：`, checked.filter((c) => c.question.citations[0]!.law === row.law).map((c) => c.question), limits.maxKeyShare)) {
      problems.push({ file: '(全库)', line: 0, id: null, kind: 'key-position', message });
    }
  }
  for (const message of keyShareProblems('全库', checked.map((c) => c.question), limits.maxKeyShare)) problems.push({ file: '(全库)', line: 0, id: null, kind: 'key-position', message });
  const style = checkStyle(checked, [...statutes.values()].map((s) => ({ slug: s.slug, title: s.title, articles: s.articles.length })), limits.style);
  const sourceOf = new Map(checked.map((c) => [c.question.id, c.source]));
  for (const p of style.problems) problems.push({ file: p.id ? sourceOf.get(p.id)!.file : '(全库)', line: p.id ? sourceOf.get(p.id)!.line : 0, ...p });
  weakest.sort((a, b) => a.score - b.score);
  return { total: lines.length, problems, weakest, coverage, style: style.summary };
}

/** Compares questions on the same statute only: near-duplicates across statutes do not occur in practice. */
function nearDuplicates(checked: Checked[], threshold: number): Problem[] {
  const problems: Problem[] = [];
  const byLaw = new Map<string, Array<{ item: Checked; grams: Set<string> }>>();
  for (const item of checked) {
    const text = item.question.stem + (item.question.options?.map((o) => o.text).join('') ?? '');
    const group = byLaw.get(item.question.citations[0]!.law) ?? [];
    group.push({ item, grams: bigrams(text) });
    byLaw.set(item.question.citations[0]!.law, group);
  }
  for (const group of byLaw.values()) {
    for (let i = 0; i < group.length; i++) for (let j = i + 1; j < group.length; j++) {
      const similarity = jaccard(group[i]!.grams, group[j]!.grams);
      if (similarity > threshold) {
        const { source, question } = group[j]!.item;
        problems.push({ file: source.file, line: source.line, id: question.id, kind: 'near-duplicate', message: `与 ${group[i]!.item.question.id} 几乎相同（相似度 ${similarity.toFixed(2)}）` });
      }
    }
  }
  return problems;
}

function coverageRows(checked: Checked[], statutes: Map<string, Statute>): CoverageRow[] {
  return [...statutes.values()].map((statute) => {
    const mine = checked.filter((c) => c.question.citations[0]!.law === statute.slug);
    const cited = new Set(checked.flatMap((c) => c.question.citations.filter((x) => x.law === statute.slug).map((x) => x.article)));
    const types = { single: 0, multiple: 0, judge: 0, fill: 0 };
    for (const c of mine) types[c.question.type]++;
    return { law: statute.slug, title: statute.title, questions: mine.length, articlesCovered: cited.size, articles: statute.articles.length, types };
  });
}
