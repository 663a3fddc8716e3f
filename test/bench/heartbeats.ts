// Heartbeats: 30,000 learners with open study sessions beat against the real server (a child
// process started by serve.ts, on a fresh MariaDB database), in phases:
//
//   warm-up     closed loop for 3 s (JIT, Prisma, pools), reported but not judged
//   steady      open loop, every learner once per 30 s (30,000 learners → 1,000/s)
//   meeting     all learners beat at the same instant (a study meeting ends), open loop
//   saturation  closed loop: every connection sends the next learner's heartbeat as soon as the
//               previous one is answered (peak sustained acceptance rate)
//   target      open loop offered at --target-rate (10,000/s) for --target-seconds (3 s: each
//               learner once)
//   hot-cache   diagnostic, not judged: closed loop over only --hot-learners learners, who beat
//               so often that the server's token and session caches always hit; what the write
//               path costs without the per-heartbeat reads
//
// The load comes from heartbeats-driver.ts, a lean HTTP/1.1 client over --connections keep-alive
// connections in its own process. In the same run, raw mysql2 multi-row INSERTs of the same rows
// (same columns, the batch size the server used in the saturation phase) show what the database
// alone accepts. Every acknowledged (session, seq) is then looked up in the database: an
// acknowledged heartbeat that is missing fails the run. A bare Koa endpoint of the heartbeat's
// shape (bare.ts), driven the same way, is the yardstick: what the HTTP stack alone accepts on
// this machine (target: saturation ≥ 60 % of it).
//
//   npm run bench:heartbeats [-- --learners 30000 --connections 128 --pool 10 --cpu-prof]
//
//   --learners N        learners, each with a user, a token and an open session (default 30000)
//   --connections N     keep-alive connections of the driver (default 128)
//   --pool N            the server's DB_POOL_SIZE (default 10)
//   --steady-seconds N  length of the steady phase (default 30: every learner beats once)
//   --burst-seconds N   length of the saturation phase (default 20)
//   --target-rate N     offered rate of the target phase (default 10000)
//   --target-seconds N  length of the target phase (default 3)
//   --hot-learners N    learners in the hot-cache phase (default 1000; 0 skips the phase)
//   --raw-concurrency N concurrent connections of the raw baseline's second run (default 4)
//   --phases LIST       comma-separated subset of the phases to run (experiments; saturation is always run)
//   --workers N|auto    the server's WORKERS (default auto: one per core, as production on MySQL)
//   --cpu-prof          V8 CPU profiles of the server during the saturation and hot-cache phases, summarised
//   --keep-db           do not drop the database at the end
//   --no-bare           skip the bare Koa yardstick
//
// Env: BENCH_MYSQL_URL (default mysql://xuefa:xuefa@127.0.0.1:3306/); the database is
// xuefa_hb_<random>. Targets print as PASS/MISS; the exit code is non-zero only when the run
// is not a result: a lost acknowledged heartbeat, or a failed request.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import mysql from 'mysql2/promise';
import { newOpaqueToken, sha256 } from '../../server/src/auth/secrets.ts';
import { summariseCpuProfile } from './cpuprofile.ts';
import type { DriverReply, Learner, PhaseResult, PhaseSpec } from './heartbeats-driver.ts';
import { ask, codeVersion, cpuCount, cpuOf, findPid, machineBusy, memoryOf, startChild, stopChild, type Child } from './proc.ts';
import { HEARTBEAT_COLUMNS, heartbeatRow, STATUTE } from './heartbeats-rows.ts';
import type { ServeMessage } from './serve.ts';

const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  allowNegative: true,
  options: {
    learners: { type: 'string', default: '30000' },
    connections: { type: 'string', default: '128' },
    pool: { type: 'string', default: '10' },
    'steady-seconds': { type: 'string', default: '30' },
    'burst-seconds': { type: 'string', default: '20' },
    'target-rate': { type: 'string', default: '10000' },
    'target-seconds': { type: 'string', default: '3' },
    'hot-learners': { type: 'string', default: '1000' },
    'raw-concurrency': { type: 'string', default: '4' },
    'cpu-prof': { type: 'boolean', default: false },
    'keep-db': { type: 'boolean', default: false },
    bare: { type: 'boolean', default: true },
    workers: { type: 'string', default: 'auto' },
    phases: { type: 'string', default: 'warm-up,steady,meeting,saturation,target,hot-cache' },
  },
});
const LEARNERS = Number(args.learners);
const CONNECTIONS = Number(args.connections);
const POOL = Number(args.pool);
const BEAT_SECONDS = 30;
const TARGETS = { rate: 10_000, p99Ms: 100, bareRatio: 0.6 };

