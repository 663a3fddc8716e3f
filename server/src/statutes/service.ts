// Reading statutes: the list, a table of contents, one article with its neighbours, a
// chapter's articles, and full-text search over the current texts.
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/service.ts';
import type { Db } from '../db/client.ts';
import { NotFoundError } from '../errors.ts';
import type { RequestMeta } from '../http/route.ts';
import { pageWindow, type PageInput } from '../http/schemas.ts';
import { loadStatuteRevision } from './loader.ts';
import { currentRevisionOrThrow, questionCountsByStatute } from './queries.ts';
import { ArticleSearchIndex } from './search-index.ts';

export async function listStatutes(db: Db) {
  const [revisions, counts] = await Promise.all([
    db.statuteRevision.findMany({ where: { isCurrent: true }, include: { statute: true }, orderBy: { statute: { ordinal: 'asc' } } }),
    questionCountsByStatute(db),
  ]);
  return revisions.map((revision) => presentSummary(revision, counts.get(revision.statuteId) ?? 0));
}

type RevisionWithStatute = Awaited<ReturnType<typeof currentRevisionOrThrow>>;

function presentSummary(revision: RevisionWithStatute, questionCount: number) {
  return {
    id: revision.statute.id, slug: revision.statute.slug, title: revision.statute.title,
    revisedOn: revision.revisedOn, source: revision.source, articleCount: revision.articleCount, questionCount,
  };
}

export async function getStatute(db: Db, slug: string) {
  const revision = await currentRevisionOrThrow(db, slug);
  const [divisions, counts] = await Promise.all([
    db.statuteDivision.findMany({ where: { revisionId: revision.id }, orderBy: { ordinal: 'asc' } }),
    questionCountsByStatute(db),
  ]);
  const view = (d: (typeof divisions)[number]) => ({ id: d.id, kind: d.kind, title: d.title, firstArticle: d.firstArticle, lastArticle: d.lastArticle });
  const chapters = divisions.filter((d) => d.kind === 'chapter')
    .map((chapter) => ({ ...view(chapter), sections: divisions.filter((d) => d.parentId === chapter.id).map(view) }));
  return { ...presentSummary(revision, counts.get(revision.statuteId) ?? 0), history: revision.history as string[], chapters };
}

const articleInclude = { chapter: { select: { id: true, title: true } }, section: { select: { id: true, title: true } } } as const;

export async function getArticle(db: Db, slug: string, number: number) {
  const revision = await currentRevisionOrThrow(db, slug);
  const article = await db.article.findUnique({ where: { revisionId_number: { revisionId: revision.id, number } }, include: articleInclude });
  if (!article) throw new NotFoundError(`《${revision.statute.title}》没有第 ${number} 条`);
  const neighbour = (direction: 'previous' | 'next') => db.article.findFirst({
    where: { revisionId: revision.id, number: direction === 'previous' ? { lt: number } : { gt: number } },
    orderBy: { number: direction === 'previous' ? 'desc' : 'asc' }, select: { number: true, label: true },
  });
  const [previous, next] = await Promise.all([neighbour('previous'), neighbour('next')]);
  return { ...presentArticle(article, revision), previous, next };
}

function presentArticle(article: { id: number; number: number; label: string; text: string; paragraphs: unknown; chapter: { id: number; title: string } | null; section: { id: number; title: string } | null }, revision: RevisionWithStatute) {
  return {
    id: article.id, number: article.number, label: article.label, text: article.text,
    statute: { slug: revision.statute.slug, title: revision.statute.title, revisedOn: revision.revisedOn },
    paragraphs: (article.paragraphs as string[]).map((text, i) => ({ number: i + 1, text })),
    chapter: article.chapter, section: article.section, previous: null, next: null,
  };
}

export async function listArticles(db: Db, slug: string, page: PageInput, divisionId?: number) {
  const revision = await currentRevisionOrThrow(db, slug);
  if (divisionId && !(await db.statuteDivision.findFirst({ where: { id: divisionId, revisionId: revision.id }, select: { id: true } }))) {
    throw new NotFoundError('该法规没有这个章节');
  }
  const where = { revisionId: revision.id, ...(divisionId ? { OR: [{ chapterId: divisionId }, { sectionId: divisionId }] } : {}) };
  const [rows, total] = await Promise.all([
    db.article.findMany({ where, include: articleInclude, orderBy: { number: 'asc' }, ...pageWindow(page) }),
    db.article.count({ where }),
  ]);
  return { items: rows.map((row) => presentArticle(row, revision)), total, ...page };
}

// One index per database, rebuilt when the set of current revisions changes (also when
// another instance loaded a revision).
const indexes = new WeakMap<Db, { key: string; index: Promise<ArticleSearchIndex> }>();

async function searchIndexFor(db: Db): Promise<ArticleSearchIndex> {
  const current = await db.statuteRevision.findMany({ where: { isCurrent: true }, select: { id: true }, orderBy: { id: 'asc' } });
  const key = current.map((r) => r.id).join(',');
  const cached = indexes.get(db);
  if (cached?.key === key) return cached.index;
  const index = db.article.findMany({
    where: { revisionId: { in: current.map((r) => r.id) } },
    select: { id: true, number: true, label: true, text: true, revision: { select: { statute: { select: { slug: true, title: true } } } } },
    orderBy: [{ revisionId: 'asc' }, { number: 'asc' }],
  }).then((rows) => new ArticleSearchIndex(rows.map((row) => ({
    id: row.id, number: row.number, label: row.label, text: row.text, statuteSlug: row.revision.statute.slug, statuteTitle: row.revision.statute.title,
  }))));
  indexes.set(db, { key, index });
  index.catch(() => indexes.delete(db));
  return index;
}

export async function searchArticles(db: Db, query: { q: string; statute?: string }, page: PageInput) {
  const hits = (await searchIndexFor(db)).search(query.q, { statuteSlug: query.statute });
  const { skip, take } = pageWindow(page);
  return {
    items: hits.slice(skip, skip + take).map((hit) => ({
      article: { id: hit.article.id, statuteSlug: hit.article.statuteSlug, statuteTitle: hit.article.statuteTitle, number: hit.article.number, label: hit.article.label },
      score: hit.score, matchedTerms: hit.matchedTerms, snippet: hit.snippet,
    })),
    total: hits.length, ...page,
  };
}

export async function reviseStatute(input: { db: Db; actor: Actor; meta: RequestMeta; slug: string; revisedOn: string; source: string; text: string }) {
  const existing = await currentRevisionOrThrow(input.db, input.slug);
  const outcome = await loadStatuteRevision(input.db, { slug: input.slug, markdown: input.text, revisedOn: input.revisedOn, source: input.source, title: existing.statute.title });
  await recordAudit(input.db, {
    actorId: input.actor.userId, action: 'statute.revise', subjectType: 'statute', subjectId: input.slug, organizationId: null, meta: input.meta,
    details: { outcome: outcome.outcome, revisedOn: input.revisedOn, changedArticles: outcome.changedArticles, removedArticles: outcome.removedArticles, flaggedQuestions: outcome.flaggedQuestions },
  });
  return outcome;
}
