// Exactly once across processes: three server instances (child processes) on one fresh MySQL
// database run the real scheduler with a job firing every second. Every slot must run once,
// on one of them, and the runs must spread over more than one instance. MySQL only: SQLite
// is a file for one server.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openDatabase, type Db } from '../../../server/src/db/client.ts';
import { migrateDatabase } from '../../../server/src/db/migrate.ts';
import { resolveDatabaseTarget } from '../../../server/src/db/target.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../../support/databases.ts';
import { TICK_JOB } from './fixtures/tick-instance.ts';

const INSTANCES = ['p1', 'p2', 'p3'];
const RUN_SECONDS = 33;
const fixture = resolve('test/server/jobs/fixtures/tick-instance.ts');

type Instance = { name: string; child: ChildProcess; output: () => string };

function startInstance(name: string, databaseUrl: string): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
    env: { ...process.env, DATABASE_URL: databaseUrl, TICK_INSTANCE: name }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk; });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk; });
  const instance = { name, child, output: () => output };
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} not ready within 30 s:\n${output}`)), 30_000);
    child.stdout!.on('data', () => {
      if (/^ready$/m.test(output)) { clearTimeout(timer); resolvePromise(instance); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${name} exited with ${code} before ready:\n${output}`)); });
  });
}

function stopInstance(instance: Instance): Promise<number | null> {
  if (instance.child.exitCode !== null) return Promise.resolve(instance.child.exitCode);
  return new Promise((resolvePromise) => {
    const timer = setTimeout(() => instance.child.kill('SIGKILL'), 15_000);
    instance.child.once('exit', (code) => { clearTimeout(timer); resolvePromise(code); });
    instance.child.kill('SIGTERM');
  });
}

const test = suite<{ database: TestDatabase; db: Db }>('exactly once across three processes [mysql]', {} as never);

if (!testDialects().includes('mysql')) {
  test.skip('each firing runs on exactly one of three instances (跳过：没有可用的 MySQL（TEST_MYSQL_URL），SQLite 不能被多个实例共享)', () => undefined);
} else {
  test.before(async (context) => {
    context.database = await createTestDatabase('mysql');
    const target = resolveDatabaseTarget(context.database.url, 'unused.db');
    await migrateDatabase(target);
    context.db = await openDatabase(target, 2);
  });
  test.after(async ({ database, db }) => {
    await db?.$disconnect();
    await database?.drop();
  });

  test('each firing runs on exactly one of three instances', async ({ database, db }) => {
    const instances: Instance[] = [];
    try {
      instances.push(...await Promise.all(INSTANCES.map((name) => startInstance(name, database.url))));
      await sleep(RUN_SECONDS * 1000);
    } finally {
      const codes = await Promise.all(instances.map(stopInstance));
      assert.equal(codes, instances.map(() => 0), `instances stop cleanly:\n${instances.map((i) => i.output()).join('\n')}`);
    }

    const runs = await db.jobRun.findMany({ where: { jobName: TICK_JOB }, orderBy: { scheduledAt: 'asc' } });
    const executions = await db.auditLog.findMany({ where: { action: 'job.test-tick' } });
    const slots = runs.map((r) => r.scheduledAt.getTime());
    const gaps = slots.slice(1).filter((ms, i) => ms - slots[i]! !== 1000).length;
    const split = Object.fromEntries(INSTANCES.map((name) => [name, runs.filter((r) => r.instanceId === name).length]));
    process.stdout.write(`  exactly-once: ${runs.length} slots in ${RUN_SECONDS} s, ${executions.length} executions, split ${JSON.stringify(split)}, gaps ${gaps}\n`);

    assert.ok(runs.length >= 30, `${runs.length} distinct slots`);
    assert.ok(runs.every((r) => r.status === 'succeeded' && r.finishedAt), 'every run succeeded, none left running by the stop');
    assert.is(executions.length, runs.length, 'one execution per slot');
    const executedBy = new Map(executions.map((e) => [e.subjectId, (e.details as { instance: string }).instance]));
    assert.is(executedBy.size, executions.length, 'no slot executed twice');
    for (const run of runs) assert.is(executedBy.get(run.scheduledAt.toISOString()), run.instanceId, `slot ${run.scheduledAt.toISOString()} ran where its row says`);
    assert.ok(Object.values(split).filter((n) => n > 0).length > 1, `runs spread over more than one instance: ${JSON.stringify(split)}`);
    // A lost firing means every instance skipped it: their logs say why (overlap, coordinator error).
    const lost = slots.filter((ms, i) => i > 0 && ms - slots[i - 1]! !== 1000).map((ms) => new Date(ms - 1000).toISOString());
    assert.is(gaps, 0, `no firing lost between the first and the last; lost before ${lost.join(', ')}:\n${instances.map((i) => `${i.name}: ${i.output()}`).join('\n')}`);
  });
}

test.run();
