// The roll-up command, on the database named by DATABASE_URL (default the embedded SQLite file).
//   npm run rollups -- rebuild [--only NAME]   recompute roll-ups from the raw rows
//   npm run rollups -- list                    the roll-ups and what they summarise
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../src/env.ts';
import { rollUps } from '../src/rollups/registry.ts';
import { prepareDeps } from '../src/server.ts';

const USAGE = `用法：
  npm run rollups -- rebuild [--only 名称]
  npm run rollups -- list`;

const { positionals, values } = parseArgs({ allowPositionals: true, options: { only: { type: 'string' } } });

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function main(): Promise<void> {
  const command = positionals[0];
  if (command === 'list') {
    for (const rollUp of rollUps) console.log(`${rollUp.name}\t${rollUp.description}`);
    return;
  }
  if (command !== 'rebuild') fail(USAGE);
  const chosen = values.only ? rollUps.filter((rollUp) => rollUp.name === values.only) : rollUps;
  if (!chosen.length) fail(`没有名为 ${values.only} 的汇总表；可用：${rollUps.map((r) => r.name).join('、')}`);
  const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
  const { deps } = await prepareDeps(config, pino({ level: config.LOG_LEVEL }));
  try {
    for (const rollUp of chosen) {
      const started = Date.now();
      const { rows } = await rollUp.rebuild(deps);
      console.log(`${rollUp.name}（${rollUp.description}）：${rows} 行，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
    }
  } finally {
    await deps.db.$disconnect();
    await deps.rawMysql?.end();
  }
}

await main();
