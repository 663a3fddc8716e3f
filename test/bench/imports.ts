// Imports never freeze the server: while an organiser imports a generated 100,000-row question
// CSV and hostile .xlsx files arrive (zip bombs, one declaring its size honestly and one lying
// about it, four of each at once), honest cadres keep saving exam answers and a probe keeps
// asking /healthz. The real server runs in a child process (serve.ts) on a fresh database.
//
//   npm run bench:imports [-- --db sqlite|mysql --rows 100000 --savers 12 --baseline-seconds 5]
//
//   --db        sqlite (default: a file in a temporary directory, where a 100k import used to
//               stall everything for 48 s) or mysql (BENCH_MYSQL_URL, default
//               mysql://xuefa:xuefa@127.0.0.1:3306/, database xuefa_bench_<random>, dropped after)
//   --rows      rows of the generated CSV (default 100,000)
//   --savers    answer-save loops (default 12, spread over the east county's four cadres; each
//               saves one answer, waits 20 ms, saves the next with a higher sequence number)
//
// Prints p50/p99/max of /healthz and of the saves, before and during the imports, and
// PASS/MISS against p99 < 200 ms during the imports. The exit code is non-zero only when
// something failed outright (a save not applied, an import answered other than expected).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import mysql from 'mysql2/promise';
import { questionCsv, zipBombXlsx } from '../server/questions/import-files.ts';
import { codeVersion, cpuCount, memoryOf, startChild, stopChild, type Child } from './proc.ts';
import type { ServeMessage } from './serve.ts';

const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    rows: { type: 'string', default: '100000' },
    savers: { type: 'string', default: '12' },
    'baseline-seconds': { type: 'string', default: '5' },
  },
});
const ROWS = Number(args.rows);
const SAVERS = Number(args.savers);
const TARGET_P99_MS = 200;
const EAST_CADRES = ['13900000003', '13900000011', '13900000012', '13900000013'];

const log = (line: string) => console.log(line);
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

// ---------------------------------------------------------------- latencies

type Phase = 'baseline' | 'imports';
type Series = Record<Phase, number[]>;
const latencies: Record<'healthz' | 'save', Series> = { healthz: { baseline: [], imports: [] }, save: { baseline: [], imports: [] } };
let phase: Phase | null = null;
let failures = 0;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** The request's status, its latency recorded in the current phase; a network error counts as a failure (status 0). */
async function timed(kind: 'healthz' | 'save', request: () => Promise<Response>): Promise<number> {
  const recording = phase;
  const started = performance.now();
  try {
    const response = await request();
    await response.arrayBuffer();
    if (recording && phase === recording) latencies[kind][recording].push(performance.now() - started);
    return response.status;
  } catch (error) {
    log(`${kind}: ${(error as Error).message} (${String((error as { cause?: unknown }).cause ?? '')})`);
    return 0;
  }
}

// ---------------------------------------------------------------- the API

type Api = { url: string; json<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> };

