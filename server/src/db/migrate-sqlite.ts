import Database from 'better-sqlite3';
import { listMigrations, newMigrationId, pendingMigrations, type AppliedMigration } from './migrations.ts';

const HISTORY_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/** Applies pending SQLite migrations, each inside its own transaction. Returns the names applied. */
export function migrateSqlite(file: string): string[] {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.exec(HISTORY_TABLE);
    // IMMEDIATE takes the write lock up front, so two processes starting together apply each migration once.
    const applyAll = db.transaction(() => {
      const applied = db.prepare('SELECT id, migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"').all() as AppliedMigration[];
      const pending = pendingMigrations(listMigrations('sqlite'), applied);
      for (const migration of pending) {
        db.exec(migration.sql);
        db.prepare('INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)')
          .run(newMigrationId(), migration.checksum, Date.now(), migration.name, Date.now());
      }
      return pending.map((m) => m.name);
    });
    return applyAll.immediate();
  } finally {
    db.close();
  }
}
