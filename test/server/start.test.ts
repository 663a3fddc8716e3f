// Starts the product the way `npm start` does, in a fresh directory with no configuration.
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createTestDatabase, testDialects } from '../support/databases.ts';

const tsxCli = resolve('node_modules/tsx/dist/cli.mjs');
const mainFile = resolve('server/src/main.ts');

type Started = { child: ChildProcess; url: string; output: string };

async function fetchJson(url: string, init?: RequestInit): Promise<any> {
  return (await fetch(url, init)).json();
}

const START_LIMIT_MS = 120_000;

function startProduct(cwd: string, env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, [tsxCli, mainFile], {
    cwd, env: { PATH: process.env.PATH!, HOME: process.env.HOME!, PORT: '0', LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /已启动：(http:\/\/\S+)/.exec(output);
      if (match) resolvePromise({ child, url: match[1]!, get output() { return output; } });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before listening:\n${output}`)));
    // The first start seeds a month of demo activity through the API: on a loaded 2-core machine that
    // has taken over a minute. This test is about what a start does; its speed is not timed here.
    setTimeout(() => reject(new Error(`no start banner within ${START_LIMIT_MS / 1000} s:\n${output}`)), START_LIMIT_MS).unref();
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolvePromise) => { child.once('exit', (code) => resolvePromise(code)); child.kill('SIGTERM'); });
}

function runToExit(cwd: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [tsxCli, mainFile], { cwd, env: { PATH: process.env.PATH!, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => { output += c; });
  child.stderr.on('data', (c: Buffer) => { output += c; });
  return new Promise((resolvePromise) => child.once('exit', (code) => resolvePromise({ code, output })));
}

const embedded = suite('npm start on the embedded default');
const workdir = mkdtempSync(join(tmpdir(), 'xuefa-start-'));
embedded.after(() => rmSync(workdir, { recursive: true, force: true }));

embedded('comes up with no configuration: SQLite file created, migrated, seeded, demo logins printed', async () => {
  const started = await startProduct(workdir);
  try {
    assert.ok(existsSync(join(workdir, 'data/xuefa.db')), 'data/xuefa.db created');
    const health = await fetchJson(`${started.url}/healthz`);
    assert.equal(health, { ok: true, data: { status: 'ok' } });
    const ready = await fetchJson(`${started.url}/readyz`);
    assert.is(ready.data.database, 'sqlite');
    assert.match(started.output, /新增演示人员 11 名/);
    assert.match(started.output, /admin\s+系统管理员/);
    assert.match(started.output, /xuefa-demo-2026/);
    const login = await fetch(`${started.url}/api/auth/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'organiser-east', password: 'xuefa-demo-2026' }) });
    assert.is(login.status, 200);
  } finally {
    assert.is(await stop(started.child), 0, 'stops cleanly on SIGTERM');
  }
});

