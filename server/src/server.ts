// Assembles a running server from configuration: database, migrations, seed, app. Used by
// main.ts and by tests that need the whole thing started the way production starts it.
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { createApp } from './app.ts';
import { openDatabase } from './db/client.ts';
import { openRawMysql } from './db/raw-mysql.ts';
import { migrateDatabase } from './db/migrate.ts';
import { resolveDatabaseTarget, type DatabaseTarget } from './db/target.ts';
import type { AppDeps } from './deps.ts';
import type { Config } from './env.ts';
import { seedDemo } from './seed/demo.ts';
import { seedDemoActivity } from './seed/activity.ts';
import { loadShippedBank, loadShippedStatutes } from './bank/seed.ts';
import { createWechatClient, type WechatClient } from './wechat/client.ts';
import { systemClock, type Clock } from './clock.ts';
import { startScheduler } from './jobs/scheduler.ts';
import { startRevocationFeed } from './auth/revocations.ts';
import { startExamWarmer } from './exams/warm-up.ts';
import { heartbeatWriter } from './study/heartbeat-writer.ts';
import { answerWriter } from './exams/answer-writer.ts';
import { fillNewRollUps } from './rollups/after-migration.ts';
import { queueApplier } from './rollups/attempt-queue.ts';

export const DEFAULT_SQLITE_FILE = 'data/xuefa.db';

export type BankCounts = { statutes: number; questions: number };

export type Running = { deps: AppDeps; server: Server; url: string; target: DatabaseTarget; applied: string[]; seeded: number; bank: BankCounts; close(): Promise<void> };

/**
 * Loads the shipped statutes (and questions) idempotently; see bank/seed.ts. Instances starting
 * together may race on the same rows: the loser retries and finds everything loaded.
 */
export async function loadBank(deps: Pick<AppDeps, 'db' | 'config' | 'logger'>, attempt = 1): Promise<BankCounts> {
  try {
    return await loadBankOnce(deps);
  } catch (error) {
    if (attempt >= 3 || (error as { code?: string }).code !== 'P2002') throw error;
    deps.logger.warn({ attempt }, 'question bank loaded concurrently by another instance; retrying');
    return loadBank(deps, attempt + 1);
  }
}

async function loadBankOnce(deps: Pick<AppDeps, 'db' | 'config' | 'logger'>): Promise<BankCounts> {
  const mode = deps.config.LOAD_BANK;
  if (mode === 'statutes') await loadShippedStatutes(deps.db);
  if (mode === 'full') {
    const summary = await loadShippedBank(deps.db);
    deps.logger.info({ statutes: summary.statutes.map((s) => s.outcome), questions: summary.questions }, 'question bank loaded');
  }
  const [statutes, questions] = await Promise.all([deps.db.statute.count(), deps.db.question.count({ where: { ownerKey: 'national' } })]);
  return { statutes, questions };
}

/** Replaceable parts, for tests: the WeChat client and the clock. */
export type DepsOverrides = { wechat?: WechatClient; clock?: Clock };

/**
 * Opens the database and builds the dependencies every service uses. With `migrate` (the
 * default) pending migrations are applied first; cluster workers skip it, the primary did it.
 */
export async function prepareDeps(config: Config, logger: Logger, overrides: DepsOverrides = {}, migrate = true): Promise<{ deps: AppDeps; target: DatabaseTarget; applied: string[] }> {
  const target = resolveDatabaseTarget(config.DATABASE_URL, DEFAULT_SQLITE_FILE);
  const applied = migrate ? await migrateDatabase(target) : [];
  const db = await openDatabase(target, config.DB_POOL_SIZE);
  const deps: AppDeps = {
    db, config, logger, dialect: target.dialect,
    rawMysql: target.dialect === 'mysql' ? openRawMysql(target, config.DB_POOL_SIZE) : null,
    clock: overrides.clock ?? systemClock,
    wechat: overrides.wechat ?? createWechatClient({ baseUrl: config.WECHAT_API_BASE_URL, appId: config.WECHAT_APPID, secret: config.WECHAT_SECRET, timeoutMs: config.WECHAT_TIMEOUT_MS }),
  };
  await fillNewRollUps(deps, applied);
  return { deps, target, applied };
}

export type Prepared = { deps: AppDeps; target: DatabaseTarget; applied: string[]; seeded: number; bank: BankCounts };

/** Everything a start does once per database: migrations, the shipped bank, the demo seed. */
export async function prepareDatabase(config: Config, logger: Logger, overrides: DepsOverrides = {}): Promise<Prepared> {
  const { deps, target, applied } = await prepareDeps(config, logger, overrides);
  const bank = await loadBank(deps);
  const seeded = config.SEED_DEMO ? await seedDemo(deps.db) : 0;
  // A month of demo activity for `npm start` only; tests seed what they need themselves.
  if (config.SEED_DEMO && config.NODE_ENV === 'development') await seedDemoActivity(deps, deps.clock.now());
  return { deps, target, applied, seeded, bank };
}

export type Serving = { server: Server; url: string; close(): Promise<void> };

/** The HTTP side of an instance: the Koa app on the configured port, and the scheduler if asked. */
export async function serve(deps: AppDeps, options: { scheduler: boolean }): Promise<Serving> {
  const { config } = deps;
  const app = createApp(deps);
  const scheduler = options.scheduler ? startScheduler(deps) : null;
  const revocations = await startRevocationFeed(deps);
  const examWarmer = startExamWarmer(deps);
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(config.PORT, config.HOST, () => resolve(listening)).once('error', reject);
  });
  server.on('clientError', answerClientError);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  return {
    server, url: `http://${config.HOST}:${port}`,
    async close() {
      await scheduler?.stop();
      revocations.stop();
      examWarmer.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await heartbeatWriter(deps).drain();
      await answerWriter(deps).drain();
      await queueApplier(deps).idle();
      await deps.db.$disconnect();
      await deps.rawMysql?.end();
    },
  };
}

/**
 * Requests Node refuses before Koa sees them (headers or URL over `maxHeaderSize`, malformed
 * HTTP) still get the JSON envelope, instead of Node's bare status line.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const [status, code, message] = tooLarge
    ? [431, 'headers_too_large', '请求地址或请求头过长'] as const
    : [400, 'bad_request', '请求格式不正确'] as const;
  const body = JSON.stringify({ ok: false, error: { code, message } });
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/** One process: prepare the database, then serve it. */
export async function startServer(config: Config, logger: Logger, overrides: DepsOverrides = {}): Promise<Running> {
  const prepared = await prepareDatabase(config, logger, overrides);
  const serving = await serve(prepared.deps, { scheduler: config.SCHEDULER });
  return { ...prepared, ...serving };
}
