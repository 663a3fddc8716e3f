// A question's content in the interchange format, as stored in a version row, and the
// canonical form that decides whether two contents are the same.
import { createHash } from 'node:crypto';
import type { Question } from '../bank/question-format.ts';

export type QuestionContent = Pick<Question, 'type' | 'stem' | 'options' | 'answer' | 'explanation' | 'citations' | 'difficulty' | 'tags'>;

export type QuestionOwner = { kind: 'national' } | { kind: 'organization'; organizationId: number };

/** The bank shipped with Xuefa is "national"; an organisation's own questions are keyed by it. */
export function ownerKeyOf(owner: QuestionOwner): string {
  return owner.kind === 'national' ? 'national' : `org-${owner.organizationId}`;
}

type StoredCitation = { law: string; article: number; paragraph?: number };

/** The content fields in a fixed order, so equal content gives equal JSON and equal hashes. */
export function canonicalContent(question: QuestionContent) {
  return {
    type: question.type,
    stem: question.stem,
    ...(question.options ? { options: question.options.map((o) => ({ key: o.key, text: o.text })) } : {}),
    answer: question.answer,
    explanation: question.explanation,
    citations: question.citations.map((c): StoredCitation => ({ law: c.law, article: c.article, ...(c.paragraph ? { paragraph: c.paragraph } : {}) })),
    difficulty: question.difficulty,
    tags: [...new Set(question.tags ?? [])],
  };
}

export function contentHash(question: QuestionContent): string {
  return createHash('sha256').update(JSON.stringify(canonicalContent(question))).digest('hex');
}

export type StoredVersion = {
  version: number;
  type: Question['type'];
  stem: string;
  options: unknown;
  answer: unknown;
  explanation: string;
  difficulty: number;
  tags: unknown;
  citations: Array<{ statute: { slug: string }; articleNumber: number; paragraph: number | null; ordinal: number }>;
};

/** A stored version back in the interchange format, keys in the contract's order. */
export function interchangeOf(externalId: string, version: StoredVersion): Question {
  const citations = [...version.citations].sort((a, b) => a.ordinal - b.ordinal)
    .map((c) => ({ law: c.statute.slug, article: c.articleNumber, ...(c.paragraph ? { paragraph: c.paragraph } : {}) }));
  return {
    id: externalId,
    ...canonicalContent({
      type: version.type, stem: version.stem, options: (version.options ?? undefined) as Question['options'],
      answer: version.answer as Question['answer'], explanation: version.explanation, citations,
      difficulty: version.difficulty as Question['difficulty'], tags: version.tags as string[],
    }),
    version: version.version,
  };
}
