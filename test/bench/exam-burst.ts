// Exam burst: 5,000 cadres open the same exam at once. Each starts the exam, saves 50 answers
// one at a time and submits, against the real server (a child process, MySQL/MariaDB), with a
// fixed number of cadres in flight. In the same run a bare Koa endpoint of the same shape as a
// save is measured with autocannon, as the yardstick for the save throughput.
//
//   npm run bench:exam-burst [-- --concurrency 50 --cadres 5000 --bare-seconds 10 --workers auto --sql --cpu-prof]
//
//   --concurrency N   cadres in flight (default 50)
//   --workers N|auto  the server's WORKERS (default auto: one per core, as production on MySQL)
//   --cadres N        cadres in the burst (default 5000)
//   --answers N       answers each cadre saves (default 50, the whole paper; 0 measures starts and submits alone)
//   --bare-seconds N  duration of the bare-endpoint measurement (default 10, after a 2 s warm-up)
//   --sql             count the SQL statements the server sends (one probe cadre, then the burst)
//   --cpu-prof        record a V8 CPU profile of the server during the burst (node:inspector in the
//                     server process) and print where its CPU time went
//   --heap-snapshots  take heap snapshots of the server at 10 % and 90 % of the cadres and print
//                     which kinds of objects grew between them
//   --keep-db         do not drop the bench database at the end
//   --open-in N       seconds from creating the exam to its opening (default 30): the burst begins
//                     the moment it opens, as in the opening minute of a real exam (0: already open)
//
// Env: BENCH_MYSQL_URL (default mysql://xuefa:xuefa@127.0.0.1:3306/), used to create and drop
// the database xuefa_bench_<random>. Targets are printed as PASS/MISS; only errors (any
// non-2xx or failed request) make the exit code non-zero, because then there is no result.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import hdr from 'hdr-histogram-js';
import mysql from 'mysql2/promise';
import { newOpaqueToken, sha256 } from '../../server/src/auth/secrets.ts';
import { summariseCpuProfile } from './cpuprofile.ts';
import { diffHeapSnapshots } from './heapsnapshot.ts';
import type { ParentMessage, ServeMessage } from './serve.ts';
import { codeVersion, cpuCount, cpuOf, findPid, machineBusy, memoryOf, stopChild } from './proc.ts';

const require = createRequire(import.meta.url);
type AutocannonResult = {
  requests: { average: number; total: number }; latency: { p50: number; p99: number };
  duration: number; errors: number; timeouts: number; non2xx: number; '2xx': number;
};
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;

const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '50' },
    workers: { type: 'string', default: 'auto' },
    cadres: { type: 'string', default: '5000' },
    answers: { type: 'string', default: '50' },
    'bare-seconds': { type: 'string', default: '10' },
    sql: { type: 'boolean', default: false },
    'cpu-prof': { type: 'boolean', default: false },
    'keep-db': { type: 'boolean', default: false },
    'heap-snapshots': { type: 'boolean', default: false },
    'open-in': { type: 'string', default: '30' },
  },
});
const CONCURRENCY = Number(args.concurrency);
const CADRES = Number(args.cadres);
const BARE_SECONDS = Number(args['bare-seconds']);
const OPEN_IN_MS = Number(args['open-in']) * 1000;
const PAPER_SIZE = 50;
const ANSWERS = Math.min(PAPER_SIZE, Number(args.answers));
const RULES = [{ type: 'single', count: 20 }, { type: 'judge', count: 15 }, { type: 'multiple', count: 10 }, { type: 'fill', count: 5 }];
const TARGETS = { saveRatio: 0.4, saveP99Ms: 150, startP99Ms: 500 };

const mysqlServer = new URL(process.env.BENCH_MYSQL_URL ?? 'mysql://xuefa:xuefa@127.0.0.1:3306/');
const dbName = `xuefa_bench_${randomBytes(4).toString('hex')}`;
const dbUrl = new URL(mysqlServer);
dbUrl.pathname = `/${dbName}`;
const mysqlOptions = { host: mysqlServer.hostname, port: Number(mysqlServer.port || 3306), user: decodeURIComponent(mysqlServer.username), password: decodeURIComponent(mysqlServer.password) };

const log = (line: string) => console.log(line);
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mb = (kb: number) => `${fmt(kb / 1024, 0)} MB`;

// ---------------------------------------------------------------- child processes and /proc

type Child = { process: ChildProcess; url: string; pid: number; workerPids: number[]; messages: ServeMessage[] };

