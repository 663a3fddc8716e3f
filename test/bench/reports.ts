// bench:reports — the bureau's reports on a county-year of data (reports-data.ts) on MariaDB.
// Builds the database xuefa_bench_reports once (reused while its generator version matches;
// --rebuild forces it), starts the real server in this process against it, rebuilds the roll-ups
// from the generated rows (once per data set), and times each report over HTTP for the county
// and for one department: --samples requests after --warmup ones, one at a time. A report stops
// warming up and sampling when its --budget (seconds) is spent, so a slow report reports fewer
// samples (and MISS) rather than holding the run for an hour; its line says so. --only picks the
// reports whose name contains a string.
// Target: p95 < 1 s per report.
import { parseArgs } from 'node:util';
import mysql2 from 'mysql2/promise';
import pino from 'pino';
import { loadConfig } from '../../server/src/env.ts';
import { rollUps } from '../../server/src/rollups/registry.ts';
import { startServer, type Running } from '../../server/src/server.ts';
import {
  benchDataIsCurrent, BUREAU_ID, CAMPAIGN_ID, COUNTY_ID, COUNTY_ORGANISER_ID, dataSizes, generateCountyYear, UNIT_ID, UNIT_ORGANISER_ID,
} from './reports-data.ts';

const DATABASE = 'xuefa_bench_reports';
const TARGET_MS = 1000;
/** Even when the budget is spent: enough to show the spread of a slow report. */
const MIN_SAMPLES = 2;
/** A cadre of a sub-unit: 20 sessions, 11 meetings, 4 exams in the year. */
const ARCHIVE_CADRE_ID = 1_000;
const { values: args } = parseArgs({
  options: {
    samples: { type: 'string', default: '20' }, warmup: { type: 'string', default: '2' }, budget: { type: 'string', default: '60' },
    rebuild: { type: 'boolean', default: false }, only: { type: 'string' }, 'rebuild-rollups': { type: 'boolean', default: false },
  },
});
const adminUrl = new URL(process.env.BENCH_MYSQL_URL ?? 'mysql://xuefa:xuefa@127.0.0.1:3306/');
const databaseUrl = new URL(adminUrl);
databaseUrl.pathname = `/${DATABASE}`;
const log = (line: string) => console.log(line);
let failures = 0;

async function prepareDatabase(): Promise<boolean> {
  const conn = await mysql2.createConnection({ uri: adminUrl.toString() });
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS ${DATABASE} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await conn.query(`USE ${DATABASE}`);
    if (!args.rebuild && await benchDataIsCurrent(conn)) return false;
    log(`building ${DATABASE} (once; later runs reuse it)`);
    await conn.query(`DROP DATABASE ${DATABASE}`);
    await conn.query(`CREATE DATABASE ${DATABASE} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    return true;
  } finally {
    await conn.end();
  }
}

async function start(build: boolean): Promise<Running> {
  const config = loadConfig({
    NODE_ENV: 'development', PORT: '0', DATABASE_URL: databaseUrl.toString(), WORKERS: '1', SEED_DEMO: 'false',
    LOAD_BANK: build ? 'full' : 'none', SCHEDULER: 'false', LOGIN_RATE_PER_MINUTE: '1000', LOG_LEVEL: 'warn',
  });
  return startServer(config, pino({ level: 'warn' }));
}

async function fill(): Promise<void> {
  const conn = await mysql2.createConnection({ uri: databaseUrl.toString() });
  try {
    const started = Date.now();
    await generateCountyYear(conn, log);
    log(`  analysing tables`);
    await conn.query(`ANALYZE TABLE study_sessions, heartbeats, study_flags, presence_checks, attendances, meeting_invitees, attempts, attempt_items, task_instances, users, organizations`);
    log(`built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await conn.end();
  }
}

/**
 * The generator writes raw rows only, so each roll-up is rebuilt from them once per data set (a
 * marker table remembers which); --rebuild-rollups does it again after a roll-up's code changed.
 */
