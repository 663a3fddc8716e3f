// Heartbeats are written in batches (group commit): heartbeats arriving while earlier batches
// are being written share the next multi-row INSERT, and each request is acknowledged only
// after its batch has committed, so an acknowledged heartbeat is never lost.
import { Prisma, type Db } from '../db/client.ts';
import { GroupCommit } from '../db/group-commit.ts';
import type { RawMysql } from '../db/raw-mysql.ts';
import { perDeps } from '../db/per-db.ts';

export type HeartbeatRow = {
  sessionId: number; seq: number; serverAt: Date; clientAt: Date; foreground: boolean;
  taps: number; scrolls: number; keys: number; gaps: number[]; statute: string; article: number; scroll: number;
};

const values = (r: HeartbeatRow) => [
  r.sessionId, r.seq, r.serverAt, r.clientAt, r.foreground, r.taps, r.scrolls, r.keys, JSON.stringify(r.gaps), r.statute, r.article, r.scroll,
];
// `keys` is quoted because MySQL reserves it; SQLite accepts the backticks too.
const COLUMNS = 'session_id, seq, server_at, client_at, foreground, taps, scrolls, `keys`, gaps, statute, article, scroll';

/** MySQL: mysql2 expands the rows into one INSERT itself, with no query plan to compile or rows to map. */
async function commitMysql(pool: RawMysql, rows: HeartbeatRow[]): Promise<void[]> {
  await pool.query(`INSERT INTO heartbeats (${COLUMNS}) VALUES ?`, [rows.map(values)]);
  return rows.map(() => undefined);
}

/** SQLite: the same INSERT through a raw Prisma statement (createMany would compile a plan per batch size). */
async function commitSqlite(db: Db, rows: HeartbeatRow[]): Promise<void[]> {
  const tuples = rows.map((r) => Prisma.sql`(${Prisma.join(values(r))})`);
  await db.$executeRaw`INSERT INTO heartbeats (${Prisma.raw(COLUMNS)}) VALUES ${Prisma.join(tuples)}`;
  return rows.map(() => undefined);
}

// One batch in flight: heartbeats arriving meanwhile form the next, larger batch, so a peak
// costs fewer round trips (and SQLite has one writer at a time anyway).
export const heartbeatWriter = perDeps(({ db, rawMysql }): GroupCommit<HeartbeatRow, void> => (rawMysql
  ? new GroupCommit((rows) => commitMysql(rawMysql, rows), { maxBatch: 500, maxInFlight: 1 })
  : new GroupCommit((rows) => commitSqlite(db, rows), { maxBatch: 500, maxInFlight: 1 })));