function startChild(script: string, env: NodeJS.ProcessEnv, nodeFlags: string[] = []): Promise<Child> {
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', join(here, script)], {
    env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const messages: ServeMessage[] = [];
  return new Promise((resolve, reject) => {
    child.on('message', (message: ServeMessage) => {
      if (message.type === 'ready') resolve({ process: child, url: message.url, pid: message.pid, workerPids: message.workerPids ?? [], messages });
      else messages.push(message);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
  });
}

function askServer(child: Child, message: ParentMessage, reply?: ServeMessage['type']): Promise<ServeMessage | null> {
  child.process.send(message);
  if (!reply) return Promise.resolve(null);
  return new Promise((resolve) => {
    const onMessage = (m: ServeMessage) => { if (m.type === reply) { child.process.off('message', onMessage); resolve(m); } };
    child.process.on('message', onMessage);
  });
}

// ---------------------------------------------------------------- HTTP client and histograms

type Kind = 'start' | 'save' | 'submit';
const newHistogram = () => hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3 });

class Client {
  readonly agent: http.Agent;
  readonly host: string;
  readonly port: number;
  readonly histograms: Record<Kind, ReturnType<typeof newHistogram>> = { start: newHistogram(), save: newHistogram(), submit: newHistogram() };
  readonly errors = new Map<string, { count: number; sample: string }>();
  errorCount = 0;
  notApplied = 0;
  recording = true;
  savesPerSecond: number[] = [];
  startsOverTime: Array<[number, number]> = [];
  t0 = performance.now();

  constructor(url: string, sockets: number) {
    const parsed = new URL(url);
    this.host = parsed.hostname;
    this.port = Number(parsed.port);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  }

  request(kind: Kind | null, method: string, path: string, auth: string, body?: string): Promise<{ status: number; body: string }> {
    const headers: http.OutgoingHttpHeaders = { authorization: auth, 'content-length': body ? Buffer.byteLength(body) : 0 };
    if (body) headers['content-type'] = 'application/json';
    return new Promise((resolve) => {
      const started = performance.now();
      const req = http.request({ agent: this.agent, host: this.host, port: this.port, method, path, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => { text += chunk; });
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          this.done(kind, method, path, status, text, started);
          resolve({ status, body: text });
        });
      });
      req.on('error', (error) => {
        this.done(kind, method, path, 0, error.message, started);
        resolve({ status: 0, body: error.message });
      });
      req.end(body);
    });
  }

  private done(kind: Kind | null, method: string, path: string, status: number, text: string, started: number) {
    const now = performance.now();
    if (kind && this.recording) {
      this.histograms[kind].recordValue(Math.max(1, Math.round((now - started) * 1000)));
      if (kind === 'save') {
        const second = Math.floor((now - this.t0) / 1000);
        this.savesPerSecond[second] = (this.savesPerSecond[second] ?? 0) + 1;
      }
      if (kind === 'start') this.startsOverTime.push([now - this.t0, now - started]);
    }
    if (status < 200 || status >= 300) {
      this.errorCount++;
      const key = `${kind ?? 'setup'} ${method} ${path.replace(/\d+/g, ':n')} → ${status || 'network error'}`;
      const entry = this.errors.get(key) ?? { count: 0, sample: text.slice(0, 300) };
      entry.count++;
      this.errors.set(key, entry);
    }
  }

  async json<T>(method: string, path: string, auth: string, body?: unknown): Promise<T> {
    const response = await this.request(null, method, path, auth, body === undefined ? undefined : JSON.stringify(body));
    if (response.status < 200 || response.status >= 300) throw new Error(`${method} ${path} → ${response.status}: ${response.body.slice(0, 500)}`);
    return (JSON.parse(response.body) as { data: T }).data;
  }
}

// ---------------------------------------------------------------- the cadre flow

type PaperItem = { ordinal: number; type: 'single' | 'multiple' | 'judge' | 'fill'; options: Array<{ key: string }> | null; blanks: number };
type Paper = { id: number; items: PaperItem[] };
type Cadre = { userId: number; auth: string };

function answerFor(item: PaperItem, n: number): unknown {
  const keys = (item.options ?? []).map((o) => o.key);
  switch (item.type) {
    case 'single': return keys[n % keys.length] ?? 'A';
    case 'multiple': return keys.length >= 2 ? [keys[0], keys[1 + (n % (keys.length - 1))]] : ['A', 'B'];
    case 'judge': return n % 2 === 0;
    case 'fill': return Array.from({ length: Math.max(1, item.blanks) }, () => '全国人民代表大会');
  }
}

