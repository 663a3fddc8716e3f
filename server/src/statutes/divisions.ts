// Turns the chapter/section headings a parsed statute carries on each article into the
// division rows of its table of contents, with the range of articles each one spans.
import type { Statute } from '../bank/statute-parser.ts';

export type DivisionDraft = {
  ordinal: number;
  kind: 'chapter' | 'section';
  title: string;
  /** Ordinal of the chapter a section belongs to. */
  parentOrdinal: number | null;
  firstArticle: number;
  lastArticle: number;
};

/** Divisions in reading order; an article's chapter and section are the last ones opened before it. */
export function divisionsOf(statute: Statute): { divisions: DivisionDraft[]; placement: Map<number, { chapter: number | null; section: number | null }> } {
  const divisions: DivisionDraft[] = [];
  const placement = new Map<number, { chapter: number | null; section: number | null }>();
  let chapter: DivisionDraft | null = null;
  let section: DivisionDraft | null = null;
  const open = (kind: DivisionDraft['kind'], title: string, article: number): DivisionDraft => {
    const division: DivisionDraft = { ordinal: divisions.length + 1, kind, title, parentOrdinal: kind === 'section' ? chapter?.ordinal ?? null : null, firstArticle: article, lastArticle: article };
    divisions.push(division);
    return division;
  };
  for (const article of statute.articles) {
    if (article.chapter && article.chapter !== chapter?.title) { chapter = open('chapter', article.chapter, article.number); section = null; }
    if (!article.chapter) chapter = null;
    if (article.section && (article.section !== section?.title || section?.parentOrdinal !== (chapter?.ordinal ?? null))) section = open('section', article.section, article.number);
    if (!article.section) section = null;
    if (chapter) chapter.lastArticle = article.number;
    if (section) section.lastArticle = article.number;
    placement.set(article.number, { chapter: chapter?.ordinal ?? null, section: section?.ordinal ?? null });
  }
  return { divisions, placement };
}
