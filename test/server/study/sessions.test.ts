// Study sessions over HTTP: credit from server-observed time only, the life cycle, bad
// heartbeats that change nothing, concurrent sessions counted once, silence, and reports.
import ExcelJS from 'exceljs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { closeSilentSessions } from '../../../server/src/study/sessions.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';
import { heartbeatBody, studier } from './support.ts';

type Context = { app: TestApp; cadre: string; other: string; bureau: string };

for (const dialect of testDialects()) {
  const test = suite<Context>(`study sessions [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'statutes', PRESENCE_CHECK_RATE: '0' });
    context.cadre = await context.app.tokenFor({ phone: '13900000011' });
    context.other = await context.app.tokenFor({ phone: '13900000012' });
    context.bureau = await context.app.tokenFor({ username: 'bureau' });
  });
  test.after(async ({ app }) => app.close());

  test('an honest session earns exactly the server time between its heartbeats', async ({ app, cadre }) => {
    const s = studier(app, cadre);
    const opened = await s.open();
    assert.is(opened.heartbeatIntervalSeconds, 30);
    for (let i = 0; i < 21; i++) assert.is((await s.beat()).status, 200);
    const ended = await s.end();
    assert.is(ended.status, 200);
    assert.is(ended.body.data.status, 'closed');
    assert.is(ended.body.data.creditedSeconds, 20 * 30, '20 intervals of 30 s between 21 heartbeats');
    assert.equal(ended.body.data.flags, []);
    assert.is(ended.body.data.heartbeats, 21);
    // Before the first heartbeat the server has observed nothing; after it, all is active.
    const [lead, ...rest] = ended.body.data.segments;
    assert.is(lead.to, rest[0]?.from ?? lead.to);
    assert.ok(rest.length && rest.every((seg: { kind: string }) => seg.kind === 'active'), JSON.stringify(ended.body.data.segments));
    const late = await s.beat();
    assert.is(late.status, 409);
    assert.is(late.body.error.code, 'session_closed');
    const again = await app.call('GET', `/api/study/sessions/${s.id}`, { token: cadre });
    assert.is(again.body.data.creditedSeconds, 600, 'a refused heartbeat changes no credit');
  });

  test('a fast client timer earns no more than server time', async ({ app, cadre }) => {
    const s = studier(app, cadre);
    await s.open();
    // 60 beats 5 s apart: five minutes of server time, whatever the client's timer says.
    for (let i = 0; i < 61; i++) await s.beat({ clientSkewMs: i * 25_000 }, 5_000);
    const ended = (await s.end()).body.data;
    assert.ok(ended.creditedSeconds <= 300, `credited ${ended.creditedSeconds} s for 300 s of server time`);
    assert.ok(ended.flags.some((f: { kind: string }) => f.kind === 'too_fast' || f.kind === 'clock_skew'), JSON.stringify(ended.flags.map((f: { kind: string }) => f.kind)));
  });

  test('bad heartbeats are 4xx and change nothing', async ({ app, cadre, other }) => {
    const s = studier(app, cadre);
    await s.open();
    await s.beat();
    const now = app.clock.now().getTime();
    const send = (session: number, body: unknown, token = cadre) => app.call('POST', `/api/study/sessions/${session}/heartbeats`, { token, body });
    assert.is((await send(999_999, heartbeatBody(2, now, {}))).status, 404);
    assert.is((await send(s.id, heartbeatBody(2, now, {}), other)).status, 404, 'someone else\'s session');
    const negative = await send(s.id, { ...heartbeatBody(2, now, {}), taps: -1 });
    assert.is(negative.status, 400);
    assert.is(negative.body.error.details[0].path, 'body.taps');
    const absurd = await send(s.id, heartbeatBody(2, now, { article: 999 }));
    assert.is(absurd.status, 400);
    assert.match(absurd.body.error.details[0].message, /没有第 999 条/);
    assert.is((await send(s.id, { ...heartbeatBody(2, now, {}), position: { statute: 'xianfa', article: 3, scroll: 1.5 } })).status, 400);
    assert.is(await app.running.deps.db.heartbeat.count({ where: { sessionId: s.id } }), 1);
  });

  test('two sessions at once: flagged as concurrent, and the overlap is credited once', async ({ app, cadre }) => {
    const a = studier(app, cadre);
    const b = studier(app, cadre, 'xingzheng-chufa-fa');
    const from = app.clock.now().toISOString();
    await a.open();
    await b.open();
    for (let i = 0; i < 11; i++) { await a.beat(); await b.beat({}, 0); }
    await a.end();
    const second = (await b.end()).body.data;
    assert.ok(second.flags.some((f: { kind: string }) => f.kind === 'concurrent'));
    const to = new Date(app.clock.now().getTime() + 60_000).toISOString();
    const report = await app.call('GET', `/api/study/report?from=${from}&to=${to}`, { token: (await app.tokenFor({ username: 'bureau' })) });
    const me = report.body.data.people.find((p: { name: string }) => p.name === '王建国');
    assert.is(me.onlineMinutes, 5, 'two parallel sessions of five minutes count five minutes');
  });

  test('a silent session is closed at its last heartbeat; a later beat is refused', async ({ app, cadre }) => {
    const s = studier(app, cadre);
    await s.open();
    for (let i = 0; i < 5; i++) await s.beat();
    const lastBeat = app.clock.now().toISOString();
    app.clock.advance(10 * 60_000);
    assert.ok(await closeSilentSessions(app.running.deps) >= 1);
    const view = (await app.call('GET', `/api/study/sessions/${s.id}`, { token: cadre })).body.data;
    assert.equal([view.status, view.closedReason, view.endedAt, view.creditedSeconds], ['closed', 'silence', lastBeat, 120]);
    assert.is((await s.beat()).status, 409);
  });

  test('reviewers see sessions in their scope; others do not', async ({ app, cadre, bureau }) => {
    const s = studier(app, cadre);
    await s.open();
    await s.beat();
    assert.is((await app.call('GET', `/api/study/sessions/${s.id}`, { token: bureau })).status, 200);
    const west = await app.tokenFor({ username: 'organiser-west' });
    assert.is((await app.call('GET', `/api/study/sessions/${s.id}`, { token: west })).status, 404);
    assert.is((await app.call('GET', `/api/study/sessions/${s.id}`, { token: await app.tokenFor({ phone: '13900000012' }) })).status, 404);
  });

  test('the report exports to xlsx with people and organisations', async ({ app, bureau }) => {
    const from = new Date(app.clock.now().getTime() - 86_400_000).toISOString();
    const to = new Date(app.clock.now().getTime() + 60_000).toISOString();
    const response = await app.call('GET', `/api/study/report/export?from=${from}&to=${to}`, { token: bureau, binary: true });
    assert.is(response.status, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body);
    const people = workbook.getWorksheet('人员')!;
    const row = people.getRows(2, people.actualRowCount - 1)!.find((r) => r.getCell(1).value === '王建国')!;
    assert.ok(Number(row.getCell(4).value) >= 10, 'online minutes of the sessions above');
    assert.ok(workbook.getWorksheet('单位')!.actualRowCount > 1);
  });

  test.run();
}
