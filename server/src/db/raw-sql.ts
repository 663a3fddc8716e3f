// Portable raw SQL for the hot paths (exam starts and submits at a peak): one statement text with
// `?` placeholders runs through mysql2 on MySQL, at a fraction of a Prisma query's CPU, and
// through Prisma's raw queries on SQLite. Both return JSON columns parsed and DATETIMEs as
// Dates; booleans come back as 0/1 or true/false, so read them with Boolean(). JSON values are
// written as JSON text.
import type { PoolConnection, ResultSetHeader } from 'mysql2/promise';
import type { Db } from './client.ts';
import type { RawMysql } from './raw-mysql.ts';
import { perDeps } from './per-db.ts';

/** A read: its statement, and how its rows become the value wanted. */
export type Read<T> = { sql: string; params: unknown[]; map: (rows: never[]) => T };

export interface RawSql {
  rows<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Rows changed by an INSERT, UPDATE or DELETE. */
  run(sql: string, params?: unknown[]): Promise<number>;
  /** Runs an INSERT of one row into a table with an `id` key and returns the new id. */
  insert(sql: string, params?: unknown[]): Promise<number>;
  /** Several reads in one round trip where the driver allows it (a MySQL multi-statement packet). */
  batch<T extends unknown[][]>(statements: { [K in keyof T]: [sql: string, params: unknown[]] }): Promise<T>;
  /** Runs `work` in one transaction (retried whole on a MySQL deadlock); nested calls join it. */
  transaction<T>(work: (sql: RawSql) => Promise<T>): Promise<T>;
}

const DEADLOCK = 1213;
const TRANSACTION_ATTEMPTS = 3;

class MysqlSql implements RawSql {
  /** In a transaction, START TRANSACTION rides in the packet of its first statement: one round trip less. */
  private beginPending: boolean;

  constructor(private readonly pool: RawMysql, private readonly connection: PoolConnection | null = null) {
    this.beginPending = connection !== null;
  }

  /** The results of `count` statements sent as one packet (one result when count is 1). */
  private async send(sql: string, params: unknown[], count = 1): Promise<unknown> {
    const begin = this.beginPending;
    this.beginPending = false;
    const [results] = await (this.connection ?? this.pool).query(begin ? `START TRANSACTION;${sql}` : sql, params);
    if (!begin) return results;
    const mine = (results as unknown[]).slice(1);
    return count === 1 ? mine[0] : mine;
  }

  async rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.send(sql, params)) as T[];
  }

  async run(sql: string, params: unknown[] = []): Promise<number> {
    return ((await this.send(sql, params)) as ResultSetHeader).affectedRows;
  }

  async insert(sql: string, params: unknown[] = []): Promise<number> {
    return ((await this.send(sql, params)) as ResultSetHeader).insertId;
  }

  async batch<T extends unknown[][]>(statements: { [K in keyof T]: [sql: string, params: unknown[]] }): Promise<T> {
    const list = statements as Array<[string, unknown[]]>;
    if (list.length === 1) return [await this.rows(list[0]![0], list[0]![1])] as T;
    return (await this.send(list.map(([sql]) => sql).join(';\n'), list.flatMap(([, params]) => params), list.length)) as T;
  }

  async transaction<T>(work: (sql: RawSql) => Promise<T>): Promise<T> {
    if (this.connection) return work(this);
    for (let attempt = 1; ; attempt++) {
      const connection = await this.pool.getConnection();
      try {
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

  async batch<T extends unknown[][]>(statements: { [K in keyof T]: [sql: string, params: unknown[]] }): Promise<T> {
    const results: unknown[][] = [];
    for (const [sql, params] of statements as Array<[string, unknown[]]>) results.push(await this.rows(sql, params));
    return results as T;
  }

  transaction<T>(work: (sql: RawSql) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this);
    return this.db.$transaction((tx) => work(new SqliteSql(this.db, tx, true)));
  }
}

export const rawSql = perDeps(({ db, rawMysql }): RawSql => (rawMysql ? new MysqlSql(rawMysql) : new SqliteSql(db)));

/** One read. */
export async function read<T>(sql: RawSql, statement: Read<T>): Promise<T> {
  return statement.map(await sql.rows<never>(statement.sql, statement.params));
}

/** Several reads in one round trip on MySQL (one after another on SQLite). */
export async function readAll<T extends unknown[]>(sql: RawSql, reads: { [K in keyof T]: Read<T[K]> }): Promise<T> {
  const list = reads as Array<Read<unknown>>;
  const results = await sql.batch(list.map((r) => [r.sql, r.params]) as Array<[string, unknown[]]>);
  return list.map((r, i) => r.map(results[i] as never[])) as T;
}

/** A unique key refused the row: MySQL's ER_DUP_ENTRY, or SQLite's constraint error through Prisma. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { errno?: number; code?: string; message?: string };
  return e.errno === 1062 || e.code === 'P2002' || /UNIQUE constraint failed/.test(e.message ?? '');
}

/** `?, ?, ?` for a list of values (IN lists, multi-row VALUES, CASE arms with a ' ' separator). */
export const placeholders = (count: number, tuple = '?', separator = ', ') => Array.from({ length: count }, () => tuple).join(separator);