const mysqlServer = new URL(process.env.BENCH_MYSQL_URL ?? 'mysql://xuefa:xuefa@127.0.0.1:3306/');
const dbName = `xuefa_hb_${randomBytes(4).toString('hex')}`;
const dbUrl = new URL(mysqlServer);
dbUrl.pathname = `/${dbName}`;
const mysqlOptions = {
  host: mysqlServer.hostname, port: Number(mysqlServer.port || 3306),
  user: decodeURIComponent(mysqlServer.username), password: decodeURIComponent(mysqlServer.password), timezone: 'Z',
};

const log = (line = '') => console.log(line);
const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '-');
const mb = (kb: number) => `${fmt(kb / 1024)} MB`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

// ---------------------------------------------------------------- setup

/** Users in DEMO-E's police bureau, with the cadre role, a token each and an open session on the constitution. */
async function seedLearners(connection: mysql.Connection, count: number): Promise<Learner[]> {
  const [[unit]] = await connection.query<mysql.RowDataPacket[]>(`SELECT id FROM organizations WHERE code = 'DEMO-E-GA'`);
  if (!unit) throw new Error('demo unit DEMO-E-GA missing: is SEED_DEMO on?');
  const BATCH = 2000;
  const now = new Date();
  const phone = (i: number) => `176${String(i).padStart(8, '0')}`;
  for (let from = 0; from < count; from += BATCH) {
    const rows = [];
    for (let i = from; i < Math.min(count, from + BATCH); i++) rows.push([`心跳学员${i}`, phone(i), '压测岗位', unit.id, now]);
    await connection.query('INSERT INTO users (name, phone, position, organization_id, updated_at) VALUES ?', [rows]);
  }
  const [users] = await connection.query<mysql.RowDataPacket[]>(`SELECT id FROM users WHERE phone LIKE '176%' ORDER BY phone`);
  if (users.length !== count) throw new Error(`expected ${count} learners, found ${users.length}`);
  const tokens: string[] = [];
  const expiresAt = new Date(now.getTime() + 24 * 3600_000);
  for (let from = 0; from < users.length; from += BATCH) {
    const slice = users.slice(from, from + BATCH);
    await connection.query('INSERT INTO role_grants (user_id, role) VALUES ?', [slice.map((u) => [u.id, 'cadre'])]);
    // last_used_at = now: the learner has just used the token to open the session, as in real use
    // (otherwise the first heartbeat of each learner would also write the token's stamp).
    await connection.query('INSERT INTO access_tokens (token_hash, user_id, client, expires_at, last_used_at) VALUES ?', [slice.map((u) => {
      const token = newOpaqueToken();
      tokens.push(token);
      return [sha256(token), u.id, 'miniprogram', expiresAt, now];
    })]);
    await connection.query('INSERT INTO study_sessions (user_id, statute_slug, status, started_at) VALUES ?', [slice.map((u) => [u.id, STATUTE, 'open', now])]);
  }
  const [sessions] = await connection.query<mysql.RowDataPacket[]>(
    `SELECT s.id, s.user_id FROM study_sessions s JOIN users u ON u.id = s.user_id WHERE u.phone LIKE '176%'`);
  const sessionOf = new Map(sessions.map((s) => [s.user_id as number, s.id as number]));
  return users.map((u, i) => ({ sessionId: sessionOf.get(u.id as number)!, token: tokens[i]! }));
}

// ---------------------------------------------------------------- phases

type SqlReport = Extract<ServeMessage, { type: 'sql' }>;
type PhaseOutcome = {
  spec: PhaseSpec; result: PhaseResult; sql: SqlReport; rowsWritten: number;
  cpu: { server: number; mysqld: number; driver: number; bench: number; machine: number; seconds: number };
};