function apiOf(url: string): Api {
  return {
    url,
    async json<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
      const response = await fetch(`${url}${path}`, {
        method, body: body === undefined ? undefined : JSON.stringify(body),
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text.slice(0, 400)}`);
      return (JSON.parse(text) as { data: T }).data;
    },
  };
}

const login = (api: Api, who: Record<string, string>) => api.json<{ token: string }>('POST', '/api/auth/dev/login', null, who).then((s) => s.token);

type Item = { ordinal: number; type: string; options: Array<{ key: string }> | null };
type Attempt = { token: string; paperId: number; items: Item[] };

/** An exam for the east county, started by each of its cadres. */
async function startAttempts(api: Api, organiser: string): Promise<Attempt[]> {
  const eastId = (await api.json<Array<{ id: number; code: string }>>('GET', '/api/organizations', organiser)).find((o) => o.code === 'DEMO-E')!.id;
  const blueprint = await api.json<{ id: number }>('POST', '/api/blueprints', organiser, {
    name: '导入压测试卷', organizationId: eastId, kind: 'random', rules: [{ type: 'single', count: 10 }, { type: 'judge', count: 10 }],
    points: { single: 5, multiple: 5, judge: 5, fill: 5 }, passMark: 60, timeLimitMinutes: 120,
  });
  const now = Date.now();
  const exam = await api.json<{ id: number }>('POST', '/api/exams', organiser, {
    title: '导入压测考试', blueprintId: blueprint.id, opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 3 * 3600_000).toISOString(), audience: { organizationIds: [eastId] },
  });
  return Promise.all(EAST_CADRES.map(async (phone) => {
    const token = await login(api, { phone });
    const paper = await api.json<{ id: number; items: Item[] }>('POST', `/api/exams/${exam.id}/attempts`, token);
    return { token, paperId: paper.id, items: paper.items };
  }));
}

/** One cadre saving answers one at a time, each with a higher sequence number, until told to stop. */
async function saveLoop(api: Api, attempt: Attempt, lane: number, lanes: number, running: () => boolean): Promise<void> {
  const items = attempt.items.filter((_, i) => i % lanes === lane);
  for (let seq = 1; running(); seq++) {
    const item = items[seq % items.length]!;
    // A changing answer of the item's own type, as a cadre thinking it over sends.
    const keys = (item.options ?? []).map((option) => option.key);
    const answer = item.type === 'judge' ? seq % 2 === 0 : keys[seq % keys.length];
    const status = await timed('save', () => fetch(`${api.url}/api/attempts/${attempt.paperId}/answers/${item.ordinal}`, {
      method: 'PUT', headers: { authorization: `Bearer ${attempt.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ response: answer, seq }),
    }));
    if (status !== 200) { failures++; log(`save → ${status}`); }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function healthLoop(api: Api, running: () => boolean): Promise<void> {
  while (running()) {
    if (await timed('healthz', () => fetch(`${api.url}/healthz`)) !== 200) failures++;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

type ImportOutcome = { label: string; status: number; code: string | null; ms: number };

async function upload(api: Api, token: string, label: string, name: string, content: Buffer): Promise<ImportOutcome> {
  const form = new FormData();
  form.append('file', new Blob([content]), name);
  const started = performance.now();
  const response = await fetch(`${api.url}/api/question-imports`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const body = await response.json() as { data?: { created: number }; error?: { code: string } };
  return { label, status: response.status, code: body.error?.code ?? `created ${body.data?.created}`, ms: performance.now() - started };
}

// ---------------------------------------------------------------- main

function report(kind: 'healthz' | 'save', when: Phase): { p99: number; line: string } {
  const values = latencies[kind][when];
  const p99 = percentile(values, 99);
  return { p99, line: `${kind.padEnd(8)} ${when.padEnd(9)} n=${fmt(values.length).padStart(6)}  p50 ${fmt(percentile(values, 50), 1).padStart(7)} ms  p99 ${fmt(p99, 1).padStart(7)} ms  max ${fmt(Math.max(...values), 1).padStart(8)} ms` };
}

async function databaseUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (args.db === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'xuefa-bench-imports-'));
    return { url: `file:${join(dir, 'bench.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const server = new URL(process.env.BENCH_MYSQL_URL ?? 'mysql://xuefa:xuefa@127.0.0.1:3306/');
  const name = `xuefa_bench_${randomBytes(4).toString('hex')}`;
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const connection = await mysql.createConnection({ host: server.hostname, port: Number(server.port || 3306), user: decodeURIComponent(server.username), password: decodeURIComponent(server.password) });
      await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await connection.end();
    },
  };
}

async function main(): Promise<number> {
  log(`imports bench: ${fmt(ROWS)}-row CSV + 4 honest and 4 lying zip-bomb .xlsx, ${SAVERS} answer savers and a /healthz probe; database ${args.db}`);
  log(`machine: ${cpuCount()} CPUs, Node ${process.version}; code: ${codeVersion()}`);
  const database = await databaseUrl();
  let server: Child<ServeMessage> | null = null;
  try {
    server = await startChild<ServeMessage>(join(here, 'serve.ts'), {
      ...process.env, DATABASE_URL: database.url, NODE_ENV: 'development', LOG_LEVEL: 'warn', SEED_DEMO: 'true', LOAD_BANK: 'full', SCHEDULER: 'false', PORT: '0',
    });
    const ready = server.ready as Extract<ServeMessage, { type: 'ready' }>;
    const api = apiOf(ready.url);
    const organiser = await login(api, { username: 'organiser-east' });
    const attempts = await startAttempts(api, organiser);
    const csv = questionCsv(ROWS);
    const honestBomb = zipBombXlsx(160);
    const lyingBomb = zipBombXlsx(160, { lie: true });
    log(`server ${ready.url} (pid ${ready.pid}); files: CSV ${fmt(csv.length / 1024 / 1024, 1)} MB, bombs ${fmt(honestBomb.length / 1024)} KB unpacking to 160 MB`);

    let running = true;
    const loops = [healthLoop(api, () => running), ...Array.from({ length: SAVERS }, (_, i) => {
      const attempt = attempts[i % attempts.length]!;
      const lanes = Math.ceil(SAVERS / attempts.length);
      return saveLoop(api, attempt, Math.floor(i / attempts.length), lanes, () => running);
    })];

    phase = 'baseline';
    await new Promise((resolve) => setTimeout(resolve, Number(args['baseline-seconds']) * 1000));
    phase = 'imports';
    const started = performance.now();
    const csvImport = upload(api, organiser, `CSV ${fmt(ROWS)} rows`, '十万题.csv', csv);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const bombs = Promise.all([
      ...Array.from({ length: 4 }, (_, i) => upload(api, organiser, `honest bomb ${i + 1}`, '炸弹.xlsx', honestBomb)),
      ...Array.from({ length: 4 }, (_, i) => upload(api, organiser, `lying bomb ${i + 1}`, '炸弹.xlsx', lyingBomb)),
    ]);
    const outcomes = [await csvImport, ...await bombs];
    const importSeconds = (performance.now() - started) / 1000;
    phase = null;
    running = false;
    await Promise.all(loops);

    for (const o of outcomes) log(`  ${o.label.padEnd(16)} → ${o.status} ${o.code} in ${fmt(o.ms / 1000, 1)} s`);
    const expected = outcomes.every((o, i) => (i === 0 ? o.status === 200 && o.code === `created ${ROWS}` : o.status === 413 && o.code === 'file_too_large'));
    if (!expected) failures++;
    log(`imports ran ${fmt(importSeconds, 1)} s; server peak RSS ${fmt(memoryOf(ready.pid).hwm / 1024)} MB`);
    let pass = true;
    for (const kind of ['healthz', 'save'] as const) {
      log(report(kind, 'baseline').line);
      const during = report(kind, 'imports');
      const ok = during.p99 < TARGET_P99_MS;
      pass &&= ok;
      log(`${during.line}   ${ok ? 'PASS' : 'MISS'} (p99 < ${TARGET_P99_MS} ms)`);
    }
    log(pass ? 'PASS: /healthz and answer saves kept p99 < 200 ms during the imports' : 'MISS: a p99 during the imports reached 200 ms');
    if (failures) log(`${failures} failure(s): requests not answered 200 or imports not answered as expected (see above)`);
    return failures ? 1 : 0;
  } finally {
    await stopChild(server);
    await database.drop();
  }
}

main().then((code) => process.exit(code), (error: unknown) => { console.error(error); process.exit(1); });
