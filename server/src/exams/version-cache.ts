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

/** The versions with these ids (each read at most once per process), in one statement for the misses. */
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
  const rows = await db.questionVersion.findMany({
    where: { id: { in: [...new Set(missing)] } },
    select: {
      id: true, type: true, stem: true, options: true, answer: true, explanation: true,
      citations: { select: { statuteId: true, articleNumber: true, statute: { select: { slug: true } } }, orderBy: { ordinal: 'asc' } },
    },
  });
  for (const { id, citations, ...row } of rows) {
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
