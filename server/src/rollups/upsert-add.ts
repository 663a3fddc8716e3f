// Adds rows to an additive roll-up table: a new key is inserted, an existing one has each sum
// increased, in one statement per batch (MySQL ON DUPLICATE KEY, SQLite ON CONFLICT). Rows go in
// key order, so two transactions adding to the same keys wait for each other instead of deadlocking.
import { placeholders, type RawSql } from '../db/raw-sql.ts';

/** Rows per statement: 1,000 rows of up to 30 columns stay under SQLite's bound-parameter limit. */
const ROWS_PER_STATEMENT = 1_000;

export type AdditiveTable = { name: string; key: readonly string[]; sums: readonly string[] };
export type AdditiveRow = { key: Array<number | string>; sums: number[] };

export async function upsertAdd(sql: RawSql, mysql: boolean, table: AdditiveTable, rows: AdditiveRow[]): Promise<void> {
  const sorted = [...rows].sort((a, b) => compareKeys(a.key, b.key));
  const columns = [...table.key, ...table.sums];
  const update = mysql
    ? `ON DUPLICATE KEY UPDATE ${table.sums.map((c) => `${c} = ${c} + VALUES(${c})`).join(', ')}`
    : `ON CONFLICT (${table.key.join(', ')}) DO UPDATE SET ${table.sums.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;
  for (let i = 0; i < sorted.length; i += ROWS_PER_STATEMENT) {
    const batch = sorted.slice(i, i + ROWS_PER_STATEMENT);
    await sql.run(`INSERT INTO ${table.name} (${columns.join(', ')}) VALUES ${placeholders(batch.length, `(${placeholders(columns.length)})`)} ${update}`,
      batch.flatMap((row) => [...row.key, ...row.sums]));
  }
}

function compareKeys(a: Array<number | string>, b: Array<number | string>): number {
  for (const [i, value] of a.entries()) {
    const other = b[i]!;
    if (value !== other) return value < other ? -1 : 1;
  }
  return 0;
}

/** Rows summed by key as they are added (contributions before they are written). */
export class KeyedSums {
  private readonly byKey = new Map<string, AdditiveRow>();

  add(rows: AdditiveRow[]): this {
    for (const row of rows) {
      const id = row.key.join('|');
      const sum = this.byKey.get(id);
      if (sum) row.sums.forEach((value, index) => { sum.sums[index]! += value; });
      else this.byKey.set(id, { key: row.key, sums: [...row.sums] });
    }
    return this;
  }

  rows(): AdditiveRow[] {
    return [...this.byKey.values()];
  }
}
