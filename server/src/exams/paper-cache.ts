// A drawn paper never changes: whose attempt it is, and per question its item, type, shown
// option keys, blanks and option shuffle. Cached per process (filled at start, or read once on
// another process's first save), so an answer save is checked without reading anything; what
// does change (status, deadline, saved sequence) is left to the write (answer-writer.ts), which
// with the answer log checks and advances each item's last save known here.
import type { Db } from '../db/client.ts';
import { rawSql } from '../db/raw-sql.ts';
import type { AppDeps } from '../deps.ts';
import { attemptById, itemsOf } from './attempt-queries.ts';
import { presentItem, shownOptions, type ItemRow } from './paper.ts';
import { withVersions } from './version-cache.ts';
import { perDb } from '../db/per-db.ts';
import type { LastSave } from './answer-writer.ts';

export type PaperItem = {
  id: number; type: ItemRow['questionVersion']['type']; optionKeys: string[]; blanks: number; optionMap: unknown;
  lastSaved: LastSave;
};
export type Paper = { userId: number; items: Map<number, PaperItem> };

// About 50 items of ~240 bytes each (with its last save) per paper: 10,000 papers ≈ 120 MB at most.
const MAX_PAPERS = 10_000;
const cacheOf = perDb(() => new Map<number, Paper>());

/** Caches a paper whose items (with their versions) are in memory already. */
export function rememberPaper(db: Db, attemptId: number, userId: number, items: Array<ItemRow & { id: number; answeredAt: Date | null }>): Paper {
  const paper: Paper = { userId, items: new Map() };
  for (const item of items) {
    paper.items.set(item.ordinal, {
      id: item.id, type: item.questionVersion.type, optionKeys: shownOptions(item)?.map((o) => o.key) ?? [],
      blanks: presentItem(item).blanks, optionMap: item.optionMap, lastSaved: { seq: item.responseSeq, atMs: item.answeredAt?.getTime() ?? null },
    });
  }
  const cache = cacheOf(db);
  if (cache.size >= MAX_PAPERS) cache.delete(cache.keys().next().value!);
  cache.set(attemptId, paper);
  return paper;
}

export async function paperOf(deps: Pick<AppDeps, 'db' | 'rawMysql' | 'config'>, attemptId: number): Promise<Paper | null> {
  const hit = cacheOf(deps.db).get(attemptId);
  if (hit) return hit;
  const sql = rawSql(deps);
  const attempt = await attemptById(sql, attemptId);
  if (!attempt) return null;
  return rememberPaper(deps.db, attemptId, attempt.userId, await withVersions(deps.db, await itemsOf(sql, deps.config.ANSWER_WRITE_MODE, attemptId)));
}

/** A submitted paper takes no more saves: its memory goes back at once rather than by age. */
export function forgetPaper(db: Db, attemptId: number): void {
  cacheOf(db).delete(attemptId);
}
