// A drawn paper never changes: whose attempt it is, and per question its item, type, shown
// option keys, blanks and option shuffle. Cached per process (filled at start, or read once on
// another process's first save), so an answer save is checked without reading anything; what
// does change (status, deadline, saved sequence) is left to the conditional write in answer-writer.ts.
import type { Db } from '../db/client.ts';
import { rawSql } from '../db/raw-sql.ts';
import type { AppDeps } from '../deps.ts';
import { attemptById, itemsOf } from './attempt-queries.ts';
import { presentItem, shownOptions, type ItemRow } from './paper.ts';
import { withVersions } from './version-cache.ts';
import { perDb } from '../db/per-db.ts';

export type PaperItem = { id: number; type: ItemRow['questionVersion']['type']; optionKeys: string[]; blanks: number; optionMap: unknown };
export type Paper = { userId: number; items: Map<number, PaperItem> };

// About 50 items of ~150 bytes each per paper: 10,000 papers ≈ 75 MB at most.
const MAX_PAPERS = 10_000;
const cacheOf = perDb(() => new Map<number, Paper>());

/** Caches a paper whose items (with their versions) are in memory already. */
export function rememberPaper(db: Db, attemptId: number, userId: number, items: Array<ItemRow & { id: number }>): Paper {
  const paper: Paper = { userId, items: new Map() };
  for (const item of items) {
    paper.items.set(item.ordinal, {
      id: item.id, type: item.questionVersion.type, optionKeys: shownOptions(item)?.map((o) => o.key) ?? [],
      blanks: presentItem(item).blanks, optionMap: item.optionMap,
    });
  }
  const cache = cacheOf(db);
  if (cache.size >= MAX_PAPERS) cache.delete(cache.keys().next().value!);
  cache.set(attemptId, paper);
  return paper;
}

export async function paperOf(deps: Pick<AppDeps, 'db' | 'rawMysql'>, attemptId: number): Promise<Paper | null> {
  const hit = cacheOf(deps.db).get(attemptId);
  if (hit) return hit;
  const sql = rawSql(deps);
  const attempt = await attemptById(sql, attemptId);
  if (!attempt) return null;
  return rememberPaper(deps.db, attemptId, attempt.userId, await withVersions(deps.db, await itemsOf(sql, attemptId)));
}

/** A submitted paper takes no more saves: its memory goes back at once rather than by age. */
export function forgetPaper(db: Db, attemptId: number): void {
  cacheOf(db).delete(attemptId);
}
