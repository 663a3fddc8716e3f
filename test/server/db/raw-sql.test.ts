// The portable raw-SQL layer of the peak paths: the same statements give the same results on
// MySQL (mysql2) and SQLite (Prisma raw), and a transaction is all or nothing on both, including
// its first statement, which on MySQL carries START TRANSACTION.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openDatabase, type Db } from '../../../server/src/db/client.ts';
import { migrateDatabase } from '../../../server/src/db/migrate.ts';
import { openRawMysql, type RawMysql } from '../../../server/src/db/raw-mysql.ts';
import { isUniqueViolation, placeholders, rawSql, read, readAll, type RawSql } from '../../../server/src/db/raw-sql.ts';
import { resolveDatabaseTarget } from '../../../server/src/db/target.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../../support/databases.ts';

type Context = { database: TestDatabase; db: Db; rawMysql: RawMysql | null; sql: RawSql };

const INSERT = 'INSERT INTO statutes (slug, title, ordinal, updated_at) VALUES (?, ?, ?, ?)';
const slugs = (sql: RawSql) => sql.rows<{ slug: string }>("SELECT slug FROM statutes WHERE slug LIKE 'raw-%' ORDER BY slug").then((rows) => rows.map((r) => r.slug));

for (const dialect of testDialects()) {
  const test = suite<Context>(`raw SQL [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.database = await createTestDatabase(dialect);
    const target = resolveDatabaseTarget(context.database.url, '');
    await migrateDatabase(target);
    context.db = await openDatabase(target);
    context.rawMysql = target.dialect === 'mysql' ? openRawMysql(target, 2) : null;
    context.sql = rawSql(context);
  });
  test.after(async ({ database, db, rawMysql }) => {
    await rawMysql?.end();
    await db.$disconnect();
    await database.drop();
  });

  test('insert returns the new id; rows read columns back typed (dates as Dates)', async ({ sql }) => {
    const at = new Date('2026-03-01T08:00:00.123Z');
    const id = await sql.insert(INSERT, ['raw-a', '甲', 1, at]);
    const [row] = await sql.rows<{ id: number; updatedAt: Date }>('SELECT id, updated_at AS updatedAt FROM statutes WHERE slug = ?', ['raw-a']);
    assert.is(Number(row!.id), id);
    assert.is(new Date(row!.updatedAt).getTime(), at.getTime());
    assert.is(await sql.run("UPDATE statutes SET title = ? WHERE slug LIKE 'raw-%'", ['乙']), 1);
  });

  test('readAll answers each read with its own rows, in order', async ({ sql }) => {
    const titleOf = (slug: string) => ({ sql: 'SELECT title FROM statutes WHERE slug = ?', params: [slug], map: (rows: Array<{ title: string }>) => rows[0]?.title ?? null });
    const count = { sql: "SELECT COUNT(*) AS n FROM statutes WHERE slug LIKE 'raw-%'", params: [], map: (rows: Array<{ n: number | bigint }>) => Number(rows[0]!.n) };
    assert.equal(await readAll(sql, [titleOf('raw-a'), count, titleOf('raw-none')]), ['乙', 1, null]);
    assert.is(await read(sql, count), 1);
  });

  test('a transaction commits every statement, or none when it fails (the first one included)', async ({ sql }) => {
    const now = new Date();
    await sql.transaction(async (tx) => {
      await tx.insert(INSERT, ['raw-b', '丙', 2, now]);
      await tx.insert(INSERT, ['raw-c', '丁', 3, now]);
    });
    const failed = await sql.transaction(async (tx) => {
      await tx.insert(INSERT, ['raw-d', '戊', 4, now]);
      await tx.transaction(async (inner) => inner.insert(INSERT, ['raw-e', '己', 5, now]));
      throw new Error('stop');
    }).catch((error: Error) => error.message);
    assert.is(failed, 'stop');
    assert.equal(await slugs(sql), ['raw-a', 'raw-b', 'raw-c']);
  });

  test('a duplicate unique key is recognised as such, and nothing of its transaction stays', async ({ sql }) => {
    const now = new Date();
    let caught: unknown;
    try {
      await sql.transaction(async (tx) => {
        await tx.run(`INSERT INTO statutes (slug, title, ordinal, updated_at) VALUES ${placeholders(2, '(?, ?, ?, ?)')}`, ['raw-f', '庚', 6, now, 'raw-g', '辛', 7, now]);
        await tx.insert(INSERT, ['raw-a', '重复', 8, now]);
      });
    } catch (error) {
      caught = error;
    }
    assert.ok(isUniqueViolation(caught), String(caught));
    assert.not.ok(isUniqueViolation(new Error('other')));
    assert.equal(await slugs(sql), ['raw-a', 'raw-b', 'raw-c']);
  });

  test.run();
}
