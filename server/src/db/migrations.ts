// Applies the hand-written SQL migrations (Prisma Migrate's folder layout, one folder per
// dialect) and records them in `_prisma_migrations` exactly as Prisma Migrate does, so the
// tables stay readable by Prisma's own tooling should the real engine ever be available.
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Dialect = 'mysql' | 'sqlite';
export type Migration = { name: string; sql: string; checksum: string };
export type AppliedMigration = { id: string; migration_name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown };

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../prisma/migrations');

export function migrationsDir(dialect: Dialect): string {
  return join(root, dialect);
}

/** Migrations of one dialect in the order Prisma applies them (folder names sort by timestamp). */
export function listMigrations(dialect: Dialect): Migration[] {
  const dir = migrationsDir(dialect);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export class MigrationError extends Error {}

/**
 * Decides which migrations still need applying, refusing a database whose history does not
 * belong to this code: an edited applied migration, a failed one, or one we do not know.
 */
export function pendingMigrations(all: Migration[], applied: AppliedMigration[]): Migration[] {
  const live = applied.filter((row) => row.rolled_back_at == null);
  const known = new Map(all.map((m) => [m.name, m]));
  for (const row of live) {
    const migration = known.get(row.migration_name);
    if (!migration) throw new MigrationError(`数据库中记录了未知的迁移 ${row.migration_name}：代码版本比数据库旧？`);
    if (row.finished_at == null) throw new MigrationError(`迁移 ${row.migration_name} 上次执行失败，需要人工修复数据库后将 _prisma_migrations 中该记录标记为 rolled_back_at`);
    if (row.checksum !== migration.checksum) throw new MigrationError(`迁移 ${row.migration_name} 已执行后又被修改（校验和不一致）；不要修改已执行的迁移，请新增迁移`);
  }
  const done = new Set(live.map((row) => row.migration_name));
  return all.filter((m) => !done.has(m.name));
}

export function newMigrationId(): string {
  return randomUUID();
}

/** Splits a migration file into statements; our SQL has no procedures, so `;` at line end ends one. */
export function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*(?:\r?\n|$)/)
    .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
    .filter(Boolean);
}
