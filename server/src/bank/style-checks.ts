// Checks that keep the bank reading like a real 学法考试 rather than like a generator: multiple-choice
// keys spread over two, three and four correct options, no give-away absolutes the statute does not
// use, no article-number trivia, few fill-ins, and the second-round statutes fully covered.
import type { Question } from './question-format.ts';

export type StyleProblem = { id: string | null; kind: string; message: string };
export type StyleSummary = {
  /** Multiple-choice questions by their number of correct options. */
  multipleKeyCounts: Record<string, number>;
  giveaways: number;
  fillShare: number;
  /** Per statute: share of questions tagged 案例 or 情景 (two-step scenarios). */
  scenarioShare: Record<string, number>;
};
type Item = { question: Question; citedText: string };
type StatuteSize = { slug: string; title: string; articles: number };

export const STYLE_LIMITS = {
  /** No count of correct options may key more than this share of the multiple-choice questions. */
  maxKeyCountShare: 0.45,
  maxFillShare: 0.08,
  /** A question with this many absolutes that its article does not use gives itself away. */
  giveawaysPerQuestion: 2,
  /** Statutes added in the second round (2026-12) must be covered this well. */
  secondRound: {
    slugs: ['difang-zuzhi-fa', 'guowuyuan-zuzhi-fa', 'guojia-anquan-fa', 'falv-yuanzhu-fa', 'geren-xinxi-baohu-fa', 'xinfang-gongzuo-tiaoli', 'zhengfu-ducha-gongzuo-tiaoli'],
    questionsPerArticle: 2.5, minQuestions: 50, minCoverage: 0.7, minScenarioShare: 0.3,
  },
};

const ABSOLUTES: Array<{ name: string; pattern: RegExp; inStatute: RegExp }> = [
  { name: '一律', pattern: /一律/g, inStatute: /一律/ },
  { name: '只要…就', pattern: /只要[^，。；]{0,24}就/g, inStatute: /只要/ },
  { name: '任何情况下', pattern: /任何情况下/g, inStatute: /任何情况/ },
  { name: '无需', pattern: /无[需须]/g, inStatute: /无[需须]/ },
  { name: '一概', pattern: /一概/g, inStatute: /一概/ },
];
const ARTICLE_NUMBER_STEM = /哪(?:些|一|几)?(?:条|款)(?![件例文])|第几(?:条|款)/;
const ARTICLE_NUMBER_OPTION = /^(?:《[^》]+》)?第[一二三四五六七八九十百零\d]+条/;
const SCENARIO_TAGS = new Set(['案例', '情景']);

/** Absolutes in the stem and options that the cited article does not itself use. */
export function giveawaysOf(question: Question, citedText: string): string[] {
  const text = question.stem + (question.options?.map((o) => `\n${o.text}`).join('') ?? '');
  return ABSOLUTES.filter((a) => !a.inStatute.test(citedText)).flatMap((a) => (text.match(a.pattern) ?? []).map(() => a.name));
}

function isArticleNumberTrivia(question: Question): boolean {
  const numberedOptions = question.options?.filter((o) => ARTICLE_NUMBER_OPTION.test(o.text)).length ?? 0;
  return ARTICLE_NUMBER_STEM.test(question.stem) || numberedOptions >= 3;
}

const share = (part: number, whole: number) => (whole ? part / whole : 0);
const percent = (x: number) => `${Math.round(100 * x)}%`;

export function checkStyle(items: Item[], statutes: StatuteSize[], limits = STYLE_LIMITS): { problems: StyleProblem[]; summary: StyleSummary } {
  const problems: StyleProblem[] = [];
  let giveaways = 0;
  for (const { question, citedText } of items) {
    const found = giveawaysOf(question, citedText);
    if (found.length >= limits.giveawaysPerQuestion) {
      giveaways++;
      problems.push({ id: question.id, kind: 'giveaway', message: `含 ${found.length} 处条文本身没有的绝对化用语（${found.join('、')}），干扰项一眼可辨` });
    }
    if (isArticleNumberTrivia(question)) problems.push({ id: question.id, kind: 'article-number', message: '考的是条文序号而不是规则本身' });
  }
  const multiple = items.filter((i) => i.question.type === 'multiple');
  const multipleKeyCounts: Record<string, number> = {};
  for (const { question } of multiple) multipleKeyCounts[(question.answer as string[]).length] = (multipleKeyCounts[(question.answer as string[]).length] ?? 0) + 1;
  for (const [count, n] of Object.entries(multipleKeyCounts)) {
    if (multiple.length >= 20 && share(n, multiple.length) > limits.maxKeyCountShare) {
      problems.push({ id: null, kind: 'key-count', message: `多选题中恰有 ${count} 个正确选项的占 ${percent(share(n, multiple.length))}，超过 ${percent(limits.maxKeyCountShare)}，可被猜出` });
    }
  }
  const fillShare = share(items.filter((i) => i.question.type === 'fill').length, items.length);
  if (fillShare > limits.maxFillShare) problems.push({ id: null, kind: 'fill-share', message: `填空题占 ${percent(fillShare)}，超过 ${percent(limits.maxFillShare)}` });
  const scenarioShare: Record<string, number> = {};
  for (const statute of statutes) {
    const mine = items.filter((i) => i.question.citations[0]!.law === statute.slug);
    scenarioShare[statute.slug] = share(mine.filter((i) => i.question.tags?.some((t) => SCENARIO_TAGS.has(t))).length, mine.length);
    if (limits.secondRound.slugs.includes(statute.slug)) problems.push(...secondRoundProblems(statute, mine, scenarioShare[statute.slug]!, limits.secondRound));
  }
  return { problems, summary: { multipleKeyCounts, giveaways, fillShare, scenarioShare } };
}

function secondRoundProblems(statute: StatuteSize, mine: Item[], scenarios: number, rule: typeof STYLE_LIMITS.secondRound): StyleProblem[] {
  const problems: StyleProblem[] = [];
  const wanted = Math.max(rule.minQuestions, Math.ceil(rule.questionsPerArticle * statute.articles));
  const covered = new Set(mine.flatMap((i) => i.question.citations.filter((c) => c.law === statute.slug).map((c) => c.article))).size;
  if (mine.length < wanted) problems.push({ id: null, kind: 'coverage', message: `${statute.title}只有 ${mine.length} 道题，至少应有 ${wanted} 道` });
  if (share(covered, statute.articles) < rule.minCoverage) problems.push({ id: null, kind: 'coverage', message: `${statute.title}只覆盖 ${covered}/${statute.articles} 条，至少应覆盖 ${percent(rule.minCoverage)}` });
  if (mine.length && scenarios < rule.minScenarioShare) problems.push({ id: null, kind: 'scenarios', message: `${statute.title}的情景/案例题占 ${percent(scenarios)}，至少应占 ${percent(rule.minScenarioShare)}` });
  return problems;
}
