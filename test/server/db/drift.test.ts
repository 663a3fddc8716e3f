// Proves the migrated database is exactly what schema.prisma describes: every table, column,
// type, nullability, primary key, unique constraint and index, on each dialect.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { migrateDatabase } from '../../../server/src/db/migrate.ts';
import { resolveDatabaseTarget, type DatabaseTarget } from '../../../server/src/db/target.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../../support/databases.ts';
import { rawQuery } from '../../support/raw-sql.ts';
import { actualStructure, diffStructures, expectedStructure } from '../../support/schema-structure.ts';

type Context = { database: TestDatabase; target: DatabaseTarget };
const schemaFile = { mysql: 'server/prisma/schema.prisma', sqlite: 'server/prisma/sqlite/schema.prisma' } as const;

for (const dialect of testDialects()) {
  const drift = suite<Context>(`schema drift [${dialect}]`, {} as Context);
  drift.before(async (context) => {
    context.database = await createTestDatabase(dialect);
    context.target = resolveDatabaseTarget(context.database.url, '');
    await migrateDatabase(context.target);
  });
  drift.after(async ({ database }) => database.drop());

  drift('the migrated structure matches the Prisma schema', async ({ target }) => {
    const expected = expectedStructure(schemaFile[dialect], dialect);
    assert.ok(Object.keys(expected).length >= 10, 'the schema was read');
    assert.equal(diffStructures(expected, await actualStructure(target)), []);
  });

  drift('a missing index or a loosened column is reported', async ({ target }) => {
    await rawQuery(target, dialect === 'mysql' ? 'DROP INDEX users_name_idx ON users' : 'DROP INDEX users_name_idx');
    await rawQuery(target, dialect === 'mysql' ? 'ALTER TABLE audit_logs MODIFY created_at DATETIME NOT NULL' : 'ALTER TABLE users ADD COLUMN nickname TEXT');
    const problems = diffStructures(expectedStructure(schemaFile[dialect], dialect), await actualStructure(target));
    assert.ok(problems.some((p) => p.startsWith('users indexes')), problems.join('\n'));
    assert.ok(problems.some((p) => dialect === 'mysql' ? p.startsWith('audit_logs.created_at') : p.startsWith('users.nickname')), problems.join('\n'));
  });

  drift.run();
}
