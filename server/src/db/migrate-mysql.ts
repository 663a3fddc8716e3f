import mysql from 'mysql2/promise';
import { assertSafeDatabaseName, mysqlConnectionOptions } from './target.ts';
import { listMigrations, newMigrationId, pendingMigrations, splitStatements, type AppliedMigration } from './migrations.ts';

const HISTORY_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
  id VARCHAR(36) NOT NULL,
  checksum VARCHAR(64) NOT NULL,
  finished_at DATETIME(3) NULL,
  migration_name VARCHAR(255) NOT NULL,
  logs TEXT NULL,
  rolled_back_at DATETIME(3) NULL,
  started_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  applied_steps_count INTEGER UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (id)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`;

const LOCK_NAME = 'xuefa_migrations';

/** Creates the database when the account may; an account without that right just needs it to exist. */
export async function ensureMysqlDatabase(url: URL, database: string): Promise<void> {
  assertSafeDatabaseName(database);
  const connection = await mysql.createConnection(mysqlConnectionOptions(url));
  try {
    await connection.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ER_DBACCESS_DENIED_ERROR') throw error;
  } finally {
    await connection.end();
  }
}

/**
 * Applies pending MySQL migrations. MySQL commits DDL implicitly, so a migration cannot be
 * rolled back; a failure is recorded (finished_at NULL, logs) and blocks later starts until
 * repaired. A named lock held by this one connection keeps concurrent starts from racing.
 */
export async function migrateMysql(url: URL, database: string): Promise<string[]> {
  await ensureMysqlDatabase(url, database);
  const connection = await mysql.createConnection({ ...mysqlConnectionOptions(url), database });
  try {
    const [[lock]] = await connection.query<mysql.RowDataPacket[]>('SELECT GET_LOCK(?, 60) AS got', [LOCK_NAME]);
    if (lock?.got !== 1) throw new Error('60 秒内未能获得迁移锁：另一个实例正在执行迁移？');
    try {
      await connection.query(HISTORY_TABLE);
      const [applied] = await connection.query<mysql.RowDataPacket[]>('SELECT id, migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations');
      const pending = pendingMigrations(listMigrations('mysql'), applied as AppliedMigration[]);
      for (const migration of pending) await applyOne(connection, migration);
      return pending.map((m) => m.name);
    } finally {
      await connection.query('SELECT RELEASE_LOCK(?)', [LOCK_NAME]);
    }
  } finally {
    await connection.end();
  }
}

async function applyOne(connection: mysql.Connection, migration: { name: string; sql: string; checksum: string }): Promise<void> {
  const id = newMigrationId();
  await connection.query('INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at) VALUES (?, ?, ?, CURRENT_TIMESTAMP(3))', [id, migration.checksum, migration.name]);
  try {
    for (const statement of splitStatements(migration.sql)) await connection.query(statement);
  } catch (error) {
    await connection.query('UPDATE _prisma_migrations SET logs = ? WHERE id = ?', [String((error as Error).message), id]);
    throw error;
  }
  await connection.query('UPDATE _prisma_migrations SET finished_at = CURRENT_TIMESTAMP(3), applied_steps_count = 1 WHERE id = ?', [id]);
}
