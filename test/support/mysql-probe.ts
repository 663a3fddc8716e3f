import mysql from 'mysql2/promise';
import { mysqlConnectionOptions } from '../../server/src/db/target.ts';

export const DEFAULT_TEST_MYSQL_URL = 'mysql://xuefa:xuefa@127.0.0.1:3306/';

/** Can we log in and create databases? That is all the MySQL test runs need. */
export async function probeMysql(url: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    const connection = await mysql.createConnection({ ...mysqlConnectionOptions(new URL(url)), connectTimeout: 3000 });
    await connection.end();
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}
