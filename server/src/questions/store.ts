// Writes questions in bulk: new ids become questions at their first version, changed content
// becomes a new version, unchanged content is left alone. Multi-row INSERTs keep the whole
// national bank to a few dozen statements. Each batch is its own short transaction, followed by
// a rest as long as the event loop was busy during it: one transaction over 100,000 rows held SQLite's single writer
// lock (and every answer save behind it) for most of a minute. Everything that can refuse the
// questions is checked before the first batch, and a batch that fails midway is undone alone;
// the batches before it stay, and importing the same questions again completes the rest.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Question } from '../bank/question-format.ts';
import type { Db, Tx } from '../db/client.ts';
import { placeholders } from '../db/raw-sql.ts';
import { ValidationError } from '../errors.ts';
import { canonicalContent, contentHash, ownerKeyOf, type QuestionOwner } from './content.ts';

export type SaveSummary = { created: number; updated: number; unchanged: number };
export type SaveOptions = {
  owner: QuestionOwner;
  actorId: number | null;
  /** Leave questions alone whose current version someone edited (the shipped-bank loader). */
  keepEditedVersions?: boolean;
  onProgress?: (done: number, total: number) => void;
};

const BATCH = 100;

export async function saveQuestions(db: Db, questions: Question[], options: SaveOptions): Promise<SaveSummary> {
  const statuteIds = new Map((await db.statute.findMany({ select: { id: true, slug: true } })).map((s) => [s.slug, s.id]));
  const ids = new Set<string>();
  for (const q of questions) {
    if (ids.has(q.id)) throw new ValidationError(`题目编号 ${q.id} 重复`);
    ids.add(q.id);
    const unknown = q.citations.find((c) => !statuteIds.has(c.law));
    if (unknown) throw new ValidationError(`题目 ${q.id} 引用了未收录的法规 ${unknown.law}`);
  }
  const summary: SaveSummary = { created: 0, updated: 0, unchanged: 0 };
  for (let start = 0; start < questions.length; start += BATCH) {
    const batch = questions.slice(start, start + BATCH);
    const before = performance.eventLoopUtilization();
    const result = await db.$transaction((tx) => saveBatch(tx, batch, options, statuteIds), { timeout: 60_000 });
    summary.created += result.created; summary.updated += result.updated; summary.unchanged += result.unchanged;
    options.onProgress?.(Math.min(start + BATCH, questions.length), questions.length);
    // Rest as long as the event loop was busy meanwhile (with this batch, or with requests): an
    // import gets at most half of the loop, and less the busier the server is. Time spent
    // waiting for the database costs no rest, so MySQL imports are not slowed for nothing.
    await sleep(performance.eventLoopUtilization(before).active);
  }
  return summary;
}

type Pending = { question: Question; questionId: number; version: number; hash: string };

async function saveBatch(tx: Tx, batch: Question[], options: SaveOptions, statuteIds: Map<string, number>): Promise<SaveSummary> {
  const ownerKey = ownerKeyOf(options.owner);
  const organizationId = options.owner.kind === 'organization' ? options.owner.organizationId : null;
  const existing = new Map((await tx.question.findMany({
    where: { ownerKey, externalId: { in: batch.map((q) => q.id) } },
    select: { id: true, externalId: true, versions: { where: { isCurrent: true }, select: { id: true, version: true, contentHash: true, createdById: true } } },
  })).map((q) => [q.externalId, q]));

  const fresh = batch.filter((q) => !existing.has(q.id));
  const now = new Date();
  await insertRows(tx, 'questions', ['external_id', 'owner_key', 'organization_id', 'status', 'created_at', 'updated_at'],
    fresh.map((q) => [q.id, ownerKey, organizationId, 'active', now, now]));
  const freshIds = new Map((await tx.question.findMany({ where: { ownerKey, externalId: { in: fresh.map((q) => q.id) } }, select: { id: true, externalId: true } })).map((q) => [q.externalId, q.id]));

  const pending: Pending[] = [];
  const supersededVersionIds: number[] = [];
  let unchanged = 0;
  for (const question of batch) {
    const hash = contentHash(question);
    const stored = existing.get(question.id);
    const current = stored?.versions[0];
    if (current?.contentHash === hash || (options.keepEditedVersions && current?.createdById)) { unchanged++; continue; }
    if (stored && current) supersededVersionIds.push(current.id);
    const version = current ? Math.max(current.version + 1, question.version ?? 0) : (question.version ?? 1);
    pending.push({ question, questionId: stored?.id ?? freshIds.get(question.id)!, version, hash });
  }
  if (supersededVersionIds.length) {
    await tx.questionVersion.updateMany({ where: { id: { in: supersededVersionIds } }, data: { isCurrent: false } });
    // New content answers an outstanding review.
    await tx.question.updateMany({ where: { id: { in: pending.filter((p) => existing.has(p.question.id)).map((p) => p.questionId) } }, data: { status: 'active', reviewNote: null } });
  }
  await insertVersions(tx, pending, options.actorId, statuteIds);
  return { created: fresh.length, updated: supersededVersionIds.length, unchanged };
}

/**
 * A multi-row INSERT through Prisma's raw query: a tenth of createMany's CPU per row, which
 * matters because it is spent on the event loop (300,000 rows for a 100,000-question import).
 * Values are plain: JSON as its text, booleans as 1/0, Dates as Dates.
 */
async function insertRows(tx: Tx, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  if (!rows.length) return;
  const quoted = columns.map((column) => `\`${column}\``).join(', ');
  await tx.$executeRawUnsafe(`INSERT INTO \`${table}\` (${quoted}) VALUES ${placeholders(rows.length, `(${placeholders(columns.length)})`)}`, ...rows.flat());
}

export async function insertVersions(tx: Tx, pending: Pending[], actorId: number | null, statuteIds: Map<string, number>): Promise<void> {
  if (!pending.length) return;
  const now = new Date();
  const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
  await insertRows(tx, 'question_versions',
    ['question_id', 'version', 'is_current', 'type', 'stem', 'options', 'answer', 'explanation', 'difficulty', 'tags', 'content_hash', 'created_by_id', 'created_at'],
    pending.map(({ question, questionId, version, hash }) => {
      const content = canonicalContent(question);
      return [questionId, version, 1, content.type, content.stem, json(content.options), json(content.answer), content.explanation, content.difficulty, json(content.tags), hash, actorId, now];
    }));
  const versions = await tx.questionVersion.findMany({
    where: { isCurrent: true, questionId: { in: pending.map((p) => p.questionId) } }, select: { id: true, questionId: true },
  });
  const versionIdOf = new Map(versions.map((v) => [v.questionId, v.id]));
  const citations = pending.flatMap(({ question, questionId }) => canonicalContent(question).citations.map((c, ordinal) => ({
    versionId: versionIdOf.get(questionId)!, statuteId: statuteIds.get(c.law)!, articleNumber: c.article, paragraph: c.paragraph ?? null, ordinal,
  })));
  const tags = pending.flatMap(({ question, questionId }) => canonicalContent(question).tags.map((tag) => ({ versionId: versionIdOf.get(questionId)!, tag })));
  await insertRows(tx, 'question_citations', ['version_id', 'statute_id', 'article_number', 'paragraph', 'ordinal'],
    citations.map((c) => [c.versionId, c.statuteId, c.articleNumber, c.paragraph, c.ordinal]));
  await insertRows(tx, 'question_tags', ['version_id', 'tag'], tags.map((t) => [t.versionId, t.tag]));
}
