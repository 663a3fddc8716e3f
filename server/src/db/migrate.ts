import type { DatabaseTarget } from './target.ts';
import { migrateMysql } from './migrate-mysql.ts';
import { migrateSqlite } from './migrate-sqlite.ts';

/** Brings the target database to the current schema; returns the migrations it applied. */
export async function migrateDatabase(target: DatabaseTarget): Promise<string[]> {
  return target.dialect === 'mysql' ? migrateMysql(target.url, target.database) : migrateSqlite(target.file);
}
