// A drawn paper never changes: whose attempt it is, and per question its item, type, shown
// option keys, blanks and option shuffle. Cached per process, so an answer save is checked
// without reading anything; what does change (status, deadline, saved sequence) is left to the
// conditional write in answer-writer.ts.
import type { Db } from '../db/client.ts';
import { presentItem, shownOptions } from './paper.ts';
import { versionsOf, type ShownVersion } from './version-cache.ts';

export type PaperItem = { id: number; type: ShownVersion['type']; optionKeys: string[]; blanks: number; optionMap: unknown };
export type Paper = { userId: number; items: Map<number, PaperItem> };

// About 50 items of ~150 bytes each per paper: 10,000 papers ≈ 75 MB at most.
const MAX_PAPERS = 10_000;
const caches = new WeakMap<Db, Map<number, Paper>>();

export async function paperOf(db: Db, attemptId: number): Promise<Paper | null> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const hit = cache.get(attemptId);
  if (hit) return hit;
  const attempt = await db.attempt.findUnique({
    where: { id: attemptId },
    select: { userId: true, items: { select: { id: true, ordinal: true, points: true, optionMap: true, questionVersionId: true } } },
  });
  if (!attempt) return null;
  const items = new Map<number, PaperItem>();
  const versions = await versionsOf(db, attempt.items.map((row) => row.questionVersionId));
  for (const row of attempt.items) {
    const shown = { ...row, response: null, responseSeq: 0, questionVersion: versions.get(row.questionVersionId)! };
    items.set(row.ordinal, {
      id: row.id, type: shown.questionVersion.type, optionKeys: shownOptions(shown)?.map((o) => o.key) ?? [],
      blanks: presentItem(shown).blanks, optionMap: row.optionMap,
    });
  }
  const paper = { userId: attempt.userId, items };
  if (cache.size >= MAX_PAPERS) cache.delete(cache.keys().next().value!);
  cache.set(attemptId, paper);
  return paper;
}
