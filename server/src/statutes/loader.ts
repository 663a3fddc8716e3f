// Loads a statute text into the database as a revision with its chapters, sections and
// articles. Loading the same text again changes nothing; a different text becomes the new
// current revision, and every question citing an article whose text changed (or vanished)
// is marked for review.
import { createHash } from 'node:crypto';
import { parseStatute } from '../bank/statute-parser.ts';
import type { Db, Tx } from '../db/client.ts';
import { ValidationError } from '../errors.ts';
import { flagQuestionsCitingArticles } from '../questions/review.ts';
import { divisionsOf } from './divisions.ts';

export type StatuteText = { slug: string; title?: string; ordinal?: number; markdown: string; revisedOn: string; source: string };

export type RevisionOutcome = {
  statuteId: number;
  revisionId: number;
  outcome: 'unchanged' | 'loaded' | 'replaced';
  changedArticles: number[];
  addedArticles: number[];
  removedArticles: number[];
  flaggedQuestions: number;
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export async function loadStatuteRevision(db: Db, text: StatuteText): Promise<RevisionOutcome> {
  const markdown = text.markdown.replace(/\r\n/g, '\n');
  const parsed = parseStatute(text.slug, markdown);
  if (!parsed.articles.length) throw new ValidationError('未能从文本中识别出任何条文，请检查格式（每条以“第X条”开头）');
  const textHash = sha256(markdown);
  return db.$transaction(async (tx) => {
    const statute = await tx.statute.upsert({
      where: { slug: text.slug },
      create: { slug: text.slug, title: text.title ?? parsed.title, ordinal: text.ordinal ?? 999 },
      update: { title: text.title ?? parsed.title, ...(text.ordinal === undefined ? {} : { ordinal: text.ordinal }) },
    });
    const current = await tx.statuteRevision.findFirst({ where: { statuteId: statute.id, isCurrent: true }, select: { id: true, textHash: true } });
    if (current?.textHash === textHash) return unchanged(statute.id, current.id);

    const revisionId = (await tx.statuteRevision.findUnique({ where: { statuteId_textHash: { statuteId: statute.id, textHash } }, select: { id: true } }))?.id
      ?? await insertRevision(tx, statute.id, parsed, { ...text, textHash });
    if (current) await tx.statuteRevision.update({ where: { id: current.id }, data: { isCurrent: false } });
    await tx.statuteRevision.update({ where: { id: revisionId }, data: { isCurrent: true } });
    if (!current) return { ...unchanged(statute.id, revisionId), outcome: 'loaded' as const };

    const diff = await diffRevisions(tx, current.id, revisionId);
    const note = `《${statute.title}》已更新为 ${text.revisedOn} 修订文本，本题所引条文有变化，请核对`;
    const flaggedQuestions = await flagQuestionsCitingArticles(tx, statute.id, [...diff.changedArticles, ...diff.removedArticles], note);
    return { statuteId: statute.id, revisionId, outcome: 'replaced' as const, ...diff, flaggedQuestions };
  }, { timeout: 120_000 });
}

function unchanged(statuteId: number, revisionId: number): RevisionOutcome {
  return { statuteId, revisionId, outcome: 'unchanged', changedArticles: [], addedArticles: [], removedArticles: [], flaggedQuestions: 0 };
}

async function insertRevision(tx: Tx, statuteId: number, parsed: ReturnType<typeof parseStatute>, text: StatuteText & { textHash: string }): Promise<number> {
  const revision = await tx.statuteRevision.create({
    data: { statuteId, revisedOn: text.revisedOn, source: text.source, history: parsed.history, textHash: text.textHash, isCurrent: false, articleCount: parsed.articles.length },
  });
  const { divisions, placement } = divisionsOf(parsed);
  const idByOrdinal = new Map<number, number>();
  // Chapters first, so sections can point at their chapter's id.
  for (const kind of ['chapter', 'section'] as const) {
    const rows = divisions.filter((d) => d.kind === kind);
    if (!rows.length) continue;
    await tx.statuteDivision.createMany({
      data: rows.map((d) => ({ revisionId: revision.id, kind, ordinal: d.ordinal, title: d.title, firstArticle: d.firstArticle, lastArticle: d.lastArticle, parentId: d.parentOrdinal ? idByOrdinal.get(d.parentOrdinal)! : null })),
    });
    const created = await tx.statuteDivision.findMany({ where: { revisionId: revision.id, kind }, select: { id: true, ordinal: true } });
    for (const row of created) idByOrdinal.set(row.ordinal, row.id);
  }
  await tx.article.createMany({
    data: parsed.articles.map((article) => {
      const place = placement.get(article.number)!;
      return {
        revisionId: revision.id, number: article.number, label: article.label, text: article.text,
        paragraphs: article.paragraphs.map((p) => p.text), textHash: sha256(article.text),
        chapterId: place.chapter ? idByOrdinal.get(place.chapter)! : null,
        sectionId: place.section ? idByOrdinal.get(place.section)! : null,
      };
    }),
  });
  return revision.id;
}

/** Articles compared by number: a renumbered article shows up as changed, which is what a reviewer needs. */
async function diffRevisions(tx: Tx, fromRevisionId: number, toRevisionId: number) {
  const select = { number: true, textHash: true } as const;
  const before = new Map((await tx.article.findMany({ where: { revisionId: fromRevisionId }, select })).map((a) => [a.number, a.textHash]));
  const after = new Map((await tx.article.findMany({ where: { revisionId: toRevisionId }, select })).map((a) => [a.number, a.textHash]));
  const sorted = (numbers: number[]) => numbers.sort((a, b) => a - b);
  return {
    changedArticles: sorted([...after].filter(([n, hash]) => before.has(n) && before.get(n) !== hash).map(([n]) => n)),
    addedArticles: sorted([...after.keys()].filter((n) => !before.has(n))),
    removedArticles: sorted([...before.keys()].filter((n) => !after.has(n))),
  };
}
