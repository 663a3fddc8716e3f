// The real server in its own process, for benchmarks: started exactly as main.ts starts it
// (startServer with the environment's config), it reports its URL to the parent over IPC and
// closes cleanly on SIGTERM (so `--cpu-prof` gets written).
//
// On request (IPC 'profile-start' / 'profile-stop') it records a V8 CPU profile of just that
// window through node:inspector and writes it to the given file.
//
// BENCH_COUNT_SQL=1 wraps the MariaDB driver adapter (not the server code) to count the SQL
// statements and transactions the server sends; the parent asks for the counts over IPC.
//
// BENCH_ADAPTER_CONFIG='{"prepareCacheLength":256}' is an experiment, not the product: after
// the normal start it swaps the app's database client for one built the way db/client.ts builds
// it but with extra MariaDB pool settings (`useTextProtocol` goes to the adapter's options). The
// routes read `deps.db` per request, so every request after the swap uses it.
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { PrismaMariaDb } from '@prisma/adapter-mariadb';
import { PrismaClient } from '../../server/generated/mysql/client.ts';
import type { Db } from '../../server/src/db/client.ts';
import { mysqlConnectionOptions } from '../../server/src/db/target.ts';
import { loadConfig } from '../../server/src/env.ts';
import { createLogger } from '../../server/src/logger.ts';
import { startServer } from '../../server/src/server.ts';

export type ServeMessage =
  | { type: 'ready'; url: string; pid: number }
  | { type: 'sql'; statements: Record<string, number>; transactions: number }
  | { type: 'profile-started' }
  | { type: 'profile'; file: string }
  | { type: 'memory'; usage: NodeJS.MemoryUsage; afterGc: boolean }
  | { type: 'heap-snapshot'; file: string };

export type ParentMessage = { type: 'sql-reset' } | { type: 'sql-report' } | { type: 'profile-start' } | { type: 'profile-stop'; file: string } | { type: 'memory'; gc?: boolean } | { type: 'heap-snapshot'; file: string };

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

if (process.env.BENCH_COUNT_SQL === '1') countSql();

const config = loadConfig(process.env);
const logger = createLogger(config.LOG_LEVEL);
const running = await startServer(config, logger);
if (process.env.BENCH_ADAPTER_CONFIG && running.target.dialect === 'mysql') {
  const { useTextProtocol, ...poolConfig } = JSON.parse(process.env.BENCH_ADAPTER_CONFIG) as Record<string, unknown>;
  const adapter = new PrismaMariaDb(
    { ...mysqlConnectionOptions(running.target.url), database: running.target.database, connectionLimit: config.DB_POOL_SIZE, ...poolConfig },
    useTextProtocol === undefined ? undefined : { useTextProtocol: Boolean(useTextProtocol) },
  );
  // The same options as db/client.ts (secrets omitted unless asked for, transaction limits).
  const db = new PrismaClient({
    adapter,
    omit: { wechatIdentity: { sessionKey: true, bindTicketHash: true }, staffCredential: { passwordHash: true }, accessToken: { tokenHash: true } },
    transactionOptions: { maxWait: 5_000, timeout: 15_000 },
  }) as unknown as Db;
  const original = running.deps.db;
  running.deps.db = db;
  await original.$disconnect();
}
// The parent may be gone (Ctrl-C): a late reply is dropped rather than crash the shutdown.
const send = (message: ServeMessage) => { if (process.connected) process.send?.(message); };
send({ type: 'ready', url: running.url, pid: process.pid });

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
});

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await running.close();
  process.disconnect?.();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
process.once('disconnect', () => void stop());