async function rebuildRollUps(running: Running): Promise<void> {
  const conn = await mysql2.createConnection({ uri: databaseUrl.toString() });
  try {
    await conn.query(`CREATE TABLE IF NOT EXISTS bench_rollups (name VARCHAR(64) PRIMARY KEY, rebuilt_at DATETIME(3) NOT NULL)`);
    const [rows] = await conn.query(`SELECT name FROM bench_rollups`);
    const built = new Set((rows as Array<{ name: string }>).map((row) => row.name));
    for (const rollUp of rollUps.filter((r) => args['rebuild-rollups'] || !built.has(r.name))) {
      const started = Date.now();
      const { rows: count } = await rollUp.rebuild(running.deps);
      log(`roll-up ${rollUp.name}: ${count.toLocaleString('en')} rows rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      await conn.query(`REPLACE INTO bench_rollups VALUES (?, NOW(3))`, [rollUp.name]);
    }
  } finally {
    await conn.end();
  }
}

async function printSizes(): Promise<void> {
  const conn = await mysql2.createConnection({ uri: databaseUrl.toString() });
  try {
    const sizes = await dataSizes(conn);
    const events = sizes.heartbeats! + sizes.attempt_items!;
    log(`data: ${Object.entries(sizes).map(([table, n]) => `${table} ${n.toLocaleString('en')}`).join(', ')}`);
    log(`heartbeats + exam answers: ${events.toLocaleString('en')} rows`);
  } finally {
    await conn.end();
  }
}

async function tokenFor(url: string, userId: number): Promise<string> {
  const response = await fetch(`${url}/api/auth/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) });
  if (response.status !== 200) throw new Error(`dev login of user ${userId} failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { data: { token: string } }).data.token;
}

type Report = { name: string; path: string; token: string };

async function timeOnce(url: string, report: Report): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${url}${report.path}`, { headers: { authorization: `Bearer ${report.token}` } });
  const body = await response.text();
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`${report.name}: ${response.status} ${body.slice(0, 300)}`);
  return elapsed;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** A report that fails is printed as such and the run goes on to the others (and exits 1). */
async function measure(url: string, report: Report): Promise<boolean> {
  try {
    return await sample(url, report);
  } catch (error) {
    failures++;
    log(`${report.name.padEnd(44)} ERROR ${(error as Error).message.slice(0, 200)}`);
    return false;
  }
}

async function sample(url: string, report: Report): Promise<boolean> {
  const samples: number[] = [];
  const wanted = Number(args.samples);
  const deadline = Date.now() + Number(args.budget) * 1000;
  for (let i = 0; i < Number(args.warmup) && (i === 0 || Date.now() < deadline); i++) await timeOnce(url, report);
  while (samples.length < wanted && (samples.length < MIN_SAMPLES || Date.now() < deadline)) samples.push(await timeOnce(url, report));
  samples.sort((a, b) => a - b);
  const p50 = percentile(samples, 50);
  const p95 = percentile(samples, 95);
  const pass = samples.length >= wanted ? p95 < TARGET_MS : false;
  const note = samples.length < wanted ? ` (${samples.length} samples: budget spent)` : ` (${samples.length} samples)`;
  log(`${report.name.padEnd(44)} p50 ${p50.toFixed(0).padStart(6)} ms  p95 ${p95.toFixed(0).padStart(6)} ms  ${pass ? 'PASS' : 'MISS'}${note}`);
  return pass;
}

function reports(tokens: { bureau: string; countyOrganiser: string; unitOrganiser: string }): Report[] {
  const year = 'from=2025-12-31T16:00:00.000Z&to=2026-12-31T16:00:00.000Z';
  const list: Report[] = [];
  for (const [scope, organizationId] of [['county', COUNTY_ID], ['unit', UNIT_ID]] as const) {
    list.push(
      { name: `study report, ${scope}, year`, path: `/api/study/report?organizationId=${organizationId}&${year}`, token: tokens.bureau },
      { name: `campaign completion, ${scope}`, path: `/api/campaigns/${CAMPAIGN_ID}/completion?organizationId=${organizationId}`, token: tokens.countyOrganiser },
      { name: `campaign circular, ${scope}`, path: `/api/campaigns/${CAMPAIGN_ID}/circular?organizationId=${organizationId}`, token: tokens.countyOrganiser },
      { name: `item statistics, ${scope}`, path: `/api/statistics/items`, token: scope === 'county' ? tokens.countyOrganiser : tokens.unitOrganiser },
      { name: `dashboard, ${scope}, year`, path: `/api/dashboard?organizationId=${organizationId}&${year}`, token: tokens.bureau },
    );
  }
  list.push({ name: 'archive of one cadre, year', path: `/api/archive?userId=${ARCHIVE_CADRE_ID}&${year}`, token: tokens.bureau });
  return args.only ? list.filter((r) => r.name.includes(args.only!)) : list;
}

async function main(): Promise<void> {
  const build = await prepareDatabase();
  const running = await start(build);
  try {
    if (build) await fill();
    await rebuildRollUps(running);
    await printSizes();
    const tokens = {
      bureau: await tokenFor(running.url, BUREAU_ID),
      countyOrganiser: await tokenFor(running.url, COUNTY_ORGANISER_ID),
      unitOrganiser: await tokenFor(running.url, UNIT_ORGANISER_ID),
    };
    log(`MariaDB, one server process in this process; ${args.warmup} warm-up + ${args.samples} samples each, one at a time; target p95 < ${TARGET_MS} ms`);
    let passed = 0;
    const list = reports(tokens);
    for (const report of list) if (await measure(running.url, report)) passed++;
    log(`${passed} of ${list.length} reports PASS${failures ? `; ${failures} failed` : ''}`);
    if (failures) process.exitCode = 1;
  } finally {
    await running.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
