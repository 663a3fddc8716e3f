// A database restart at an exam peak, on a MariaDB server of the test's own (never the
// machine's): while cadres save answers and send heartbeats the server is shut down and started
// again. During the outage clients get 503 with Retry-After and a Chinese message, never 500,
// and /readyz says not ready; afterwards the server recovers by itself (pools reconnect, batch
// writers resume, the scheduler catches up the firings it missed) and every acknowledged write
// is in the database.
import pino from 'pino';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfig } from '../../../server/src/env.ts';
import { startServer, type Running } from '../../../server/src/server.ts';
import { startScheduler, type Scheduler } from '../../../server/src/jobs/scheduler.ts';
import { defineJob } from '../../../server/src/jobs/job.ts';
import { saveQuestions } from '../../../server/src/questions/store.ts';
import { createPrivateMariaDb, privateMariaDbUnavailable, type PrivateMariaDb } from '../../support/private-mariadb.ts';
import { testDialects } from '../../support/databases.ts';
import { startFakeWechat, type FakeWechat } from '../../support/fake-wechat.ts';
import { apiClient, type Call } from '../../support/http.ts';

const CADRES = ['13900000011', '13900000012', '13900000013'];
const ITEMS = 5;
// Longer than the Prisma pool's 10 s acquire timeout, so that claims of scheduled firings fail outright.
const OUTAGE_MS = 12_000;

type Outcome = { at: number; status: number; retryAfter: string | null; message: string | undefined };
type Cadre = { token: string; attemptId: number; sessionId: number; acknowledgedSaves: Map<number, number>; acknowledgedBeats: number[] };
type Context = { mariadb: PrivateMariaDb; wechat: FakeWechat; running: Running; call: Call; cadres: Cadre[]; scheduler: Scheduler };

