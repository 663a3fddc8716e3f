import { ConfigError, loadConfig } from './env.ts';
import { createLogger } from './logger.ts';
import { demoUsers, DEMO_PASSWORD } from './seed/demo.ts';
import { DEFAULT_SQLITE_FILE, startServer } from './server.ts';
import { isClusterWorker, startPrimary, startWorker, workerCount } from './cluster.ts';
import { resolveDatabaseTarget, type DatabaseTarget } from './db/target.ts';
import type { BankCounts } from './server.ts';
import type { Config } from './env.ts';

type Started = { config: Config; url: string; target: DatabaseTarget; applied: string[]; seeded: number; bank: BankCounts; workers: number; close(): Promise<void> };

function printBanner(running: Started): void {
  const { config } = running;
  const where = running.target.dialect === 'sqlite' ? `SQLite 文件 ${running.target.file}` : `MySQL 数据库 ${running.target.database}@${running.target.url.host}`;
  const lines = [
    '',
    `学法 Xuefa 已启动：${running.url}`,
    `  数据：${where}（本次执行迁移 ${running.applied.length} 个，新增演示人员 ${running.seeded} 名）`,
    `  题库：法规 ${running.bank.statutes} 部，全国题库题目 ${running.bank.questions} 道`,
    `  健康检查：${running.url}/healthz   就绪检查：${running.url}/readyz`,
    `  接口文档：${running.url}/api/openapi.json`,
  ];
  if (running.workers > 1) lines.splice(2, 0, `  进程：${running.workers} 个工作进程共用此端口（WORKERS）`);
  if (config.SEED_DEMO) {
    lines.push(`  演示账号（控制台 POST /api/auth/staff/login，密码均为 ${DEMO_PASSWORD}）：`);
    for (const user of demoUsers.filter((u) => u.username)) lines.push(`    ${user.username!.padEnd(16)} ${user.name}（${user.roles.map((r) => r.role).join('、')}）`);
    if (config.devLoginEnabled) lines.push('  干部（小程序）开发登录：POST /api/auth/dev/login {"phone":"13900000011"}');
  }
  console.log(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  if (isClusterWorker()) return startWorker(config, logger);
  const dialect = resolveDatabaseTarget(config.DATABASE_URL, DEFAULT_SQLITE_FILE).dialect;
  let workers;
  try {
    workers = workerCount(config, dialect);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
  const running: Started = workers > 1
    ? await startPrimary(config, logger, workers)
    : await startServer(config, logger).then((single) => ({ ...single, config, workers: 1 }));
  printBanner(running);
  const stop = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  console.error('启动失败：', error instanceof Error ? error.message : error);
  if (process.env.LOG_LEVEL === 'debug') console.error(error);
  process.exit(1);
});