async function runCadre(client: Client, examId: number, cadre: Cadre, n: number, kinds?: (kind: Kind) => Promise<void>): Promise<void> {
  await kinds?.('start');
  const started = await client.request('start', 'POST', `/api/exams/${examId}/attempts`, cadre.auth);
  if (started.status !== 200) return;
  const paper = (JSON.parse(started.body) as { data: Paper }).data;
  if (paper.items.length !== PAPER_SIZE) throw new Error(`paper has ${paper.items.length} items, expected ${PAPER_SIZE}`);
  await kinds?.('save');
  for (const item of paper.items.slice(0, ANSWERS)) {
    const body = JSON.stringify({ response: answerFor(item, n + item.ordinal), seq: 1 });
    const saved = await client.request('save', 'PUT', `/api/attempts/${paper.id}/answers/${item.ordinal}`, cadre.auth, body);
    if (saved.status === 200 && !saved.body.includes('"applied":true')) client.notApplied++;
  }
  await kinds?.('submit');
  await client.request('submit', 'POST', `/api/attempts/${paper.id}/submit`, cadre.auth);
}

// ---------------------------------------------------------------- setup

async function seedCadres(connection: mysql.Connection, count: number): Promise<{ cadres: Cadre[]; eastId: number }> {
  const [orgs] = await connection.query<mysql.RowDataPacket[]>(`SELECT id, code FROM organizations WHERE code IN ('DEMO-E', 'DEMO-E-GA')`);
  const eastId = orgs.find((o) => o.code === 'DEMO-E')!.id as number;
  const unitId = orgs.find((o) => o.code === 'DEMO-E-GA')!.id as number;
  const phone = (i: number) => `177${String(i).padStart(8, '0')}`;
  const BATCH = 1000;
  for (let from = 0; from < count; from += BATCH) {
    const rows = [];
    for (let i = from; i < Math.min(count, from + BATCH); i++) rows.push([`压测干部${i}`, phone(i), '压测岗位', unitId, new Date()]);
    await connection.query('INSERT INTO users (name, phone, position, organization_id, updated_at) VALUES ?', [rows]);
  }
  const [users] = await connection.query<mysql.RowDataPacket[]>(`SELECT id FROM users WHERE phone LIKE '177%' ORDER BY phone`);
  const cadres: Cadre[] = [];
  const expiresAt = new Date(Date.now() + 24 * 3600_000);
  for (let from = 0; from < users.length; from += BATCH) {
    const slice = users.slice(from, from + BATCH);
    const grants = slice.map((u) => [u.id, 'cadre']);
    const tokens = slice.map((u) => {
      const token = newOpaqueToken();
      cadres.push({ userId: u.id as number, auth: `Bearer ${token}` });
      return [sha256(token), u.id, 'miniprogram', expiresAt];
    });
    await connection.query('INSERT INTO role_grants (user_id, role) VALUES ?', [grants]);
    await connection.query('INSERT INTO access_tokens (token_hash, user_id, client, expires_at) VALUES ?', [tokens]);
  }
  return { cadres, eastId };
}

// ---------------------------------------------------------------- reporting helpers

const ms = (us: number) => us / 1000;
function percentiles(h: ReturnType<typeof newHistogram>) {
  return { n: h.totalCount, p50: ms(h.getValueAtPercentile(50)), p95: ms(h.getValueAtPercentile(95)), p99: ms(h.getValueAtPercentile(99)), max: ms(h.maxValue), mean: ms(h.mean) };
}
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

type Sample = { t: number; rss: number };
type HeapSample = { t: number; heapUsed: number; external: number; arrayBuffers: number };
function sampleAt(samples: Sample[], t: number): Sample {
  return samples.reduce((best, s) => (Math.abs(s.t - t) < Math.abs(best.t - t) ? s : best), samples[0]!);
}

/** PUT saves against `url` from CONCURRENCY loops of this benchmark's own client for `seconds`: requests/s. */
async function saveLoop(url: string, auth: string, seconds: number): Promise<number> {
  const client = new Client(url, CONCURRENCY);
  client.recording = false;
  const body = JSON.stringify({ response: 'A', seq: 1 });
  let done = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < until) {
      const response = await client.request(null, 'PUT', '/api/attempts/1/answers/1', auth, body);
      if (response.status === 200) done++;
    }
  }));
  client.agent.destroy();
  return done / seconds;
}

// ---------------------------------------------------------------- main