embedded('a second start reuses the data and seeds nothing twice', async () => {
  const started = await startProduct(workdir);
  try {
    assert.match(started.output, /本次执行迁移 0 个，新增演示人员 0 名/);
    const token = (await fetchJson(`${started.url}/api/auth/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin' }) })).data.token;
    const users = await fetchJson(`${started.url}/api/users`, { headers: { authorization: `Bearer ${token}` } });
    assert.is(users.pagination.total, 11);
    const organisations = await fetchJson(`${started.url}/api/organizations`, { headers: { authorization: `Bearer ${token}` } });
    assert.is(organisations.pagination.total, 12);
  } finally {
    await stop(started.child);
  }
});

embedded('a bad setting stops the start with the variable and the expected form', async () => {
  const result = await runToExit(workdir, { PORT: 'eighty', DATABASE_URL: 'postgres://x/y' });
  assert.is(result.code, 2);
  assert.match(result.output, /PORT/);
  assert.match(result.output, /DATABASE_URL: 应为 mysql:\/\//);
});

embedded('SQLite refuses more than one worker process', async () => {
  const result = await runToExit(workdir, { WORKERS: '2' });
  assert.is(result.code, 2);
  assert.match(result.output, /WORKERS: 内嵌 SQLite 数据库只能由一个进程写入/);
});

embedded('production refuses to start without WeChat credentials', async () => {
  const result = await runToExit(workdir, { NODE_ENV: 'production' });
  assert.is(result.code, 2);
  assert.match(result.output, /WECHAT_APPID: 生产环境必须设置/);
});
embedded.run();

if (testDialects().includes('mysql')) {
  const onMysql = suite('npm start with DATABASE_URL=mysql://…');
  onMysql('creates the database, migrates and seeds the same way', async () => {
    const database = await createTestDatabase('mysql');
    const mysqlWorkdir = mkdtempSync(join(tmpdir(), 'xuefa-start-mysql-'));
    const started = await startProduct(mysqlWorkdir, { DATABASE_URL: database.url });
    try {
      const ready = await fetchJson(`${started.url}/readyz`);
      assert.is(ready.data.database, 'mysql');
      assert.match(started.output, /MySQL 数据库 xuefa_t_/);
      assert.match(started.output, /新增演示人员 11 名/);
      assert.not.ok(existsSync(join(mysqlWorkdir, 'data')), 'no SQLite file when MySQL is configured');
    } finally {
      await stop(started.child);
      await database.drop();
      rmSync(mysqlWorkdir, { recursive: true, force: true });
    }
  });
  onMysql('WORKERS=2: two workers share the port, a dead worker is replaced, SIGTERM stops them all', async () => {
    const database = await createTestDatabase('mysql');
    const mysqlWorkdir = mkdtempSync(join(tmpdir(), 'xuefa-start-mysql-'));
    const started = await startProduct(mysqlWorkdir, { DATABASE_URL: database.url, WORKERS: '2' });
    try {
      assert.match(started.output, /进程：2 个工作进程/);
      const workers = workerPids(started.child.pid!);
      assert.is(workers.length, 2);
      for (const pid of workers) assert.ok(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes('--max-semi-space-size=64'), 'workers run with the larger young generation');
      process.kill(workers[0]!, 'SIGKILL');
      let replaced: number[] = [];
      for (let i = 0; i < 100 && !(replaced.length === 2 && !replaced.includes(workers[0]!)); i++) {
        await new Promise((r) => setTimeout(r, 200));
        replaced = workerPids(started.child.pid!);
      }
      assert.is(replaced.length, 2, 'a replacement worker was started');
      assert.ok(replaced.includes(workers[1]!) && !replaced.includes(workers[0]!));
      for (let i = 0; i < 6; i++) assert.is((await fetchJson(`${started.url}/readyz`)).data.status, 'ready');
      assert.is(await stop(started.child), 0);
      assert.equal(replaced.filter(isAlive), [], 'no worker outlives the primary');
    } finally {
      if (started.child.exitCode === null) await stop(started.child);
      await database.drop();
      rmSync(mysqlWorkdir, { recursive: true, force: true });
    }
  });
  onMysql('WORKERS=2: a logout on one worker is refused on every worker within about a second', async () => {
    const database = await createTestDatabase('mysql');
    const mysqlWorkdir = mkdtempSync(join(tmpdir(), 'xuefa-start-mysql-'));
    const started = await startProduct(mysqlWorkdir, { DATABASE_URL: database.url, WORKERS: '2', LOAD_BANK: 'none' });
    try {
      const login = await fetchJson(`${started.url}/api/auth/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone: '13900000011' }) });
      const token = login.data.token as string;
      // A new connection each time, so the primary hands the requests to both workers in turn.
      const statuses = (path: string, method = 'GET') => Promise.all(Array.from({ length: 8 }, () => statusOnNewConnection(`${started.url}${path}`, method, token)));
      assert.equal(await statuses('/api/me'), Array(8).fill(200), 'accepted by both workers, which now cache the actor');
      assert.is(await statusOnNewConnection(`${started.url}/api/auth/logout`, 'POST', token), 200);
      await new Promise((r) => setTimeout(r, 1_500));
      assert.equal(await statuses('/api/me'), Array(8).fill(401), 'refused by every worker 1.5 s after the logout');
    } finally {
      await stop(started.child);
      await database.drop();
      rmSync(mysqlWorkdir, { recursive: true, force: true });
    }
  });
  onMysql.run();
}

function statusOnNewConnection(url: string, method: string, token: string): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const request = httpRequest(url, { method, agent: false, headers: { authorization: `Bearer ${token}` } }, (response) => {
      response.resume();
      resolvePromise(response.statusCode!);
    });
    request.once('error', reject).end();
  });
}

/** The cluster workers under a started product: its descendants started with a worker index. */
function workerPids(root: number): number[] {
  const descendants: number[] = [];
  const visit = (pid: number) => {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      for (const child of readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number)) {
        descendants.push(child);
        visit(child);
      }
    }
  };
  visit(root);
  return descendants.filter((pid) => {
    try { return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').some((v) => v.startsWith('XUEFA_WORKER_INDEX=')); } catch { return false; }
  }).sort((a, b) => a - b);
}

function isAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}
