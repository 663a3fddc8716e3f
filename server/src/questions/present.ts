// Views of a question. The public view is built field by field from the version, so the key
// and the explanation cannot reach it by accident; the response schema strips them again.
import { FILL_BLANK } from '../bank/question-format.ts';
import { toChineseNumeral } from '../bank/sheet/numerals.ts';
import type { QuestionRow, VersionRow } from './queries.ts';

function citationsOf(version: VersionRow) {
  return version.citations.map((c) => ({
    law: c.statute.slug, statuteTitle: c.statute.title, article: c.articleNumber,
    articleLabel: `第${toChineseNumeral(c.articleNumber)}条`, paragraph: c.paragraph,
  }));
}

function publicVersion(version: VersionRow) {
  return {
    versionId: version.id, version: version.version, type: version.type, stem: version.stem,
    options: (version.options as Array<{ key: string; text: string }> | null) ?? null,
    blanks: version.type === 'fill' ? version.stem.split(FILL_BLANK).length - 1 : 0,
    difficulty: version.difficulty, tags: version.tags as string[], citations: citationsOf(version),
  };
}

export function currentVersion(question: QuestionRow): VersionRow {
  const version = question.versions[0];
  if (!version) throw new Error(`question ${question.id} has no current version`);
  return version;
}

export function presentPublic(question: QuestionRow) {
  return {
    id: question.id, externalId: question.externalId, ...publicVersion(currentVersion(question)),
    owner: question.organization
      ? { kind: 'organization' as const, organizationId: question.organization.id, organizationName: question.organization.name }
      : { kind: 'national' as const, organizationId: null, organizationName: null },
  };
}

export function presentFull(question: QuestionRow) {
  const version = currentVersion(question);
  return {
    ...presentPublic(question), answer: version.answer, explanation: version.explanation,
    status: question.status, reviewNote: question.reviewNote, updatedAt: question.updatedAt.toISOString(),
  };
}

export function presentVersion(externalId: string, version: VersionRow & { createdBy: { id: number; name: string } | null }) {
  return {
    id: version.questionId, externalId, ...publicVersion(version), answer: version.answer, explanation: version.explanation,
    isCurrent: version.isCurrent, createdAt: version.createdAt.toISOString(), createdBy: version.createdBy,
  };
}
