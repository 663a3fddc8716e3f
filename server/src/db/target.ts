import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Where the data lives: a MySQL/MariaDB database or an embedded SQLite file. */
export type DatabaseTarget =
  | { dialect: 'mysql'; url: URL; database: string }
  | { dialect: 'sqlite'; file: string };

/** Reads DATABASE_URL (mysql://… or file:…); without one the embedded SQLite file is used. */
export function resolveDatabaseTarget(databaseUrl: string | undefined, defaultSqliteFile: string): DatabaseTarget {
  if (!databaseUrl) return sqliteTarget(defaultSqliteFile);
  if (databaseUrl.startsWith('file:')) return sqliteTarget(databaseUrl.slice('file:'.length));
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  return { dialect: 'mysql', url, database };
}

function sqliteTarget(file: string): DatabaseTarget {
  const absolute = resolve(file);
  mkdirSync(dirname(absolute), { recursive: true });
  return { dialect: 'sqlite', file: absolute };
}

/** Connection options for mysql2 and the mariadb connector, taken from the URL. */
export function mysqlConnectionOptions(url: URL) {
  const socketPath = url.searchParams.get('socket') ?? undefined;
  return {
    host: url.hostname || '127.0.0.1',
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    ...(socketPath ? { socketPath } : {}),
  };
}

/** Database names are interpolated into DDL, so only plain identifiers are accepted. */
export function assertSafeDatabaseName(name: string): void {
  if (!/^[A-Za-z0-9_]{1,64}$/.test(name)) throw new Error(`数据库名 "${name}" 不合法：只允许字母、数字和下划线`);
}
