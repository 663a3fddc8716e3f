// What changed and why a question needs a look: the difference between two of its versions, field
// by field, and the 待复核 queue — questions whose cited article was revised, each beside the old
// and new text of that article with the change marked, for the organiser to keep, edit or retire.
import type { Prisma } from '../../generated/mysql/client.ts';
import type { Actor } from '../auth/actor.ts';
import { toChineseNumeral } from '../bank/sheet/numerals.ts';
import type { Db } from '../db/client.ts';
import { NotFoundError } from '../errors.ts';
import { pageWindow, type PageInput } from '../http/schemas.ts';
import { organizationScopeWhere, scopeFor } from '../policy.ts';
import { presentFull } from './present.ts';
import { questionInclude } from './queries.ts';
import { listVersions } from './service.ts';
import { diffText } from './text-diff.ts';

type VersionView = Awaited<ReturnType<typeof listVersions>>[number];

const FIELDS: Array<[field: string, label: string, text: (v: VersionView) => string]> = [
  ['type', '题型', (v) => ({ single: '单选题', multiple: '多选题', judge: '判断题', fill: '填空题' })[v.type]],
  ['stem', '题干', (v) => v.stem],
  ['options', '选项', (v) => (v.options ?? []).map((o) => `${o.key}. ${o.text}`).join('\n')],
  ['answer', '答案', (v) => JSON.stringify(v.answer)],
  ['explanation', '解析', (v) => v.explanation],
  ['citations', '法条依据', (v) => v.citations.map((c) => `《${c.statuteTitle}》${c.articleLabel}${c.paragraph ? `第${toChineseNumeral(c.paragraph)}款` : ''}`).join('；')],
  ['difficulty', '难度', (v) => String(v.difficulty)],
  ['tags', '标签', (v) => v.tags.join('，')],
];

const versionHeader = (v: VersionView) => ({ version: v.version, createdAt: v.createdAt, createdBy: v.createdBy, isCurrent: v.isCurrent });

/** Field-by-field difference of two versions; by default the current one against the one before it. */
export async function versionDiff(db: Db, actor: Actor, id: number, numbers: { from?: number; to?: number }) {
  const versions = await listVersions(db, actor, id);
  const to = numbers.to ? versions.find((v) => v.version === numbers.to) : versions[0];
  const from = numbers.from ? versions.find((v) => v.version === numbers.from) : versions[versions.indexOf(to!) + 1] ?? to;
  if (!to || !from) throw new NotFoundError('该题目没有这个版本');
  return {
    questionId: id, from: versionHeader(from), to: versionHeader(to),
    fields: FIELDS.map(([field, label, text]) => {
      const before = text(from), after = text(to);
      return { field, label, changed: before !== after, segments: diffText(before, after) };
    }),
  };
}

/** Questions under review the actor may decide on: their subtrees' own questions, and the national bank for administrators. */
function reviewableWhere(actor: Actor, statute?: string): Prisma.QuestionWhereInput {
  const national = scopeFor(actor, 'question.manage') === 'all';
  return {
    status: 'needs_review',
    ...(national ? {} : { organization: organizationScopeWhere(actor, 'question.manage') }),
    ...(statute ? { versions: { some: { isCurrent: true, citations: { some: { statute: { slug: statute } } } } } } : {}),
  };
}

type ArticleText = { revisionId: number; revisedOn: string; text: string | null };

/** The cited article in the current revision and in the one before it (null where the article does not exist). */
async function articleTexts(db: Db, statuteId: number, number: number): Promise<{ before: ArticleText | null; after: ArticleText | null }> {
  const revisions = await db.statuteRevision.findMany({ where: { statuteId }, orderBy: { id: 'desc' }, select: { id: true, isCurrent: true, revisedOn: true } });
  const at = revisions.findIndex((r) => r.isCurrent);
  const pair = [revisions[at + 1], revisions[at]];
  const [before, after] = await Promise.all(pair.map(async (revision) => {
    if (!revision) return null;
    const article = await db.article.findUnique({ where: { revisionId_number: { revisionId: revision.id, number } }, select: { text: true } });
    return { revisionId: revision.id, revisedOn: revision.revisedOn, text: article?.text ?? null };
  }));
  return { before: before ?? null, after: after ?? null };
}

export async function reviewQueue(input: { db: Db; actor: Actor; page: PageInput; statute?: string }) {
  const { db, actor } = input;
  const where = reviewableWhere(actor, input.statute);
  const [rows, total] = await Promise.all([
    db.question.findMany({ where, include: questionInclude, orderBy: { id: 'asc' }, ...pageWindow(input.page) }),
    db.question.count({ where }),
  ]);
  const items = await Promise.all(rows.map(async (row) => {
    const question = presentFull(row);
    const citations = await Promise.all(row.versions[0]!.citations.map(async (citation, index) => {
      const { before, after } = await articleTexts(db, citation.statuteId, citation.articleNumber);
      const oldText = before?.text ?? '', newText = after?.text ?? '';
      return {
        ...question.citations[index]!, previousRevisedOn: before?.revisedOn ?? null, currentRevisedOn: after?.revisedOn ?? null,
        oldText: before?.text ?? null, newText: after?.text ?? null, changed: oldText !== newText, segments: diffText(oldText, newText),
      };
    }));
    return { question, citations };
  }));
  return { items, total, ...input.page };
}