/** Accepted per second in the best window of `ticks` 100 ms ticks. */
function bestWindow(perTick: number[], ticks: number): number {
  if (perTick.length < ticks) return perTick.reduce((a, b) => a + b, 0) / (Math.max(1, perTick.length) / 10);
  let sum = perTick.slice(0, ticks).reduce((a, b) => a + b, 0);
  let best = sum;
  for (let i = ticks; i < perTick.length; i++) {
    sum += perTick[i]! - perTick[i - ticks]!;
    best = Math.max(best, sum);
  }
  return best / (ticks / 10);
}

function insertsOf(sql: SqlReport): { inserts: number; statements: number } {
  let inserts = 0;
  let statements = 0;
  for (const [text, n] of Object.entries(sql.statements)) {
    statements += n;
    if (/^(\[mysql2\] )?INSERT INTO \S*?`?heartbeats`?[\s(]/i.test(text)) inserts += n;
  }
  return { inserts, statements };
}

// ---------------------------------------------------------------- raw baseline

async function rawBaseline(learners: Learner[], rows: number, batch: number, concurrency: number): Promise<{ rows: number; ms: number; rate: number }> {
  const pool = mysql.createPool({ ...mysqlOptions, database: dbName, connectionLimit: concurrency });
  try {
    // The same rows as heartbeats the server stored (same generator, same columns), built beforehand.
    const at = new Date();
    const batches: unknown[][][] = [];
    for (let k = 0; k < rows; k += batch) {
      const values: unknown[][] = [];
      for (let j = k; j < Math.min(rows, k + batch); j++) {
        const learner = j % learners.length;
        values.push(heartbeatRow(learners[learner]!.sessionId, learner, 500_000 + Math.floor(j / learners.length), at, at));
      }
      batches.push(values);
    }
    const sql = `INSERT INTO heartbeats (${HEARTBEAT_COLUMNS.map((c) => `\`${c}\``).join(', ')}) VALUES ?`;
    await Promise.all(Array.from({ length: concurrency }, () => pool.query('SELECT 1')));
    let next = 0;
    const t = performance.now();
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < batches.length) await pool.query(sql, [batches[next++]!]);
    }));
    const ms = performance.now() - t;
    return { rows, ms, rate: (rows / ms) * 1000 };
  } finally {
    await pool.end();
  }
}

// ---------------------------------------------------------------- main

async function main(): Promise<number> {
  const cores = cpuCount();
  log(`heartbeats: ${fmt(LEARNERS)} learners (one heartbeat every ${BEAT_SECONDS} s each, plus bursts); database ${dbName}`);
  log(`load driver: custom lean HTTP/1.1 client (test/bench/heartbeats-driver.ts) in its own process, ${CONNECTIONS} keep-alive connections; server DB_POOL_SIZE=${POOL}`);
  const admin = await mysql.createConnection(mysqlOptions);
  const [[settings]] = await admin.query<mysql.RowDataPacket[]>('SELECT @@version AS version, @@innodb_flush_log_at_trx_commit AS flush, @@log_bin AS binlog, @@innodb_buffer_pool_size AS pool');
  log(`machine: ${cores} CPUs, Node ${process.version}; MariaDB ${settings!.version} (innodb_flush_log_at_trx_commit=${settings!.flush}, binlog ${settings!.binlog ? 'on' : 'off'}, buffer pool ${fmt(Number(settings!.pool) / 2 ** 20)} MB); code: ${codeVersion()}`);
  let server: Child<ServeMessage> | null = null;
  let driver: Child<DriverReply> | null = null;
  type BareMessage = { type: 'ready'; url: string; pid: number };
  let bare: Child<BareMessage> | null = null;
  let bareDriver: Child<DriverReply> | null = null;
  let sampler: NodeJS.Timeout | null = null;
  const profileDir = args['cpu-prof'] ? mkdtempSync(join(tmpdir(), 'xuefa-hb-prof-')) : null;
  const PROFILED = ['saturation', 'hot-cache'];
  const profileFile = (phaseName: string) => (profileDir ? join(profileDir, `server-${phaseName}.cpuprofile`) : null);
  // Interrupted: stop the children and drop the database before leaving.
  const interrupted = async (signal: NodeJS.Signals) => {
    log(`${signal}: stopping`);
    await Promise.all([stopChild(driver, 5000), stopChild(server, 5000), stopChild(bareDriver, 5000), stopChild(bare, 5000)]);
    if (!args['keep-db']) await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``).catch(() => {});
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    // 1. The server, as production starts it, on a fresh database; SQL counting on (serve.ts).
    let t = performance.now();
    server = await startChild<ServeMessage>(join(here, 'serve.ts'), {
      ...process.env, DATABASE_URL: dbUrl.toString(), NODE_ENV: 'development', LOG_LEVEL: 'warn', SEED_DEMO: 'true', LOAD_BANK: 'statutes',
      SCHEDULER: 'false', PRESENCE_CHECK_RATE: '0', PORT: '0', DB_POOL_SIZE: String(POOL), BENCH_COUNT_SQL: '1', WORKERS: args.workers,
    });
    const serverUrl = (server.ready as Extract<ServeMessage, { type: 'ready' }>).url;
    const srv = server;
    // The server's processes: one, or a cluster primary and its workers; CPU and RSS are summed.
    const serverPids = [server.pid, ...(server.ready as Extract<ServeMessage, { type: 'ready' }>).workerPids];
    const serverCpu = () => serverPids.reduce((sum, pid) => sum + cpuOf(pid), 0);
    const serverRss = () => serverPids.reduce((sum, pid) => sum + (memoryOf(pid).rss || 0), 0);
    log(`server ${serverUrl} (pid ${serverPids.join(', ')}${serverPids.length > 1 ? `: a primary and ${serverPids.length - 1} workers` : ''}) ready in ${fmt((performance.now() - t) / 1000, 1)} s; idle RSS ${mb(serverRss())}`);

    // 2. Learners: users, cadre grants, tokens and open sessions, straight into the database.
    t = performance.now();
    const connection = await mysql.createConnection({ ...mysqlOptions, database: dbName });
    const learners = await seedLearners(connection, LEARNERS);
    log(`${fmt(LEARNERS)} learners (users, role grants, access tokens, open sessions) inserted with mysql2 in ${fmt((performance.now() - t) / 1000, 1)} s`);

    // 3. The driver.
    driver = await startChild<DriverReply>(join(here, 'heartbeats-driver.ts'), { ...process.env });
    await ask(driver, { type: 'init', url: serverUrl, learners, connections: CONNECTIONS }, 'connected');
    const drv = driver;

    // Server RSS, sampled through every phase.
    let peakRss = 0;
    sampler = setInterval(() => { peakRss = Math.max(peakRss, serverRss()); }, 200);
    const mysqldPid = findPid(['mariadbd', 'mysqld'], Number(mysqlServer.port || 3306));
    const countRows = async () => Number(((await connection.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM heartbeats'))[0])[0]!.n);

    const steadyRate = LEARNERS / BEAT_SECONDS;
    const targetRate = Number(args['target-rate']);
    const phases: PhaseSpec[] = [
      { kind: 'closed', name: 'warm-up', seconds: 3, fromLearner: 0 },
      { kind: 'open', name: 'steady', rate: steadyRate, count: Math.round(steadyRate * Number(args['steady-seconds'])), fromLearner: 0 },
      { kind: 'open', name: 'meeting', rate: 0, count: LEARNERS, fromLearner: 0 },
      { kind: 'closed', name: 'saturation', seconds: Number(args['burst-seconds']) },
      { kind: 'open', name: 'target', rate: targetRate, count: Math.round(targetRate * Number(args['target-seconds'])) },
    ];
    const hotLearners = Number(args['hot-learners']);
    if (hotLearners > 0) phases.push({ kind: 'closed', name: 'hot-cache', seconds: 10, fromLearner: 0, learners: hotLearners });
    const wanted = new Set([...args.phases.split(',').map((x) => x.trim()), 'saturation']);
    for (let i = phases.length - 1; i >= 0; i--) if (!wanted.has(phases[i]!.name)) phases.splice(i, 1);
    const describe = (s: PhaseSpec) => (s.kind === 'closed' ? `closed loop, ${s.seconds} s${s.learners ? `, ${fmt(s.learners)} learners only` : ''}` : s.rate === 0
      ? `${fmt(s.count)} heartbeats released at once` : `open loop at ${fmt(s.rate)}/s for ${fmt(s.count / s.rate, 1)} s (${fmt(s.count)} heartbeats)`);
    const outcomes: PhaseOutcome[] = [];
    let rowsBefore = await countRows();
    for (const spec of phases) {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      log(`phase ${spec.name}: ${describe(spec)} …`);
      await ask(srv, { type: 'sql-reset' });
      const profile = PROFILED.includes(spec.name) ? profileFile(spec.name) : null;
      if (profile) await ask(srv, { type: 'profile-start' }, 'profile-started');
      const before = { server: serverCpu(), mysqld: cpuOf(mysqldPid), driver: cpuOf(drv.pid), bench: process.cpuUsage(), machine: machineBusy(), t: performance.now() };
      const { result } = (await ask(drv, { type: 'phase', spec }, 'phase-done')) as Extract<DriverReply, { type: 'phase-done' }>;
      const cpu = {
        server: serverCpu() - before.server, mysqld: cpuOf(mysqldPid) - before.mysqld, driver: cpuOf(drv.pid) - before.driver,
        bench: (() => { const u = process.cpuUsage(before.bench); return (u.user + u.system) / 1e6; })(),
        machine: machineBusy() - before.machine, seconds: (performance.now() - before.t) / 1000,
      };
      if (profile) await ask(srv, { type: 'profile-stop', file: profile }, 'profile');
      const sql = (await ask(srv, { type: 'sql-report' }, 'sql')) as SqlReport;
      const rowsAfter = await countRows();
      outcomes.push({ spec, result, sql, cpu, rowsWritten: rowsAfter - rowsBefore });
      rowsBefore = rowsAfter;
      const rate = result.accepted / (result.durationMs / 1000);
      const p = result.fromSchedule ?? result.fromSend;
      log(`  ${fmt(result.accepted)} accepted, ${result.failed} failed in ${fmt(result.durationMs / 1000, 1)} s = ${fmt(rate)}/s; p99 ${fmt(p.p99, 1)} ms; server CPU ${fmt((cpu.server / cpu.seconds) * 100)} % of a core`);
    }
    clearInterval(sampler);
    sampler = null;

    // 4. Durability: every acknowledged (session, seq) must be in the database, now.
    const { acked } = (await ask(drv, { type: 'acks' }, 'acks')) as Extract<DriverReply, { type: 'acks' }>;
    await stopChild(driver);
    driver = null;
    const [stored] = await connection.query<mysql.RowDataPacket[]>({ sql: 'SELECT session_id, seq FROM heartbeats', rowsAsArray: true });
    const key = (sessionId: number, seq: number) => sessionId * 2 ** 21 + seq;
    const present = new Set<number>();
    for (const row of stored as unknown as Array<[number, number]>) present.add(key(row[0], row[1]));
    let ackedTotal = 0;
    let lost = 0;
    const lostSamples: string[] = [];
    acked.forEach((seqList, learner) => {
      for (const seq of seqList) {
        ackedTotal++;
        if (!present.has(key(learners[learner]!.sessionId, seq))) {
          lost++;
          if (lostSamples.length < 10) lostSamples.push(`session ${learners[learner]!.sessionId} seq ${seq}`);
        }
      }
    });
    const storedTotal = stored.length;
    const sessionsWithRows = new Set((stored as unknown as Array<[number, number]>).map((r) => r[0])).size;

    // 5. Server memory, then stop it (so the baseline runs on a quiet machine).
    // Summed over the server's processes: the kernel's high-water mark of each, and RSS now.
    const serverMemory = serverPids.reduce((sum, pid) => { const m = memoryOf(pid); return { rss: sum.rss + (m.rss || 0), hwm: sum.hwm + (m.hwm || 0) }; }, { rss: 0, hwm: 0 });
    peakRss = Math.max(peakRss, serverMemory.rss);
    await stopChild(server);
    server = null;

    // 6. The HTTP yardstick: a bare Koa endpoint of the same shape, the same driver and connections.
    let bareRun: { result: PhaseResult; cpu: number; driverCpu: number; seconds: number } | null = null;
    if (args.bare) {
      bare = await startChild<BareMessage>(join(here, 'bare.ts'), { ...process.env });
      bareDriver = await startChild<DriverReply>(join(here, 'heartbeats-driver.ts'), { ...process.env });
      await ask(bareDriver, { type: 'init', url: bare.ready.url, learners, connections: CONNECTIONS }, 'connected');
      await ask(bareDriver, { type: 'phase', spec: { kind: 'closed', name: 'bare warm-up', seconds: 2 } }, 'phase-done');
      const before = { cpu: cpuOf(bare.pid), t: performance.now() };
      const { result } = (await ask(bareDriver, { type: 'phase', spec: { kind: 'closed', name: 'bare', seconds: 5 } }, 'phase-done')) as Extract<DriverReply, { type: 'phase-done' }>;
      bareRun = { result, cpu: cpuOf(bare.pid) - before.cpu, driverCpu: result.driverCpuSeconds, seconds: (performance.now() - before.t) / 1000 };
      await stopChild(bareDriver);
      bareDriver = null;
      await stopChild(bare);
      bare = null;
    }

    // 7. The raw baseline: the same rows, the batch size the server used under saturation.
    const saturation = outcomes.find((o) => o.spec.name === 'saturation')!;
    const satInserts = insertsOf(saturation.sql).inserts;
    const batch = Math.max(1, Math.round(saturation.rowsWritten / Math.max(1, satInserts)));
    const rawRows = Math.max(20_000, Math.min(200_000, saturation.result.accepted));
    const rawConcurrency = Number(args['raw-concurrency']);
    const raw1 = await rawBaseline(learners, rawRows, batch, 1);
    const rawN = await rawBaseline(learners, rawRows, batch, rawConcurrency);
    const rawBest = Math.max(raw1.rate, rawN.rate);
    await connection.end();

    // 8. Report.
    log('');
    log(`| phase | load | heartbeats accepted | failed | accepted/s (whole phase) | best 1 s | best 5 s | p50 ms | p95 ms | p99 ms | max ms | rows per INSERT | SQL statements per heartbeat | server CPU ms per heartbeat | server CPU % of a core | MariaDB CPU % |`);
    log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const o of outcomes) {
      const r = o.result;
      const { inserts, statements } = insertsOf(o.sql);
      const p = r.fromSchedule ?? r.fromSend;
      log(`| ${o.spec.name} | ${describe(o.spec)} | ${fmt(r.accepted)} | ${fmt(r.failed)} | ${fmt(r.accepted / (r.durationMs / 1000))} | ${fmt(bestWindow(r.perTick, 10))} | ${fmt(bestWindow(r.perTick, 50))} | ` +
        `${fmt(p.p50, 1)} | ${fmt(p.p95, 1)} | ${fmt(p.p99, 1)} | ${fmt(p.max, 1)} | ${fmt(o.rowsWritten / Math.max(1, inserts), 1)} | ${fmt(statements / Math.max(1, r.accepted), 2)} | ` +
        `${fmt((o.cpu.server * 1000) / Math.max(1, r.accepted), 3)} | ${fmt((o.cpu.server / o.cpu.seconds) * 100)} | ${fmt((o.cpu.mysqld / o.cpu.seconds) * 100)} |`);
    }
    log('');
    log('Latency is per heartbeat, request to answer; for open-loop phases it is counted from the moment the heartbeat was due, so it');
    log(`includes waiting for one of the ${CONNECTIONS} connections (what the learner sees). From the moment it went out on a connection:`);
    for (const o of outcomes.filter((x) => x.result.fromSchedule)) {
      const s = o.result.fromSend;
      log(`  ${o.spec.name}: p50 ${fmt(s.p50, 1)} ms, p95 ${fmt(s.p95, 1)} ms, p99 ${fmt(s.p99, 1)} ms; most waiting for a connection ${fmt(o.result.maxBacklog)}`);
    }
    log('');
    for (const o of outcomes) {
      const other = o.cpu.machine - o.cpu.server - (Number.isNaN(o.cpu.mysqld) ? 0 : o.cpu.mysqld) - o.cpu.driver - o.cpu.bench;
      log(`CPU in ${o.spec.name} (${fmt(o.cpu.seconds, 1)} s): server ${fmt(o.cpu.server, 1)} s, MariaDB ${fmt(o.cpu.mysqld, 1)} s, driver ${fmt(o.cpu.driver, 1)} s, ` +
        `machine ${fmt((o.cpu.machine / o.cpu.seconds / cores) * 100)} % busy of ${cores} cores, other processes ${fmt((other / o.cpu.seconds) * 100)} % of a core` +
        `${other / o.cpu.seconds > 0.15 ? ' (NOISY: something else ran)' : ''}`);
    }
    const failures = outcomes.flatMap((o) => Object.entries(o.result.failures).map(([k, v]) => `${o.spec.name}: ${v.count} × ${k}: ${v.sample}`));
    const statementsOf = (name: string) => {
      const o = outcomes.find((x) => x.spec.name === name)!;
      return Object.entries(o.sql.statements).sort((a, b) => b[1] - a[1]).slice(0, 6)
        .map(([text, n]) => `    ${fmt(n).padStart(8)} × ${text.replace(/`[a-z0-9_]+`\./g, '').slice(0, 160)}`);
    };
    log('');
    for (const name of ['steady', 'saturation'].filter((n) => outcomes.some((o) => o.spec.name === n))) {
      log(`SQL the server sent in the ${name} phase (${fmt(outcomes.find((x) => x.spec.name === name)!.sql.transactions)} transactions), most frequent:`);
      for (const line of statementsOf(name)) log(line);
    }
    log('');
    log(`raw mysql2 baseline: the same rows (${HEARTBEAT_COLUMNS.length} columns) as multi-row INSERTs of ${batch} rows (the server's mean batch under saturation), autocommit:`);
    log(`  1 connection:  ${fmt(raw1.rows)} rows in ${fmt(raw1.ms)} ms = ${fmt(raw1.rate)} rows/s`);
    log(`  ${rawConcurrency} connections: ${fmt(rawN.rows)} rows in ${fmt(rawN.ms)} ms = ${fmt(rawN.rate)} rows/s`);
    const satRate = saturation.result.accepted / (saturation.result.durationMs / 1000);
    const target = outcomes.find((o) => o.spec.name === 'target');
    const steady = outcomes.find((o) => o.spec.name === 'steady');
    const judged = outcomes.filter((o) => o.spec.name !== 'hot-cache' && o.spec.name !== 'warm-up');
    const peak5 = Math.max(...judged.map((o) => bestWindow(o.result.perTick, 50)));
    const hot = outcomes.find((o) => o.spec.name === 'hot-cache');
    log(`  server under saturation ${fmt(satRate)} heartbeats/s = ${fmt((satRate / raw1.rate) * 100, 1)} % of 1 connection, ${fmt((satRate / rawN.rate) * 100, 1)} % of ${rawConcurrency} connections`);
    if (hot) {
      const hotRate = hot.result.accepted / (hot.result.durationMs / 1000);
      log(`  hot-cache phase (diagnostic) ${fmt(hotRate)} heartbeats/s in batches of ${fmt(hot.rowsWritten / Math.max(1, insertsOf(hot.sql).inserts), 1)} rows = ${fmt((hotRate / rawBest) * 100, 1)} % of the best raw rate above`);
    }
    if (bareRun) {
      const r = bareRun.result;
      log(`bare Koa POST of the heartbeat's shape (no auth, no validation, no database), same driver and ${CONNECTIONS} connections: ` +
        `${fmt(r.accepted / (r.durationMs / 1000))} req/s, p50 ${fmt(r.fromSend.p50, 1)} ms, p99 ${fmt(r.fromSend.p99, 1)} ms, ${fmt((bareRun.cpu / bareRun.seconds) * 100)} % of a core (driver ${fmt((bareRun.driverCpu / bareRun.seconds) * 100)} %), ${fmt(r.failed)} failed`);
    }
    log('');
    log(`server peak RSS: ${mb(Math.max(peakRss, serverMemory.hwm))} (kernel high-water mark ${mb(serverMemory.hwm)}, including start-up; sampled max during the phases ${mb(peakRss)}; at the end ${mb(serverMemory.rss)})`);
    log(`durability: ${fmt(ackedTotal)} heartbeats acknowledged, ${fmt(storedTotal)} rows stored for ${fmt(sessionsWithRows)} sessions`);
    log(`lost acknowledged heartbeats: ${lost}`);
    log('');
    log('| metric | measured | target | |');
    log('|---|---:|---:|---|');
    if (target) {
      const targetAccepted = target.result.accepted / (target.result.durationMs / 1000);
      // An open loop cannot answer faster than it offers, and the last heartbeat offered is answered
      // a few ms after the window: "kept up" is judged as for the steady phase, ≥ 98 % of the offered rate.
      log(`| accepted at ${fmt(targetRate)}/s offered (open loop, ${fmt(target.result.durationMs / 1000, 1)} s to answer all) | ${fmt(targetAccepted)}/s | ≥ ${fmt(TARGETS.rate)}/s offered, ≥ 98 % of it accepted | ${verdict(targetRate >= TARGETS.rate && targetAccepted >= targetRate * 0.98)} |`);
      log(`| p99 latency at that load (from due time) | ${fmt(target.result.fromSchedule!.p99, 1)} ms | < ${TARGETS.p99Ms} ms | ${verdict(target.result.fromSchedule!.p99 < TARGETS.p99Ms)} |`);
    }
    log(`| peak sustained acceptance (best 5 s of ${judged.map((o) => o.spec.name).join('/')}) | ${fmt(peak5)}/s | ≥ ${fmt(TARGETS.rate)}/s | ${verdict(peak5 >= TARGETS.rate)} |`);
    log(`| saturation: accepted/s, p99 (${CONNECTIONS} connections) | ${fmt(satRate)}/s, ${fmt(saturation.result.fromSend.p99, 1)} ms | ≥ ${fmt(TARGETS.rate)}/s, < ${TARGETS.p99Ms} ms | ${verdict(satRate >= TARGETS.rate && saturation.result.fromSend.p99 < TARGETS.p99Ms)} |`);
    if (bareRun) {
      const bareRate = bareRun.result.accepted / (bareRun.result.durationMs / 1000);
      log(`| saturation / bare Koa POST, same driver | ${fmt((satRate / bareRate) * 100, 1)} % (${fmt(satRate)} / ${fmt(bareRate)} req/s) | ≥ ${TARGETS.bareRatio * 100} % | ${verdict(satRate / bareRate >= TARGETS.bareRatio)} |`);
    }
    log(`| server / raw mysql2 batches (best of 1 and ${rawConcurrency} connections; diagnostic) | ${fmt((satRate / rawBest) * 100, 1)} % (${fmt(satRate)} / ${fmt(rawBest)} rows/s) | | |`);
    if (steady) {
      const steadyAccepted = steady.result.accepted / (steady.result.durationMs / 1000);
      log(`| steady ${fmt(steadyRate)}/s offered: accepted/s, p99 (from due time) | ${fmt(steadyAccepted)}/s, ${fmt(steady.result.fromSchedule!.p99, 1)} ms | ${fmt(steadyRate)}/s, < ${TARGETS.p99Ms} ms | ` +
        `${verdict(steadyAccepted >= steadyRate * 0.98 && steady.result.fromSchedule!.p99 < TARGETS.p99Ms)} |`);
    }
    log(`| lost acknowledged heartbeats | ${lost} | 0 | ${verdict(lost === 0)} |`);
    log(`| server peak RSS | ${mb(Math.max(peakRss, serverMemory.hwm))} | | |`);
    log('');
    let code = 0;
    if (lost) {
      log(`FAILED: ${lost} ACKNOWLEDGED HEARTBEATS ARE NOT IN THE DATABASE, e.g. ${lostSamples.join('; ')}`);
      code = 1;
    }
    if (failures.length) {
      log(`NOT A CLEAN RUN: failed requests:`);
      for (const line of failures) log(`  ${line}`);
      code = 1;
    }
    if (!code) log(`clean run: every heartbeat answered 200 {accepted: true}, and every one of the ${fmt(ackedTotal)} acknowledged is stored`);
    return code;
  } finally {
    if (sampler) clearInterval(sampler);
    await stopChild(driver);
    await stopChild(server);
    await stopChild(bareDriver);
    await stopChild(bare);
    for (const name of PROFILED) {
      const file = profileFile(name);
      if (!file || !existsSync(file)) continue;
      log('');
      log(`server CPU profile of the ${name} phase: ${file}${process.env.BENCH_KEEP_PROFILE === '1' ? '' : ' (deleted at exit; BENCH_KEEP_PROFILE=1 keeps it)'}`);
      log(summariseCpuProfile(file, 20));
    }
    if (args['keep-db']) log(`kept database ${dbName}`);
    else await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    await admin.end();
    if (profileDir && process.env.BENCH_KEEP_PROFILE !== '1') rmSync(profileDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
