// Prisma turns `contains` into LIKE without escaping `%` and `_`, so a search for "100%" matched
// every row with "100" and a search for "_" matched everything. MySQL would honour a backslash,
// SQLite has no default escape character at all; an explicit ESCAPE works on both, so a needle
// holding a wildcard is matched by ids from one raw statement, and any other needle as before.
import type { Db } from './client.ts';

const WILDCARD = /[%_!]/;
const escapeLike = (needle: string) => needle.replace(/[%_!]/g, (c) => `!${c}`);

/**
 * A where fragment matching rows whose `columns` (snake_case SQL names) contain `needle`
 * literally. `fields` are the same columns as Prisma names them, in the same order.
 */
export async function containsLiterally<F extends string>(db: Db, table: string, columns: Record<F, string>, needle: string): Promise<{ OR: Array<{ [K in F]?: { contains: string } }> } | { id: { in: number[] } }> {
  const fields = Object.keys(columns) as F[];
  if (!WILDCARD.test(needle)) return { OR: fields.map((field) => ({ [field]: { contains: needle } }) as { [K in F]?: { contains: string } }) };
  const condition = fields.map((field) => `${columns[field]} LIKE ? ESCAPE '!'`).join(' OR ');
  const pattern = `%${escapeLike(needle)}%`;
  const rows = await db.$queryRawUnsafe<Array<{ id: number | bigint }>>(`SELECT id FROM ${table} WHERE ${condition}`, ...fields.map(() => pattern));
  return { id: { in: rows.map((row) => Number(row.id)) } };
}
