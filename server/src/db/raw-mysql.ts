// A mysql2 pool beside Prisma's, for the MySQL hot paths that need what Prisma cannot give:
// several statements in one round trip with each one's affected-row count (answer saves).
import mysql from 'mysql2/promise';
import { mysqlConnectionOptions, type DatabaseTarget } from './target.ts';

export type RawMysql = mysql.Pool;

export function openRawMysql(target: Extract<DatabaseTarget, { dialect: 'mysql' }>, poolSize: number): RawMysql {
  return mysql.createPool({
    ...mysqlConnectionOptions(target.url), database: target.database, connectionLimit: poolSize,
    // Prisma stores DATETIME in UTC; dates written and read here must be too.
    timezone: 'Z', multipleStatements: true, enableKeepAlive: true,
    // No stack captured per query for the error's sake: it cost about 3 % of an exam peak's CPU.
    trace: false,
  });
}
