// The reading material of simulated sessions: a real statute from question-bank/laws, so presence
// checks are built from real text by the server's own prompt builder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStatute } from '../../../server/src/bank/statute-parser.ts';
import type { MaterialOffset, Position } from '../../../server/src/study/detector/index.ts';

export type Material = {
  slug: string;
  articles: Array<{ number: number; text: string }>;
  /** Characters before each article. */
  starts: number[];
  total: number;
  offset: MaterialOffset;
  /** The position `chars` characters into the statute (clamped to its ends). */
  at(chars: number): Position;
};

export function loadMaterial(slug = 'xingzheng-chufa-fa'): Material {
  const statute = parseStatute(slug, readFileSync(join('question-bank/laws', `${slug}.md`), 'utf8'));
  const articles = statute.articles.map(({ number, text }) => ({ number, text }));
  const starts: number[] = [];
  let total = 0;
  for (const article of articles) { starts.push(total); total += [...article.text].length; }
  const lengthOf = (index: number) => [...articles[index]!.text].length;
  const indexOf = new Map(articles.map((article, index) => [article.number, index]));
  return {
    slug, articles, starts, total,
    offset: (position) => {
      const index = indexOf.get(position.article) ?? 0;
      return starts[index]! + position.scroll * lengthOf(index);
    },
    at(chars) {
      const clamped = Math.max(0, Math.min(total - 1, chars));
      let index = starts.findIndex((start, i) => clamped >= start && (i === starts.length - 1 || clamped < starts[i + 1]!));
      if (index < 0) index = 0;
      return { statute: slug, article: articles[index]!.number, scroll: Math.min(1, (clamped - starts[index]!) / lengthOf(index)) };
    },
  };
}
