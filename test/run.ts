// Runs every test file with uvu and ends with the plain `N passed, N failed` line CI reads.
// Each folder under test/ (server, question-bank, miniprogram, console, bot …) runs in its own
// uvu process, so one group's globals (the mini-program's jsdom, a browser) never reach another.
// MySQL is probed once here: reachable → every database test also runs on MySQL; unreachable →
// SQLite only, except with CI=true, where a missing MySQL is a failure.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { probeMysql, DEFAULT_TEST_MYSQL_URL } from './support/mysql-probe.ts';
import { countsFrom, type Counts } from './support/uvu-counts.ts';

/** Folders under test/ that hold helpers or benchmarks, not tests. */
const NOT_TEST_GROUPS = new Set(['support', 'bench', 'output']);

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
const onlyGroup = process.env.TEST_GROUP;
const groups = readdirSync('test')
  .filter((name) => statSync(join('test', name)).isDirectory() && !NOT_TEST_GROUPS.has(name))
  .filter((name) => !onlyGroup || onlyGroup.split(',').includes(name))
  .sort();

const LINGER_MS = 20_000;

function stopGroup(group: string, pid: number): void {
  console.log(`test/${group}: WARNING the process was still running ${LINGER_MS / 1000} s after its summary (a handle left open); stopped, its summary stands`);
  try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
}

async function runGroup(group: string): Promise<Counts> {
  console.log(`\n=== test/${group}`);
  const child = spawn(process.execPath, ['--import', 'tsx', 'node_modules/uvu/bin.js', join('test', group), pattern], {
    env: { ...process.env, FORCE_COLOR: '0', NODE_DISABLE_COLORS: '1', TEST_MYSQL_URL: mysqlUrl, XUEFA_TEST_DIALECTS: probe.ok ? 'sqlite,mysql' : 'sqlite', NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'inherit'],
    // Its own process group, so a browser or server a failed test left behind goes with it.
    detached: true,
  });
  let output = '';
  let lingering: NodeJS.Timeout | null = null;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk;
    process.stdout.write(chunk);
    // uvu has printed its summary: the counts are final. A process still alive after that is held
    // open by something a test did not close (a shared browser); it must not hang the run (CI has a
    // time limit): it is stopped with a warning and its summary counts.
    if (!lingering && /Duration:/.test(output)) lingering = setTimeout(() => stopGroup(group, child.pid!), LINGER_MS);
  });
  const exitCode: number = await new Promise((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal === 'SIGKILL' && lingering ? 0 : 1))));
  if (lingering) clearTimeout(lingering);
  return countsFrom(output, exitCode);
}

{
  const sum: Counts = { passed: 0, failed: setupFailures, skipped: 0 };
  for (const group of groups) {
    const counts = await runGroup(group);
    sum.passed += counts.passed; sum.failed += counts.failed; sum.skipped += counts.skipped;
  }
  console.log(`\n${sum.passed} passed, ${sum.failed} failed${sum.skipped ? `, ${sum.skipped} skipped` : ''}`);
  process.exit(sum.failed > 0 ? 1 : 0);
}
