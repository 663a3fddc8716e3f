// A cadre moving to another unit takes their figures along: completion, item statistics and the
// dashboard's exam figures count a person under their current unit, as reports on the raw rows
// always did. Run in the transaction that changes users.organization_id, after that update (which
// holds the cadre's row lock).
import type { Tx } from '../db/client.ts';
import { recountTasks } from '../campaigns/task-rollup.ts';
import { isMysql, moveCadreItems, txSql } from '../stats/item-rollup.ts';
import { applyQueueBatch } from './attempt-queue.ts';
import { moveCadreExamDays } from './exam-days.ts';

export async function cadreMoved(tx: Tx, userId: number, from: number, to: number): Promise<void> {
  if (from === to) return;
  // Their attempts still queued are added under the old unit first, then move with the rest.
  while (await applyQueueBatch(txSql(tx), isMysql(tx), { userId, unitId: from }) > 0);
  await recountTasks(tx, { userId });
  await moveCadreItems(tx, userId, from, to);
  await moveCadreExamDays(tx, userId, from, to);
}
