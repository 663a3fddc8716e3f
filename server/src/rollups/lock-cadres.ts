// Row locks on the cadres, taken first in a transaction that changes what a roll-up counts for
// them: what it reads next includes every change committed before, and two such transactions on
// one cadre run one after the other. A no-op UPDATE rather than SELECT … FOR UPDATE, which SQLite
// lacks (there the write lock it takes serialises the same way); ids in order, so transactions
// locking several cadres cannot deadlock on each other.
import type { Tx } from '../db/client.ts';
import { placeholders, type RawSql } from '../db/raw-sql.ts';

export async function lockCadres(sql: Pick<RawSql, 'run'> | Pick<Tx, '$executeRawUnsafe'>, userIds: number[]): Promise<void> {
  const ids = [...new Set(userIds)].sort((a, b) => a - b);
  if (!ids.length) return;
  const statement = `UPDATE users SET id = id WHERE id IN (${placeholders(ids.length)})`;
  await ('run' in sql ? sql.run(statement, ids) : sql.$executeRawUnsafe(statement, ...ids));
}
