// Question versions never change once written, so what exams need of them (the shown parts, the
// key, the explanation and the citations) is cached per process: papers are shown, checked and
// graded without reading the bank again. Keys stay on the server; views choose what to reveal.
import type { Db } from '../db/client.ts';
import { perDb } from '../db/per-db.ts';

export type ShownVersion = { type: 'single' | 'multiple' | 'judge' | 'fill'; stem: string; options: unknown };
export type ExamVersion = ShownVersion & {
  answer: unknown;
  explanation: string;
  citations: Array<{ statuteId: number; slug: string; articleNumber: number }>;
};

const MAX_ENTRIES = 20_000;
const cacheOf = perDb(() => new Map<number, ExamVersion>());

/**
 * Ids per read: the citations are loaded with one bound id per version, and SQLite refuses a
 * statement with more than 999 parameters (a sample paper of 60 rows × 20 was a 500).
 */
const READ_CHUNK = 500;

async function readVersions(db: Db, ids: number[]) {
  const rows = [];
  for (let at = 0; at < ids.length; at += READ_CHUNK) {
    rows.push(...await db.questionVersion.findMany({
      where: { id: { in: ids.slice(at, at + READ_CHUNK) } },
      select: {
        id: true, type: true, stem: true, options: true, answer: true, explanation: true,
        citations: { select: { statuteId: true, articleNumber: true, statute: { select: { slug: true } } }, orderBy: { ordinal: 'asc' } },
      },
    }));
  }
  return rows;
}

/** The versions with these ids (each read at most once per process), the misses in a few statements. */
export async function versionsOf(db: Db, ids: number[]): Promise<Map<number, ExamVersion>> {
  const cache = cacheOf(db);
  const found = new Map<number, ExamVersion>();
  const missing: number[] = [];
  for (const id of ids) {
    const hit = cache.get(id);
    if (hit) found.set(id, hit);
    else missing.push(id);
  }
  if (!missing.length) return found;
  for (const { id, citations, ...row } of await readVersions(db, [...new Set(missing)])) {
    const version = { ...row, citations: citations.map((c) => ({ statuteId: c.statuteId, slug: c.statute.slug, articleNumber: c.articleNumber })) };
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(id, version);
    found.set(id, version);
  }
  const absent = missing.find((id) => !found.has(id));
  if (absent !== undefined) throw new Error(`question version ${absent} does not exist`);
  return found;
}

/** Paper items with their question versions attached, ready to be shown or checked. */
export async function withVersions<T extends { questionVersionId: number }>(db: Db, items: T[]): Promise<Array<T & { questionVersion: ExamVersion }>> {
  const versions = await versionsOf(db, items.map((item) => item.questionVersionId));
  return items.map((item) => ({ ...item, questionVersion: versions.get(item.questionVersionId)! }));
}
