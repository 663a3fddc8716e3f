// Runs every test file with uvu and ends with the plain `N passed, N failed` line CI reads.
// MySQL is probed once here: reachable → every database test also runs on MySQL; unreachable →
// SQLite only, except with CI=true, where a missing MySQL is a failure.
import { spawn } from 'node:child_process';
import { probeMysql, DEFAULT_TEST_MYSQL_URL } from './support/mysql-probe.ts';

const mysqlUrl = process.env.TEST_MYSQL_URL || DEFAULT_TEST_MYSQL_URL;
const probe = await probeMysql(mysqlUrl);
const ci = process.env.CI === 'true';
let setupFailures = 0;
if (!probe.ok) {
  const message = `MySQL 不可用（${new URL(mysqlUrl).host}）：${probe.reason}`;
  if (ci) { console.error(`✘ ${message}；CI=true 时这是失败。`); setupFailures = 1; }
  else console.warn(`! ${message}；本次只在 SQLite 上运行数据库测试。`);
}

const pattern = process.argv[2] ?? '\\.test\\.ts$';
const child = spawn(process.execPath, ['--import', 'tsx', 'node_modules/uvu/bin.js', 'test', pattern], {
  env: { ...process.env, FORCE_COLOR: '0', NODE_DISABLE_COLORS: '1', TEST_MYSQL_URL: mysqlUrl, XUEFA_TEST_DIALECTS: probe.ok ? 'sqlite,mysql' : 'sqlite', NODE_ENV: 'test' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let output = '';
child.stdout.on('data', (chunk: Buffer) => { output += chunk; process.stdout.write(chunk); });
const exitCode: number = await new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));

const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
const count = (label: string) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(plain)?.[1] ?? NaN);
const total = count('Total'), passed = count('Passed'), skipped = count('Skipped');
let failed = Number.isNaN(total) ? 1 : total - passed - (Number.isNaN(skipped) ? 0 : skipped);
if (exitCode !== 0 && failed === 0) failed = 1; // a crash outside any test still fails the run
failed += setupFailures;
console.log(`\n${Number.isNaN(passed) ? 0 : passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
