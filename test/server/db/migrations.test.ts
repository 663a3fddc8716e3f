import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { migrateDatabase } from '../../../server/src/db/migrate.ts';
import { listMigrations, migrationsDir, MigrationError, splitStatements } from '../../../server/src/db/migrations.ts';
import { resolveDatabaseTarget, type DatabaseTarget } from '../../../server/src/db/target.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../../support/databases.ts';
import { rawQuery } from '../../support/raw-sql.ts';

type Context = { database: TestDatabase; target: DatabaseTarget };
type HistoryRow = { migration_name: string; checksum: string; finished_at: unknown; applied_steps_count: number; rolled_back_at: unknown };

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try { await promise; } catch (error) { return error as Error; }
  throw new Error('expected the migration run to be refused');
}

for (const dialect of testDialects()) {
  const runner = suite<Context>(`migration runner [${dialect}]`, {} as Context);
  runner.before.each(async (context) => {
    context.database = await createTestDatabase(dialect);
    context.target = resolveDatabaseTarget(context.database.url, '');
  });
  runner.after.each(async ({ database }) => database.drop());

  runner('applies every migration once and records it as Prisma Migrate does', async ({ target }) => {
    const expected = listMigrations(dialect);
    assert.equal(await migrateDatabase(target), expected.map((m) => m.name));
    const rows = await rawQuery<HistoryRow>(target, 'SELECT * FROM _prisma_migrations ORDER BY migration_name');
    assert.is(rows.length, expected.length);
    for (const [i, row] of rows.entries()) {
      const file = readFileSync(join(migrationsDir(dialect), expected[i]!.name, 'migration.sql'));
      assert.is(row.checksum, createHash('sha256').update(file).digest('hex'));
      assert.ok(row.finished_at, 'finished');
      assert.is(Number(row.applied_steps_count), 1);
      assert.is(row.rolled_back_at, null);
    }
    assert.equal(await migrateDatabase(target), [], 'a second run applies nothing');
  });

  runner('refuses a database whose applied migration was edited afterwards', async ({ target }) => {
    await migrateDatabase(target);
    await rawQuery(target, "UPDATE _prisma_migrations SET checksum = 'edited'");
    const error = await rejection(migrateDatabase(target));
    assert.instance(error, MigrationError);
    assert.match(error.message, /校验和不一致/);
  });

  runner('refuses to continue after a failed migration until it is repaired', async ({ target }) => {
    await migrateDatabase(target);
    await rawQuery(target, 'UPDATE _prisma_migrations SET finished_at = NULL');
    assert.match((await rejection(migrateDatabase(target))).message, /执行失败/);
  });

  runner('refuses a database migrated by newer code', async ({ target }) => {
    await migrateDatabase(target);
    await rawQuery(target, "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ('future', 'x', CURRENT_TIMESTAMP, '29990101000000_future', CURRENT_TIMESTAMP, 1)");
    assert.match((await rejection(migrateDatabase(target))).message, /未知的迁移/);
  });

  runner('two instances starting together apply each migration exactly once', async ({ target }) => {
    const results = await Promise.all([migrateDatabase(target), migrateDatabase(target)]);
    assert.is(results.flat().length, listMigrations(dialect).length);
    const rows = await rawQuery<HistoryRow>(target, 'SELECT migration_name FROM _prisma_migrations');
    assert.is(rows.length, listMigrations(dialect).length);
  });

  runner.run();
}

const splitting = suite('splitStatements');
splitting('splits on semicolons at line ends and drops comment lines', () => {
  assert.equal(splitStatements('-- c\nCREATE TABLE a (x INT);\n\n-- d\nALTER TABLE a ADD y INT;\n'), ['CREATE TABLE a (x INT)', 'ALTER TABLE a ADD y INT']);
});
splitting('keeps semicolons inside a line', () => {
  assert.equal(splitStatements("INSERT INTO t VALUES ('a;b');"), ["INSERT INTO t VALUES ('a;b')"]);
});
splitting.run();
