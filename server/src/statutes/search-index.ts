// An in-memory BM25 index over the articles of the current revisions. Articles are public
// text of a few thousand rows, so each instance builds its own index from the database and
// rebuilds it whenever the set of current revisions changes.
import { searchTerms } from './segmenter.ts';

export type IndexedArticle = { id: number; statuteSlug: string; statuteTitle: string; number: number; label: string; text: string };
export type Fragment = { text: string; hit: boolean };
export type SearchHit = { article: IndexedArticle; score: number; matchedTerms: string[]; snippet: Fragment[] };

const K1 = 1.2, B = 0.75, SNIPPET_LENGTH = 120, SNIPPET_LEAD = 24;

export class ArticleSearchIndex {
  private readonly postings = new Map<string, Array<{ doc: number; tf: number }>>();
  private readonly lengths: number[] = [];
  private readonly averageLength: number;

  constructor(private readonly articles: IndexedArticle[]) {
    articles.forEach((article, doc) => {
      const terms = searchTerms(article.text);
      this.lengths.push(terms.length);
      const counts = new Map<string, number>();
      for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const [term, tf] of counts) {
        const list = this.postings.get(term) ?? [];
        list.push({ doc, tf });
        this.postings.set(term, list);
      }
    });
    this.averageLength = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, this.lengths.length);
  }

  get size(): number { return this.articles.length; }

  /** Ranked hits; an article containing the whole query as typed ranks above scattered matches. */
  search(query: string, filter: { statuteSlug?: string } = {}): SearchHit[] {
    const terms = [...new Set(searchTerms(query))];
    const scores = new Map<number, { score: number; matched: Set<string> }>();
    for (const term of terms) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = Math.log(1 + (this.articles.length - list.length + 0.5) / (list.length + 0.5));
      for (const { doc, tf } of list) {
        if (filter.statuteSlug && this.articles[doc]!.statuteSlug !== filter.statuteSlug) continue;
        const norm = tf + K1 * (1 - B + (B * this.lengths[doc]!) / this.averageLength);
        const entry = scores.get(doc) ?? { score: 0, matched: new Set<string>() };
        entry.score += (idf * tf * (K1 + 1)) / norm;
        entry.matched.add(term);
        scores.set(doc, entry);
      }
    }
    const phrase = query.trim();
    return [...scores].map(([doc, { score, matched }]) => {
      const article = this.articles[doc]!;
      const coverage = matched.size / terms.length;
      const boosted = score * (0.5 + coverage) * phraseBoost(article.text, phrase);
      const matchedTerms = [...matched];
      return { article, score: Math.round(boosted * 1000) / 1000, matchedTerms, snippet: snippetOf(article.text, phrase.length > 1 ? [phrase, ...matchedTerms] : matchedTerms) };
    }).sort((a, b) => b.score - a.score || a.article.id - b.article.id);
  }
}

/** The whole query as typed counts double; at the head of an article (a definition), triple. */
function phraseBoost(text: string, phrase: string): number {
  if (phrase.length < 2) return 1;
  const at = text.indexOf(phrase);
  return at === -1 ? 1 : at < 8 ? 3 : 2;
}

/** Where the terms occur, as merged [start, end) ranges. */
function hitRanges(text: string, terms: string[]): Array<[number, number]> {
  const lower = text.toLowerCase();
  const ranges: Array<[number, number]> = [];
  for (const term of terms) {
    const needle = term.toLowerCase();
    for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + needle.length)) ranges.push([at, at + needle.length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/** A window of the article around its first match, split into plain and marked fragments. */
export function snippetOf(text: string, terms: string[]): Fragment[] {
  const ranges = hitRanges(text, terms);
  const first = ranges[0]?.[0] ?? 0;
  const start = text.length <= SNIPPET_LENGTH ? 0 : Math.max(0, Math.min(first - SNIPPET_LEAD, text.length - SNIPPET_LENGTH));
  const end = Math.min(text.length, start + SNIPPET_LENGTH);
  const fragments: Fragment[] = start > 0 ? [{ text: '…', hit: false }] : [];
  let at = start;
  for (const [from, to] of ranges) {
    if (to <= start || from >= end) continue;
    const clippedFrom = Math.max(from, start), clippedTo = Math.min(to, end);
    if (clippedFrom > at) fragments.push({ text: text.slice(at, clippedFrom), hit: false });
    fragments.push({ text: text.slice(clippedFrom, clippedTo), hit: true });
    at = clippedTo;
  }
  if (at < end) fragments.push({ text: text.slice(at, end), hit: false });
  if (end < text.length) fragments.push({ text: '…', hit: false });
  return fragments;
}
