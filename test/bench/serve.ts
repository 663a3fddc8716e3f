// The real server for benchmarks, started exactly as main.ts starts it: one process, or with
// WORKERS > 1 a cluster primary and its workers (cluster.ts). It reports its URL (and the
// workers' pids) to the parent over IPC and closes cleanly on SIGTERM.
//
// On request over IPC it records a V8 CPU profile of a window ('profile-start' / 'profile-stop',
// through node:inspector), reports memory, takes a heap snapshot, and with BENCH_COUNT_SQL=1
// counts the SQL statements the server sends (through Prisma's MariaDB adapter and through the
// raw mysql2 pool; the product's code is not touched). In a cluster the primary relays each
// request to every worker and sums the answers (profiles and snapshots: worker 0's).
import cluster from 'node:cluster';
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { PrismaMariaDb } from '@prisma/adapter-mariadb';
import mysql2 from 'mysql2/promise';
import { startPrimary, startWorker, workerCount } from '../../server/src/cluster.ts';
import { resolveDatabaseTarget } from '../../server/src/db/target.ts';
import { loadConfig } from '../../server/src/env.ts';
import { createLogger } from '../../server/src/logger.ts';
import { DEFAULT_SQLITE_FILE, startServer } from '../../server/src/server.ts';

export type ServeMessage =
  | { type: 'ready'; url: string; pid: number; workerPids: number[] }
  | { type: 'sql'; statements: Record<string, number>; transactions: number }
  | { type: 'profile-started' }
  | { type: 'profile'; file: string }
  | { type: 'memory'; usage: NodeJS.MemoryUsage; afterGc: boolean }
  | { type: 'heap-snapshot'; file: string };

export type ParentMessage = { type: 'profile-discard' } | { type: 'sql-reset' } | { type: 'sql-report' } | { type: 'profile-start' } | { type: 'profile-stop'; file: string } | { type: 'memory'; gc?: boolean } | { type: 'heap-snapshot'; file: string };

const sql = { statements: new Map<string, number>(), transactions: 0 };

function countSql(): void {
  type Queryable = { performIO(query: { sql: string }): Promise<unknown>; startTransaction?: (...args: unknown[]) => Promise<unknown> };
  const factory = PrismaMariaDb.prototype as unknown as { connect(): Promise<Queryable> };
  const connect = factory.connect;
  let patched = false;
  factory.connect = async function patchedConnect(this: unknown) {
    const adapter = await connect.call(this);
    if (!patched) {
      patched = true;
      // PrismaMariaDbAdapter → MariaDbQueryable, whose performIO every statement (and every
      // statement inside a transaction) goes through.
      const adapterProto = Object.getPrototypeOf(adapter) as Queryable;
      const queryableProto = Object.getPrototypeOf(adapterProto) as Queryable;
      const performIO = queryableProto.performIO;
      queryableProto.performIO = function countedPerformIO(this: Queryable, query: { sql: string }) {
        const text = query.sql.replace(/\s+/g, ' ').slice(0, 400);
        sql.statements.set(text, (sql.statements.get(text) ?? 0) + 1);
        return performIO.call(this, query);
      };
      const startTransaction = adapterProto.startTransaction!;
      adapterProto.startTransaction = function countedStartTransaction(this: Queryable, ...args: unknown[]) {
        sql.transactions++;
        return startTransaction.apply(this, args);
      };
    }
    return adapter;
  };
}

/** Raw mysql2 statements (answer saves): a multi-statement packet counts as its statements. */
function countRawSql(): void {
  type Queryable = { query(sql: string, values?: unknown): Promise<unknown> };
  // The promise wrappers are exported at run time but not in the typings.
  const classes = mysql2 as unknown as Record<'PromisePool' | 'PromisePoolConnection', { prototype: Queryable }>;
  for (const proto of [classes.PromisePool.prototype, classes.PromisePoolConnection.prototype]) {
    const query = proto.query;
    proto.query = function countedQuery(this: Queryable, text: string, values?: unknown) {
      for (const statement of text.split(';').map((x) => x.replace(/\s+/g, ' ').trim()).filter(Boolean)) {
        const key = `[mysql2] ${statement.slice(0, 400)}`;
        sql.statements.set(key, (sql.statements.get(key) ?? 0) + 1);
        if (statement === 'START TRANSACTION') sql.transactions++;
      }
      return query.call(this, text, values);
    };
  }
}

const config = loadConfig(process.env);
const logger = createLogger(config.LOG_LEVEL);
const workers = workerCount(config, resolveDatabaseTarget(config.DATABASE_URL, DEFAULT_SQLITE_FILE).dialect);
// The parent may be gone (Ctrl-C): a late reply is dropped rather than crash the shutdown.
const send = (message: ServeMessage) => { if (process.connected) process.send?.(message); };