async function main(): Promise<number> {
  log(`exam burst: ${fmt(CADRES)} cadres × (start + ${ANSWERS} saves + submit), ${CONCURRENCY} in flight; database ${dbName}`);
  log(`machine: ${cpuCount()} CPUs, Node ${process.version}; code: ${codeVersion()}`);
  let server: Child | null = null;
  let bare: Child | null = null;
  const profileDir = args['cpu-prof'] || args['heap-snapshots'] ? mkdtempSync(join(tmpdir(), 'xuefa-bench-prof-')) : null;
  const snapshots: string[] = [];
  const admin = await mysql.createConnection(mysqlOptions);
  // Ctrl-C: the children get the signal too; drop the bench database rather than leave it behind.
  let interrupted = false;
  process.once('SIGINT', () => void (async () => {
    interrupted = true;
    log('\ninterrupted: stopping the children and dropping the bench database');
    await Promise.race([Promise.all([stopChild(bare), stopChild(server)]), new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (!args['keep-db']) await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``).catch(() => undefined);
    process.exit(130);
  })());
  try {
    // 1. The server, as production starts it, on a fresh database.
    let t = performance.now();
    server = await startChild('serve.ts', {
      ...process.env, DATABASE_URL: dbUrl.toString(), NODE_ENV: 'development', LOG_LEVEL: 'warn', SEED_DEMO: 'true', LOAD_BANK: 'full',
      SCHEDULER: 'false', PORT: '0', DB_POOL_SIZE: '20', BENCH_COUNT_SQL: args.sql ? '1' : '0', WORKERS: args.workers,
    });
    log(`server ${server.url} (pid ${[server.pid, ...server.workerPids].join(', ')}${server.workerPids.length ? `: a primary and ${server.workerPids.length} workers` : ''}) ready in ${fmt((performance.now() - t) / 1000, 1)} s (migrations, question bank, demo seed)`);

    // 2. Cadres with tokens, straight into the database.
    t = performance.now();
    const connection = await mysql.createConnection({ ...mysqlOptions, database: dbName });
    const { cadres: allCadres, eastId } = await seedCadres(connection, CADRES + 1);
    const probeCadre = allCadres.pop()!;
    const cadres = allCadres;
    log(`${fmt(cadres.length)} cadres (+1 probe) with access tokens inserted in ${fmt(performance.now() - t)} ms`);

    // 3. The exam, through the API as the east-county organiser.
    const client = new Client(server.url, CONCURRENCY);
    const session = await client.json<{ token: string }>('POST', '/api/auth/dev/login', '', { username: 'organiser-east' });
    const organiser = `Bearer ${session.token}`;
    const blueprint = await client.json<{ id: number; questionCount: number; maxScore: number }>('POST', '/api/blueprints', organiser, {
      name: '压测试卷', organizationId: eastId, kind: 'random', rules: RULES, points: { single: 2, multiple: 4, judge: 1, fill: 3 }, passMark: 60, timeLimitMinutes: 60,
    });
    const now = Date.now();
    const exam = await client.json<{ id: number }>('POST', '/api/exams', organiser, {
      title: '压测考试', blueprintId: blueprint.id, opensAt: new Date(OPEN_IN_MS ? now + OPEN_IN_MS : now - 60_000).toISOString(), closesAt: new Date(now + 3 * 3600_000).toISOString(), audience: { organizationIds: [eastId] },
    });
    log(`exam ${exam.id}: blueprint ${blueprint.id}, ${blueprint.questionCount} questions, ${blueprint.maxScore} points, audience DEMO-E`);
    if (OPEN_IN_MS) {
      log(`waiting ${OPEN_IN_MS / 1000} s for the exam to open (the server warms it meanwhile)`);
      await new Promise((resolve) => setTimeout(resolve, now + OPEN_IN_MS + 200 - Date.now()));
    }

    // 4. Optional: SQL statements per request, from one probe cadre.
    type SqlCount = { statements: number; transactions: number; texts: Record<string, number> };
    let sqlPerKind: Record<Kind, SqlCount> | null = null;
    if (args.sql) {
      const counts: Partial<Record<Kind, SqlCount>> = {};
      let current: Kind | null = null;
      const collect = async () => {
        const report = (await askServer(server!, { type: 'sql-report' }, 'sql')) as Extract<ServeMessage, { type: 'sql' }>;
        if (current) counts[current] = { statements: Object.values(report.statements).reduce((a, b) => a + b, 0), transactions: report.transactions, texts: report.statements };
        await askServer(server!, { type: 'sql-reset' });
      };
      client.recording = false;
      await runCadre(client, exam.id, probeCadre, 0, async (kind) => { await collect(); current = kind; });
      await collect();
      client.recording = true;
      sqlPerKind = counts as Record<Kind, SqlCount>;
    }

    // 5. The yardstick: a bare Koa endpoint of the same shape, measured with autocannon.
    bare = await startChild('bare.ts', { ...process.env });
    const bareOptions = {
      url: `${bare.url}/api/attempts/1/answers/1`, method: 'PUT', connections: CONCURRENCY,
      headers: { 'content-type': 'application/json', authorization: probeCadre.auth }, body: JSON.stringify({ response: 'A', seq: 1 }),
    };
    await autocannon({ ...bareOptions, duration: 2 });
    const bareResult = await autocannon({ ...bareOptions, duration: BARE_SECONDS });
    const bareRss = memoryOf(bare.pid);
    const sameClientRps = await saveLoop(bare.url, probeCadre.auth, BARE_SECONDS);
    await stopChild(bare);
    bare = null;
    const bareRps = bareResult['2xx'] / bareResult.duration;
    log(`bare Koa PUT: ${fmt(bareRps)} req/s with autocannon over ${bareResult.duration.toFixed(1)} s at ${CONCURRENCY} connections (p50 ${bareResult.latency.p50} ms, p99 ${bareResult.latency.p99} ms, ${bareResult.non2xx + bareResult.errors} errors), RSS ${mb(bareRss.rss)}; ` +
      `${fmt(sameClientRps)} req/s with this benchmark's own client (the one that drives the burst) at ${CONCURRENCY} in flight`);

    // 6. The burst. The server's processes: one, or a cluster primary and its workers (summed).
    const serverPids = [server.pid, ...server.workerPids];
    const serverCpu = () => serverPids.reduce((sum, pid) => sum + cpuOf(pid), 0);
    const serverMemory = () => serverPids.reduce((sum, pid) => { const m = memoryOf(pid); return { rss: sum.rss + (m.rss || 0), hwm: sum.hwm + (m.hwm || 0) }; }, { rss: 0, hwm: 0 });
    const mysqldPid = findPid(['mariadbd', 'mysqld'], Number(mysqlServer.port || 3306));
    const idle = serverMemory();
    const samples: Sample[] = [];
    const heap: HeapSample[] = [];
    const server_ = server;
    const sampleHeap = async () => {
      const t = performance.now() - client.t0;
      const { usage } = (await askServer(server_, { type: 'memory' }, 'memory')) as Extract<ServeMessage, { type: 'memory' }>;
      heap.push({ t, heapUsed: usage.heapUsed / 1024, external: usage.external / 1024, arrayBuffers: usage.arrayBuffers / 1024 });
    };
    const cpuBefore = { server: serverCpu(), mysqld: mysqldPid ? cpuOf(mysqldPid) : NaN, bench: process.cpuUsage(), machine: machineBusy() };
    if (args.sql) await askServer(server, { type: 'sql-reset' });
    if (args['cpu-prof']) await askServer(server, { type: 'profile-start' }, 'profile-started');
    client.t0 = performance.now();
    let nextCadre = 0;
    let finished = 0;
    let lastSaves = 0;
    let lastTick = client.t0;
    const sampler = setInterval(() => {
      const t = performance.now() - client.t0;
      samples.push({ t, rss: serverMemory().rss });
      if (samples.length % 4 === 0) void sampleHeap();
      if (samples.length % 20 === 0) {
        const saves = client.histograms.save.totalCount;
        const rate = (saves - lastSaves) / ((performance.now() - lastTick) / 1000);
        lastSaves = saves; lastTick = performance.now();
        log(`  ${fmt(t / 1000, 0).padStart(4)} s  cadres done ${fmt(finished).padStart(5)}/${fmt(cadres.length)}  saves ${fmt(rate).padStart(5)}/s  errors ${client.errorCount}  server RSS ${mb(samples.at(-1)!.rss)}, JS heap ${heap.length ? mb(heap.at(-1)!.heapUsed) : '-'}`);
      }
    }, 250);
    // Live heap (after a forced full GC in the server) when 10 %, 50 % and 90 % of the cadres are done.
    const liveHeap: Array<{ fraction: number; heapUsed: number; rss: number }> = [];
    const checkpoints = [0.1, 0.5, 0.9];
    const worker = async () => {
      while (!interrupted && nextCadre < cadres.length) {
        const n = nextCadre++;
        await runCadre(client, exam.id, cadres[n]!, n);
        finished++;
        if (checkpoints.length && finished >= checkpoints[0]! * cadres.length) {
          const fraction = checkpoints.shift()!;
          const { usage } = (await askServer(server_, { type: 'memory', gc: true }, 'memory')) as Extract<ServeMessage, { type: 'memory' }>;
          liveHeap.push({ fraction, heapUsed: usage.heapUsed / 1024, rss: usage.rss / 1024 });
          if (profileDir && args['heap-snapshots'] && fraction !== 0.5) {
            const file = join(profileDir, `server-${fraction * 100}pct.heapsnapshot`);
            await askServer(server_, { type: 'heap-snapshot', file }, 'heap-snapshot');
            snapshots.push(file);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const elapsed = (performance.now() - client.t0) / 1000;
    clearInterval(sampler);
    samples.push({ t: elapsed * 1000, rss: serverMemory().rss });
    const peak = serverMemory();
    const cpu = {
      server: serverCpu() - cpuBefore.server,
      mysqld: mysqldPid ? cpuOf(mysqldPid) - cpuBefore.mysqld : NaN,
      bench: (() => { const u = process.cpuUsage(cpuBefore.bench); return (u.user + u.system) / 1e6; })(),
      machine: machineBusy() - cpuBefore.machine,
    };
    const cores = cpuCount();
    const otherCpu = cpu.machine - cpu.server - (Number.isNaN(cpu.mysqld) ? 0 : cpu.mysqld) - cpu.bench;
    if (args['cpu-prof'] && profileDir) await askServer(server, { type: 'profile-stop', file: join(profileDir, 'server-burst.cpuprofile') }, 'profile');
    const burstSql = args.sql ? ((await askServer(server, { type: 'sql-report' }, 'sql')) as Extract<ServeMessage, { type: 'sql' }>) : null;
    client.agent.destroy();

    // 7. What the database holds afterwards.
    const [[attemptCounts]] = await connection.query<mysql.RowDataPacket[]>(
      `SELECT SUM(status = 'submitted') AS submitted, SUM(status = 'in_progress') AS open, COUNT(*) AS total FROM attempts WHERE exam_id = ? AND user_id <> ?`, [exam.id, probeCadre.userId]);
    const [[answered]] = await connection.query<mysql.RowDataPacket[]>(
      `SELECT COUNT(*) AS n FROM attempt_items i JOIN attempts a ON a.id = i.attempt_id WHERE a.exam_id = ? AND a.user_id <> ? AND i.response IS NOT NULL`, [exam.id, probeCadre.userId]);
    await connection.end();

    // 8. Report.
    const start = percentiles(client.histograms.start);
    const save = percentiles(client.histograms.save);
    const submit = percentiles(client.histograms.submit);
    const totalRequests = start.n + save.n + submit.n;
    const saveRps = save.n / elapsed;
    const seconds = client.savesPerSecond.map((n) => n ?? 0);
    const steady = seconds.slice(Math.floor(seconds.length * 0.1), Math.ceil(seconds.length * 0.9));
    const steadyRps = steady.reduce((a, b) => a + b, 0) / Math.max(1, steady.length);
    const ratio = saveRps / bareRps;
    const sameClientRatio = saveRps / sameClientRps;
    const peakSampled = Math.max(...samples.map((s) => s.rss));
    const at = (f: number) => sampleAt(samples, elapsed * 1000 * f).rss;
    const startsByTenth = Array.from({ length: 10 }, (_, d) => {
      const slice = client.startsOverTime.filter(([t]) => t >= elapsed * 100 * d && t < elapsed * 100 * (d + 1)).map(([, l]) => l).sort((a, b) => a - b);
      return slice.length ? slice[Math.floor(slice.length * 0.5)]! : NaN;
    });
    const firstTenth = client.startsOverTime.filter(([t]) => t < elapsed * 100).map(([, l]) => l).sort((a, b) => a - b);
    const firstTenthP99 = firstTenth.length ? firstTenth[Math.min(firstTenth.length - 1, Math.floor(firstTenth.length * 0.99))]! : NaN;

    log('');
    log(`burst finished in ${fmt(elapsed, 1)} s: ${fmt(totalRequests)} requests (${fmt(totalRequests / elapsed)} req/s), concurrency ${CONCURRENCY}`);
    log(`database: ${attemptCounts!.submitted} attempts submitted, ${attemptCounts!.open} still open, ${fmt(Number(answered!.n))} answers stored`);
    log('');
    log('| request | count | p50 ms | p95 ms | p99 ms | max ms |');
    log('|---|---:|---:|---:|---:|---:|');
    for (const [name, p] of [['start', start], ['save', save], ['submit', submit]] as const) {
      log(`| ${name} | ${fmt(p.n)} | ${fmt(p.p50, 1)} | ${fmt(p.p95, 1)} | ${fmt(p.p99, 1)} | ${fmt(p.max, 1)} |`);
    }
    log('');
    log(`answer-save throughput: ${fmt(saveRps)} saves/s over the whole burst (${fmt(steadyRps)} saves/s between 10 % and 90 % of it)`);
    log(`bare Koa endpoint:      ${fmt(bareRps)} req/s with autocannon, ${fmt(sameClientRps)} req/s with the burst's own client`);
    log(`median start latency by tenth of the run (ms): ${startsByTenth.map((v) => (Number.isNaN(v) ? '-' : fmt(v))).join(' | ')}`);
    log(`CPU during the burst: server ${fmt(cpu.server, 1)} s (${fmt((cpu.server * 1000) / totalRequests, 2)} ms/request, ${fmt((cpu.server / elapsed) * 100)} % of one core), ` +
      `MariaDB ${fmt(cpu.mysqld, 1)} s (${fmt((cpu.mysqld / elapsed) * 100)} %), load driver ${fmt(cpu.bench, 1)} s (${fmt((cpu.bench / elapsed) * 100)} %); ` +
      `machine ${fmt((cpu.machine / elapsed / cores) * 100)} % busy of ${cores} cores, of which other processes ${fmt((otherCpu / elapsed) * 100)} % of one core${otherCpu / elapsed > 0.15 ? ' (NOISY: something else ran during the burst)' : ''}`);
    log(`server RSS: idle before the burst ${mb(idle.rss)}; at 10 % ${mb(at(0.1))}, 50 % ${mb(at(0.5))}, 90 % ${mb(at(0.9))}, end ${mb(samples.at(-1)!.rss)}; ` +
      `peak ${mb(Math.max(peakSampled, peak.hwm))} (sampled max ${mb(peakSampled)}, kernel high-water mark ${mb(peak.hwm)})`);
    log(`server RSS every 10 % of the run (MB): ${Array.from({ length: 11 }, (_, i) => fmt(at(i / 10) / 1024)).join(' ')}`);
    const heapAt = (f: number) => heap.reduce((best, h) => (Math.abs(h.t - elapsed * 1000 * f) < Math.abs(best.t - elapsed * 1000 * f) ? h : best), heap[0]!);
    if (heap.length) {
      log(`server JS heap used at 10 % ${mb(heapAt(0.1).heapUsed)}, 50 % ${mb(heapAt(0.5).heapUsed)}, 90 % ${mb(heapAt(0.9).heapUsed)} (max ${mb(Math.max(...heap.map((h) => h.heapUsed)))}); ` +
        `external ${mb(heapAt(0.1).external)} → ${mb(heapAt(0.9).external)}, array buffers ${mb(heapAt(0.1).arrayBuffers)} → ${mb(heapAt(0.9).arrayBuffers)}`);
    }
    if (liveHeap.length) {
      log(`server live JS heap after a full GC, at ${liveHeap.map((h) => `${h.fraction * 100} %`).join(' / ')} of the cadres done: ` +
        `${liveHeap.map((h) => mb(h.heapUsed)).join(' / ')} (RSS then ${liveHeap.map((h) => mb(h.rss)).join(' / ')})`);
    }
    const change = (from: number, to: number) => `${to >= from ? '+' : ''}${fmt(((to - from) / from) * 100, 1)} %`;
    const flat = (from: number, to: number) => Math.abs((to - from) / from) < 0.1;
    let memoryLine = `memory: RSS ${change(at(0.1), at(0.9))} between 10 % and 90 % of the run`;
    if (liveHeap.length === 3) {
      const [h10, h50, h90] = liveHeap.map((h) => h.heapUsed) as [number, number, number];
      memoryLine += `; live heap ${change(h10, h90)} between 10 % and 90 % of the cadres, ${change(h50, h90)} between 50 % and 90 % → ` +
        (flat(h10, h90) ? 'flat' : flat(h50, h90) ? 'grows early, then flat (bounded caches filling)' : 'GROWING');
    }
    log(memoryLine);
    if (sqlPerKind) {
      log('');
      log(`SQL per request (probe cadre; statements through the driver adapter, transactions counted apart):`);
      log(`  start ${sqlPerKind.start.statements} statements / ${sqlPerKind.start.transactions} tx; ` +
        `save ${fmt(sqlPerKind.save.statements / ANSWERS, 1)} / ${fmt(sqlPerKind.save.transactions / ANSWERS, 1)} tx; submit ${sqlPerKind.submit.statements} / ${sqlPerKind.submit.transactions} tx`);
      for (const kind of (process.env.BENCH_SQL_VERBOSE === '1' ? ['start', 'save', 'submit'] : ['save']) as Kind[]) {
        log(`  statements of the probe cadre's ${kind === 'save' ? `${ANSWERS} saves` : kind}:`);
        for (const [text, n] of Object.entries(sqlPerKind[kind].texts).sort((a, b) => b[1] - a[1])) log(`    ${String(n).padStart(4)} × ${text.slice(0, 220)}`);
      }
      if (burstSql) {
        const statements = Object.values(burstSql.statements).reduce((a, b) => a + b, 0);
        log(`  during the burst: ${fmt(statements)} statements, ${fmt(burstSql.transactions)} transactions = ${fmt(statements / totalRequests, 2)} statements per request`);
      }
    }
    log('');
    log('| target | measured | goal | |');
    log('|---|---:|---:|---|');
    log(`| save throughput / bare, both driven by the burst's client | ${fmt(sameClientRatio * 100, 1)} % (${fmt(saveRps)} / ${fmt(sameClientRps)}) | ≥ ${TARGETS.saveRatio * 100} % | ${verdict(sameClientRatio >= TARGETS.saveRatio)} |`);
    log(`| save throughput / bare driven by autocannon (a lighter client) | ${fmt(ratio * 100, 1)} % (${fmt(saveRps)} / ${fmt(bareRps)}) | ≥ ${TARGETS.saveRatio * 100} % | ${verdict(ratio >= TARGETS.saveRatio)} |`);
    log(`| p99 save | ${fmt(save.p99, 1)} ms | < ${TARGETS.saveP99Ms} ms | ${verdict(save.p99 < TARGETS.saveP99Ms)} |`);
    log(`| p99 start | ${fmt(start.p99, 1)} ms | < ${TARGETS.startP99Ms} ms | ${verdict(start.p99 < TARGETS.startP99Ms)} |`);
    log(`| p99 start, first tenth of the burst | ${fmt(firstTenthP99, 1)} ms | < ${TARGETS.startP99Ms} ms | ${verdict(firstTenthP99 < TARGETS.startP99Ms)} |`);

    const expectedSaves = cadres.length * ANSWERS;
    const problems = client.errorCount + client.notApplied + (Number(attemptCounts!.submitted) === cadres.length ? 0 : 1) + (Number(answered!.n) === expectedSaves ? 0 : 1);
    log('');
    if (client.errors.size) {
      log(`ERRORS: ${client.errorCount} failed requests`);
      for (const [key, { count, sample }] of client.errors) log(`  ${count} × ${key}: ${sample}`);
    }
    if (client.notApplied) log(`ERRORS: ${client.notApplied} saves answered 200 without applying`);
    if (problems) {
      log(`NOT A RESULT: ${client.errorCount} failed requests, ${client.notApplied} unapplied saves, ${attemptCounts!.submitted}/${cadres.length} submitted, ${answered!.n}/${expectedSaves} answers stored`);
      return 1;
    }
    log(`0 errors: every request 2xx, ${fmt(expectedSaves)} answers stored, ${fmt(cadres.length)} attempts submitted`);
    return 0;
  } finally {
    await stopChild(bare);
    await stopChild(server);
    if (snapshots.length === 2) {
      log('');
      log(diffHeapSnapshots(snapshots[0]!, snapshots[1]!));
    }
    const profile = profileDir ? join(profileDir, 'server-burst.cpuprofile') : null;
    if (profile && existsSync(profile)) {
      log('');
      log(`server CPU profile of the burst: ${profile}${process.env.BENCH_KEEP_PROFILE === '1' ? '' : ' (deleted at exit; BENCH_KEEP_PROFILE=1 keeps it)'}`);
      log(summariseCpuProfile(profile));
    }
    if (args['keep-db']) log(`kept database ${dbName}`);
    else await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    await admin.end();
    if (profileDir && process.env.BENCH_KEEP_PROFILE !== '1') rmSync(profileDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
