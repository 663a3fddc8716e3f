// Views of practice items. Public items reuse the question's public view, which cannot carry
// the key; only memorize items and the answer check add the key and explanation on purpose.
import { toChineseNumeral } from '../bank/sheet/numerals.ts';
import { currentVersion, presentPublic } from '../questions/present.ts';
import type { QuestionRow, VersionRow } from '../questions/queries.ts';
import { articleKey, type ArticleText } from './queries.ts';

export type ReviewCardState = { due: Date; lapses: number; needsReading: boolean };

/** Each cited article once (a question may cite two clauses of one article), in citation order. */
export function citedArticles(version: VersionRow, texts: Map<string, ArticleText>): ArticleText[] {
  const keys = [...new Set(version.citations.map((c) => articleKey(c.statuteId, c.articleNumber)))];
  return keys.flatMap((key) => texts.get(key) ?? []);
}

export function questionItem(question: QuestionRow) {
  return { kind: 'question' as const, ...presentPublic(question) };
}

export function memorizeItem(question: QuestionRow, texts: Map<string, ArticleText>) {
  const version = currentVersion(question);
  return {
    ...presentPublic(question), kind: 'memorize' as const,
    answer: version.answer, explanation: version.explanation, articles: citedArticles(version, texts),
  };
}

export function readItem(question: QuestionRow, texts: Map<string, ArticleText>) {
  return { kind: 'read' as const, questionId: question.id, articles: citedArticles(currentVersion(question), texts) };
}

/** The citations of the version answered, each with the current text of its article. */
export function citationsWithText(version: VersionRow, texts: Map<string, ArticleText>) {
  return version.citations.map((c) => ({
    law: c.statute.slug, statuteTitle: c.statute.title, article: c.articleNumber,
    articleLabel: `第${toChineseNumeral(c.articleNumber)}条`, paragraph: c.paragraph,
    text: texts.get(articleKey(c.statuteId, c.articleNumber))?.text ?? null,
  }));
}

export function reviewStatus(card: ReviewCardState) {
  return { due: card.due.toISOString(), lapses: card.lapses, needsReading: card.needsReading };
}