if (cluster.isPrimary && workers > 1) await relayForWorkers();
else await serveHere();

async function relayForWorkers(): Promise<void> {
  const running = await startPrimary(config, logger, workers);
  send({ type: 'ready', url: running.url, pid: process.pid, workerPids: running.pids() });
  const replyType = { 'sql-report': 'sql', memory: 'memory', 'profile-start': 'profile-started', 'profile-stop': 'profile', 'heap-snapshot': 'heap-snapshot' } as const;
  process.on('message', async (message: ParentMessage) => {
    const all = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    const onlyFirst = message.type === 'heap-snapshot' || message.type === 'profile-stop';
    const asked = onlyFirst ? all.slice(0, 1) : all;
    const expected = message.type in replyType ? replyType[message.type as keyof typeof replyType] : null;
    const replies = await Promise.all(asked.map((worker) => new Promise<ServeMessage | null>((resolve) => {
      if (!expected) { worker.send(message); resolve(null); return; }
      const onMessage = (reply: ServeMessage) => { if (reply.type === expected) { worker.off('message', onMessage); resolve(reply); } };
      worker.on('message', onMessage);
      worker.send(message);
    })));
    // Workers other than the first stop profiling without writing a file.
    if (message.type === 'profile-stop') for (const worker of all.slice(1)) worker.send({ type: 'profile-discard' });
    const first = replies[0];
    if (!first) return;
    if (first.type === 'sql') {
      const statements: Record<string, number> = {};
      let transactions = 0;
      for (const reply of replies as Array<Extract<ServeMessage, { type: 'sql' }>>) {
        for (const [text, n] of Object.entries(reply.statements)) statements[text] = (statements[text] ?? 0) + n;
        transactions += reply.transactions;
      }
      send({ type: 'sql', statements, transactions });
    } else if (first.type === 'memory') {
      const usage = { ...first.usage };
      for (const reply of replies.slice(1) as Array<Extract<ServeMessage, { type: 'memory' }>>) {
        for (const key of Object.keys(usage) as Array<keyof NodeJS.MemoryUsage>) usage[key] += reply.usage[key];
      }
      send({ type: 'memory', usage, afterGc: first.afterGc });
    } else {
      send(first);
    }
  });
  stopOnSignals(() => running.close());
}

async function serveHere(): Promise<void> {
  if (process.env.BENCH_COUNT_SQL === '1') { countSql(); countRawSql(); }
  installProbes();
  if (cluster.isWorker) {
    await startWorker(config, logger);
    return;
  }
  const running = await startServer(config, logger);
  send({ type: 'ready', url: running.url, pid: process.pid, workerPids: [] });
  stopOnSignals(() => running.close());
}

/** Closes the server on SIGTERM/SIGINT or when the parent goes away, once. */
function stopOnSignals(close: () => Promise<void>): void {
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await close();
    process.disconnect?.();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  process.once('disconnect', () => void stop());
}

function installProbes(): void {
  let profiler: Session | null = null;
  process.on('message', async (message: ParentMessage) => {
    if (message.type === 'sql-reset') { sql.statements.clear(); sql.transactions = 0; }
    if (message.type === 'sql-report') send({ type: 'sql', statements: Object.fromEntries(sql.statements), transactions: sql.transactions });
    if (message.type === 'memory') {
      // With `gc`, a full collection first (through the inspector), so heapUsed is the live heap.
      if (message.gc) {
        const session = new Session();
        session.connect();
        await session.post('HeapProfiler.collectGarbage');
        session.disconnect();
      }
      send({ type: 'memory', usage: process.memoryUsage(), afterGc: Boolean(message.gc) });
    }
    if (message.type === 'heap-snapshot') {
      const session = new Session();
      session.connect();
      const fd = openSync(message.file, 'w');
      session.on('HeapProfiler.addHeapSnapshotChunk', (m) => writeSync(fd, m.params.chunk));
      await session.post('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      closeSync(fd);
      session.disconnect();
      send({ type: 'heap-snapshot', file: message.file });
    }
    if (message.type === 'profile-start') {
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.setSamplingInterval', { interval: 500 });
      await profiler.post('Profiler.start');
      send({ type: 'profile-started' });
    }
    if (message.type === 'profile-stop' && profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      writeFileSync(message.file, JSON.stringify(profile));
      profiler.disconnect();
      profiler = null;
      send({ type: 'profile', file: message.file });
    }
    if (message.type === 'profile-discard' && profiler) {
      await profiler.post('Profiler.stop');
      profiler.disconnect();
      profiler = null;
    }
  });
}