/** A job firing every second, to see that no firing is lost across the outage. */
const tick = defineJob({ name: 'restart-probe', schedule: '* * * * * *', timezone: 'Asia/Shanghai', catchUp: 'each', run: async () => ({}) });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const skip = !testDialects().includes('mysql') ? 'MySQL is not part of this run' : privateMariaDbUnavailable();
if (skip) {
  console.log(`  database restart test skipped: ${skip}`);
} else {
  const test = suite<Context>('a database restart under load [mysql]', {} as Context);
  test.before(async (context) => {
    context.mariadb = await createPrivateMariaDb();
    await context.mariadb.start();
    context.wechat = await startFakeWechat();
    const config = loadConfig({
      NODE_ENV: 'test', PORT: '0', DATABASE_URL: context.mariadb.url('xuefa_restart'), WECHAT_API_BASE_URL: context.wechat.baseUrl,
      SEED_DEMO: 'true', LOAD_BANK: 'statutes', SCHEDULER: 'false', PRESENCE_CHECK_RATE: '0', DB_POOL_SIZE: '4',
    });
    context.running = await startServer(config, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }));
    context.scheduler = startScheduler(context.running.deps, { jobs: [tick] });
    const call = (context.call = apiClient(context.running.url));
    const login = async (body: object) => (await call('POST', '/api/auth/dev/login', { body })).body.data.token as string;
    const organiser = await login({ username: 'organiser-east' });
    const { db } = context.running.deps;
    const eastId = (await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E' } })).id;
    // A few questions of the county's own instead of the national bank: a quicker start.
    const questions = Array.from({ length: ITEMS }, (_, i) => ({
      id: `restart-${i}`, type: 'judge', stem: `重启测试第 ${i + 1} 题：国家维护社会主义法制的统一和尊严。`, answer: true, difficulty: 1, tags: [],
      explanation: '宪法第五条第二款。', citations: [{ law: 'xianfa', article: 5, paragraph: 2 }],
    }));
    await saveQuestions(db, questions as never, { owner: { kind: 'organization', organizationId: eastId }, actorId: null });
    const blueprint = await call('POST', '/api/blueprints', { token: organiser, body: {
      name: '重启测试', organizationId: eastId, kind: 'random', rules: [{ type: 'judge', count: ITEMS }], points: { single: 1, multiple: 1, judge: 1, fill: 1 }, passMark: 1, timeLimitMinutes: 60,
    } });
    const now = Date.now();
    const exam = await call('POST', '/api/exams', { token: organiser, body: {
      title: '重启测试', blueprintId: blueprint.body.data.id, opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 3_600_000).toISOString(),
      audience: { organizationIds: [eastId], keyMinorityOnly: false },
    } });
    assert.is(exam.status, 201, JSON.stringify(exam.body));
    context.cadres = [];
    for (const phone of CADRES) {
      const token = await login({ phone });
      const attempt = await call('POST', `/api/exams/${exam.body.data.id}/attempts`, { token });
      const session = await call('POST', '/api/study/sessions', { token, body: { statute: 'xianfa' } });
      assert.is(session.status, 201, JSON.stringify(session.body));
      context.cadres.push({ token, attemptId: attempt.body.data.id, sessionId: session.body.data.id, acknowledgedSaves: new Map(), acknowledgedBeats: [] });
    }
  });
  test.after(async (context) => {
    await context.scheduler?.stop();
    await context.running?.close();
    await context.wechat?.close();
    await context.mariadb?.destroy();
  });

  /** One cadre's client: saves and heartbeats back to back until told to stop, each outcome recorded. */
  async function cadreLoad(call: Call, cadre: Cadre, running: () => boolean, outcomes: Outcome[]): Promise<void> {
    const record = (status: number, headers: Headers, body: { error?: { message?: string } }) => {
      outcomes.push({ at: Date.now(), status, retryAfter: headers.get('retry-after'), message: body?.error?.message });
    };
    for (let seq = 1; running(); seq++) {
      const ordinal = (seq % ITEMS) + 1;
      const [save, beat] = await Promise.all([
        call('PUT', `/api/attempts/${cadre.attemptId}/answers/${ordinal}`, { token: cadre.token, body: { response: seq % 2 === 0, seq } }),
        call('POST', `/api/study/sessions/${cadre.sessionId}/heartbeats`, { token: cadre.token, body: {
          seq, visibility: 'foreground', taps: 1, scrolls: 0, keys: 0, gapsMs: [], position: { statute: 'xianfa', article: 1, scroll: 0 }, clientAt: new Date().toISOString(),
        } }),
      ]);
      record(save.status, save.headers, save.body);
      record(beat.status, beat.headers, beat.body);
      if (save.status === 200 && save.body.data.applied) cadre.acknowledgedSaves.set(ordinal, seq);
      if (beat.status === 200) cadre.acknowledgedBeats.push(seq);
      await sleep(save.status === 200 ? 20 : 200);
    }
  }

  test('clients get 503 with Retry-After during the outage, never 500; the server recovers alone; nothing acknowledged is lost', async ({ mariadb, running, call, cadres }) => {
    const outcomes: Outcome[] = [];
    let loading = true;
    const load = Promise.all(cadres.map((cadre) => cadreLoad(call, cadre, () => loading, outcomes)));
    await sleep(1_500);

    const stoppedAt = Date.now();
    await mariadb.stop();
    await sleep(500);
    const notReady = await call('GET', '/readyz');
    assert.is(notReady.status, 503);
    assert.is(notReady.body.error.code, 'not_ready');
    assert.ok(notReady.headers.get('retry-after'));
    await sleep(OUTAGE_MS - 500);
    await mariadb.start();
    const restartedAt = Date.now();

    // Nobody restarts the app: it must notice by itself.
    let ready = false;
    for (let i = 0; i < 100 && !ready; i++) {
      ready = (await call('GET', '/readyz')).status === 200;
      if (!ready) await sleep(100);
    }
    assert.ok(ready, '/readyz ready again after the database returned');
    const readyAt = Date.now();
    await sleep(2_500);
    loading = false;
    await load;

    const statuses = [...new Set(outcomes.map((o) => o.status))].sort();
    assert.equal(statuses, [200, 503], `only 200 and 503 seen: ${statuses}`);
    const refused = outcomes.filter((o) => o.status === 503);
    assert.ok(refused.length > 0, 'the outage was felt');
    assert.ok(refused.every((o) => o.retryAfter === '5' && /数据库暂时不可用/.test(o.message ?? '')), 'every 503 has Retry-After and a Chinese message');
    assert.ok(refused.every((o) => o.at >= stoppedAt), 'no refusals before the outage');
    assert.ok(readyAt - restartedAt < 5_000, `ready ${readyAt - restartedAt} ms after the database returned`);
    const recovered = outcomes.filter((o) => o.at > readyAt + 500);
    assert.ok(recovered.length > 20 && recovered.every((o) => o.status === 200), 'after recovery everything succeeds again');

    const { db } = running.deps;
    for (const cadre of cadres) {
      assert.ok(cadre.acknowledgedBeats.length > 10 && cadre.acknowledgedSaves.size === ITEMS);
      const items = await db.attemptItem.findMany({ where: { attemptId: cadre.attemptId }, select: { ordinal: true, responseSeq: true } });
      for (const item of items) assert.ok(item.responseSeq >= cadre.acknowledgedSaves.get(item.ordinal)!, `item ${item.ordinal}: acknowledged seq ${cadre.acknowledgedSaves.get(item.ordinal)} stored as ${item.responseSeq}`);
      const stored = new Set((await db.heartbeat.findMany({ where: { sessionId: cadre.sessionId }, select: { seq: true } })).map((h) => h.seq));
      assert.equal(cadre.acknowledgedBeats.filter((seq) => !stored.has(seq)), [], 'every acknowledged heartbeat stored');
    }
  });

  test('the scheduler catches up every firing it missed during the outage', async ({ running }) => {
    // Give the catch-up (retried every 2 s) time to find the database back.
    const { db } = running.deps;
    let gaps: number[] = [];
    for (let i = 0; i < 30; i++) {
      const runs = await db.jobRun.findMany({ where: { jobName: tick.name }, select: { scheduledAt: true }, orderBy: { scheduledAt: 'asc' } });
      const seconds = runs.map((r) => Math.round(r.scheduledAt.getTime() / 1000));
      gaps = seconds.slice(1).filter((second, index) => second - seconds[index]! !== 1);
      if (!gaps.length && seconds.length > 8) break;
      await sleep(500);
    }
    assert.equal(gaps, [], 'one run per second from the first to the last, the outage included');
  });

  test.run();
}
