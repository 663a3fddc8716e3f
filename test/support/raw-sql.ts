// Direct SQL on a test database, bypassing Prisma: for inspecting structure and for
// simulating damage that the application itself would never do.
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import { mysqlConnectionOptions, type DatabaseTarget } from '../../server/src/db/target.ts';

export async function rawQuery<T = Record<string, unknown>>(target: DatabaseTarget, sql: string, params: unknown[] = []): Promise<T[]> {
  if (target.dialect === 'sqlite') {
    const db = new Database(target.file);
    try {
      const statement = db.prepare(sql);
      return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as T[];
    } finally {
      db.close();
    }
  }
  const connection = await mysql.createConnection({ ...mysqlConnectionOptions(target.url), database: target.database });
  try {
    const [rows] = await connection.query(sql, params);
    return (Array.isArray(rows) ? rows : []) as T[];
  } finally {
    await connection.end();
  }
}
