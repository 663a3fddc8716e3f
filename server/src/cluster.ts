// Several worker processes on one port (node:cluster), so a MySQL deployment uses every core:
// one Node process serves about one core's worth of requests. The primary prepares the
// database once (migrations, bank, demo seed), then forks the workers, restarts one that dies,
// and stops them all on SIGINT/SIGTERM. The scheduler runs in worker 0 only (the JobRun
// coordinator would keep it exactly-once anyway). Per-process caches (actors, sessions, papers)
// behave as between separate instances: see the README.
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Logger } from 'pino';
import { ConfigError, type Config } from './env.ts';
import { prepareDatabase, prepareDeps, serve, type Prepared } from './server.ts';

const WORKER_INDEX = 'XUEFA_WORKER_INDEX';
const RESTARTS_PER_MINUTE = 5;

/** WORKERS=auto: one per core on MySQL; SQLite allows one writer, so one process. */
export function workerCount(config: Config, dialect: 'mysql' | 'sqlite'): number {
  if (config.WORKERS === 'auto') return dialect === 'sqlite' ? 1 : Math.min(availableParallelism(), 8);
  if (dialect === 'sqlite' && config.WORKERS > 1) {
    throw new ConfigError([`WORKERS: 内嵌 SQLite 数据库只能由一个进程写入，请设为 1 或 auto，或改用 MySQL（当前值：${config.WORKERS}）`]);
  }
  return config.WORKERS;
}

export type ClusterRunning = Omit<Prepared, 'deps'> & { config: Config; url: string; workers: number; pids(): number[]; close(): Promise<void> };

/**
 * Workers get a 64 MB young generation (V8's default is 16 MB): a request's short-lived objects
 * then die in the nursery instead of being copied and promoted, which gave 25–35 % more
 * heartbeats per second in the benchmark for at most ~100 MB more per worker. An operator's own
 * setting (command line or NODE_OPTIONS) wins.
 */
function workerExecArgv(): string[] {
  const given = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ');
  return given.includes('--max-semi-space-size') ? process.execArgv : [...process.execArgv, '--max-semi-space-size=64'];
}

export async function startPrimary(config: Config, logger: Logger, workers: number): Promise<ClusterRunning> {
  const { deps, ...prepared } = await prepareDatabase(config, logger);
  await deps.db.$disconnect();
  await deps.rawMysql?.end();

  let stopping = false;
  let ready = false;
  const restarts: number[] = [];
  const byIndex: Worker[] = [];
  cluster.setupPrimary({ execArgv: workerExecArgv() });
  const fork = (index: number): Promise<{ worker: Worker; port: number }> => {
    const worker = cluster.fork({ [WORKER_INDEX]: String(index) });
    byIndex[index] = worker;
    worker.on('exit', (code, signal) => {
      if (stopping || !ready) return;
      logger.error({ index, pid: worker.process.pid, code, signal }, 'worker exited; starting a replacement');
      const now = Date.now();
      restarts.push(now);
      while (restarts[0]! < now - 60_000) restarts.shift();
      if (restarts.length > RESTARTS_PER_MINUTE) {
        logger.fatal({ restarts: restarts.length }, 'workers keep dying; stopping');
        void running.close().then(() => process.exit(1));
        return;
      }
      setTimeout(() => { if (!stopping) fork(index).catch((error) => logger.error({ err: error }, 'replacement worker failed')); }, 1000);
    });
    return new Promise((resolve, reject) => {
      worker.once('listening', (address) => resolve({ worker, port: address.port }));
      worker.once('exit', (code) => reject(new Error(`工作进程 ${index} 启动失败（退出码 ${code}）`)));
    });
  };
  const started = await Promise.all(Array.from({ length: workers }, (_, index) => fork(index)));
  ready = true;

  const running: ClusterRunning = {
    ...prepared, config, workers, url: `http://${config.HOST}:${started[0]!.port}`,
    pids: () => byIndex.map((w) => w.process.pid!),
    async close() {
      stopping = true;
      await Promise.all(byIndex.map((worker) => stopWorker(worker)));
    },
  };
  return running;
}

/** Asks a worker to finish (drain writes, close the database) and waits; kills it after 15 s. */
function stopWorker(worker: Worker): Promise<void> {
  if (worker.isDead()) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => worker.process.kill('SIGKILL'), 15_000);
    worker.once('exit', () => { clearTimeout(timer); resolve(); });
    worker.send('shutdown');
  });
}

export async function startWorker(config: Config, logger: Logger): Promise<void> {
  const index = Number(process.env[WORKER_INDEX] ?? 0);
  const { deps } = await prepareDeps(config, logger.child({ worker: index }), {}, false);
  const serving = await serve(deps, { scheduler: config.SCHEDULER && index === 0 });
  let closing: Promise<void> | null = null;
  const stop = () => {
    closing ??= serving.close().then(() => process.exit(0));
  };
  process.on('message', (message) => { if (message === 'shutdown') stop(); });
  // Ctrl-C reaches the whole process group; the primary's shutdown message may follow.
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // The primary is gone (killed): nothing would restart or stop this worker.
  process.once('disconnect', stop);
}

export const isClusterWorker = () => cluster.isWorker;
