// A fresh, migrated database per test suite: a temporary SQLite file, or a new MySQL database
// on the test server (dropped afterwards).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { mysqlConnectionOptions } from '../../server/src/db/target.ts';
import type { Dialect } from '../../server/src/db/migrations.ts';

/** Dialects this run covers, as decided by test/run.ts (SQLite only when run a file directly). */
export function testDialects(): Dialect[] {
  return (process.env.XUEFA_TEST_DIALECTS ?? 'sqlite').split(',') as Dialect[];
}

export type TestDatabase = { dialect: Dialect; url: string; drop(): Promise<void> };

export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'xuefa-test-'));
    return { dialect, url: `file:${join(dir, 'test.db')}`, async drop() { rmSync(dir, { recursive: true, force: true }); } };
  }
  const server = new URL(process.env.TEST_MYSQL_URL!);
  const name = `xuefa_t_${randomBytes(5).toString('hex')}`;
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    dialect, url: url.toString(),
    async drop() {
      const connection = await mysql.createConnection(mysqlConnectionOptions(server));
      await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await connection.end();
    },
  };
}
