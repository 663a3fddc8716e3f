// Portable raw SQL for the hot paths (exam starts and submits at a peak): one statement text with
// `?` placeholders runs through mysql2 on MySQL, at a fraction of a Prisma query's CPU, and
// through Prisma's raw queries on SQLite. Both return JSON columns parsed and DATETIMEs as
// Dates; booleans come back as 0/1 or true/false, so read them with Boolean(). JSON values are
// written as JSON text.
import type { PoolConnection, ResultSetHeader } from 'mysql2/promise';
import type { Db } from './client.ts';
import type { RawMysql } from './raw-mysql.ts';
import type { AppDeps } from '../deps.ts';

export interface RawSql {
  rows<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Rows changed by an INSERT, UPDATE or DELETE. */
  run(sql: string, params?: unknown[]): Promise<number>;
  /** Runs an INSERT of one row into a table with an `id` key and returns the new id. */
  insert(sql: string, params?: unknown[]): Promise<number>;
  /** Runs `work` in one transaction (retried whole on a MySQL deadlock); nested calls join it. */
  transaction<T>(work: (sql: RawSql) => Promise<T>): Promise<T>;
}

const DEADLOCK = 1213;
const TRANSACTION_ATTEMPTS = 3;

class MysqlSql implements RawSql {
  constructor(private readonly pool: RawMysql, private readonly connection: PoolConnection | null = null) {}

  private get target() { return this.connection ?? this.pool; }

  async rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const [rows] = await this.target.query(sql, params);
    return rows as T[];
  }

  async run(sql: string, params: unknown[] = []): Promise<number> {
    const [result] = await this.target.query<ResultSetHeader>(sql, params);
    return result.affectedRows;
  }

  async insert(sql: string, params: unknown[] = []): Promise<number> {
    const [result] = await this.target.query<ResultSetHeader>(sql, params);
    return result.insertId;
  }

  async transaction<T>(work: (sql: RawSql) => Promise<T>): Promise<T> {
    if (this.connection) return work(this);
    for (let attempt = 1; ; attempt++) {
      const connection = await this.pool.getConnection();
      try {
        await connection.query('START TRANSACTION');
        const result = await work(new MysqlSql(this.pool, connection));
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        await connection.query('ROLLBACK').catch(() => undefined);
        if ((error as { errno?: number }).errno === DEADLOCK && attempt < TRANSACTION_ATTEMPTS) continue;
        throw error;
      } finally {
        connection.release();
      }
    }
  }
}

type PrismaRaw = Pick<Db, '$queryRawUnsafe' | '$executeRawUnsafe'>;

class SqliteSql implements RawSql {
  constructor(private readonly db: Db, private readonly client: PrismaRaw = db, private readonly inTransaction = false) {}

  rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.client.$queryRawUnsafe<T[]>(sql, ...params);
  }

  run(sql: string, params: unknown[] = []): Promise<number> {
    return this.client.$executeRawUnsafe(sql, ...params);
  }

  async insert(sql: string, params: unknown[] = []): Promise<number> {
    const [row] = await this.client.$queryRawUnsafe<Array<{ id: number | bigint }>>(`${sql} RETURNING id`, ...params);
    return Number(row!.id);
  }

  transaction<T>(work: (sql: RawSql) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this);
    return this.db.$transaction((tx) => work(new SqliteSql(this.db, tx, true)));
  }
}

const instances = new WeakMap<Db, RawSql>();

export function rawSql({ db, rawMysql }: Pick<AppDeps, 'db' | 'rawMysql'>): RawSql {
  let sql = instances.get(db);
  if (!sql) instances.set(db, (sql = rawMysql ? new MysqlSql(rawMysql) : new SqliteSql(db)));
  return sql;
}

/** A unique key refused the row: MySQL's ER_DUP_ENTRY, or SQLite's constraint error through Prisma. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { errno?: number; code?: string; message?: string };
  return e.errno === 1062 || e.code === 'P2002' || /UNIQUE constraint failed/.test(e.message ?? '');
}

/** `?, ?, ?` for a list of values (IN lists, multi-row VALUES, CASE arms with a ' ' separator). */
export const placeholders = (count: number, tuple = '?', separator = ', ') => Array.from({ length: count }, () => tuple).join(separator);
