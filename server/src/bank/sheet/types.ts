// Shared types of the question-file module: what a reader needs to know about statutes, and what
// it hands back (questions that passed every check, and every problem with its row and column).
import type { Question } from '../question-format.ts';

export type StatuteLookup = {
  /** Slug for a statute title as written in 法条依据: full title ("中华人民共和国行政处罚法"), without the "中华人民共和国" prefix ("行政处罚法"), with or without 《》. null when unknown. */
  slugForTitle(title: string): string | null;
  /** Full title of a slug, used when writing 法条依据 on export. */
  titleOf(slug: string): string;
  hasArticle(slug: string, article: number): boolean;
};

/** One problem in an import file. row: 1-based spreadsheet row / JSONL line (row 1 of a sheet is the header); column: the header text as the organiser wrote it (e.g. "答案", "选项C") or for JSONL the field name. */
export type ImportIssue = { row: number; column: string; message: string };
export type ParsedQuestion = { row: number; question: Question };
export type QuestionFileResult = { questions: ParsedQuestion[]; issues: ImportIssue[]; emptyRows: number };

const PRC_PREFIX = '中华人民共和国';

/** Organisers write titles with or without 《》 and often drop the 中华人民共和国 prefix. */
function titleKeys(title: string): string[] {
  const bare = title.replace(/[《》\s]/g, '');
  return bare.startsWith(PRC_PREFIX) ? [bare, bare.slice(PRC_PREFIX.length)] : [bare];
}

/** A StatuteLookup over an in-memory list, e.g. built from loadStatutes() or the database. */
export function statuteLookupFrom(statutes: Array<{ slug: string; title: string; articleNumbers: number[] }>): StatuteLookup {
  const slugs = new Map<string, string>();
  const titles = new Map<string, string>();
  const articles = new Map<string, Set<number>>();
  for (const statute of statutes) {
    for (const key of titleKeys(statute.title)) slugs.set(key, statute.slug);
    titles.set(statute.slug, statute.title);
    articles.set(statute.slug, new Set(statute.articleNumbers));
  }
  // Organisers also shorten titles from the front (《政务处分法》 for 《中华人民共和国公职人员政务处分法》):
  // a shortening that ends exactly one title names that statute.
  const bySuffix = (key: string): string | null => {
    if (key.length < 3) return null;
    const matches = [...slugs].filter(([title]) => title.endsWith(key)).map(([, slug]) => slug);
    return new Set(matches).size === 1 ? matches[0]! : null;
  };
  return {
    slugForTitle: (title) => {
      const key = titleKeys(title)[0]!;
      return slugs.get(key) ?? bySuffix(key);
    },
    // An unknown slug has no title to show; the slug itself is the most useful fallback.
    titleOf: (slug) => titles.get(slug) ?? slug,
    hasArticle: (slug, article) => articles.get(slug)?.has(article) ?? false,
  };
}
