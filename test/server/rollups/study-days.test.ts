// The study roll-up kept exactly by every kind of change, over HTTP on both databases: heartbeats
// and a close, presence answers right and wrong (with the session still open), a flag dismissed
// then confirmed, a session across Beijing midnight, a silent session closed late at its last
// heartbeat, a meeting with a check-in and attendance made up by hand two days later, two changes
// to one cadre at once. After each, the roll-up agrees with the raw rows and a rebuild writes the
// same rows; and the report and the dashboard read from it say what the raw rows say.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { beijingDay, DAY_MS, startOfBeijingDay } from '../../../server/src/rollups/beijing-day.ts';
import { periodRows } from '../../../server/src/rollups/study-totals.ts';
import { closeSilentSessions } from '../../../server/src/study/sessions.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';
import { readerAnswer, wrongAnswer } from '../../support/presence.ts';
import { studier } from '../study/support.ts';
import { fillNewRollUps } from '../../../server/src/rollups/after-migration.ts';
import { assertAgreesWithRawRows, rollupRows } from './support.ts';

type Cadre = { id: number; token: string };
type Context = { app: TestApp; wang: Cadre; li: Cadre; zhao: Cadre; bureau: string; organiser: string };

const iso = (at: number) => encodeURIComponent(new Date(at).toISOString());

/** Reads for `beats` heartbeats, answering each presence check after five seconds. */
async function read(app: TestApp, session: ReturnType<typeof studier>, token: string, beats: number, answer: 'right' | 'wrong'): Promise<void> {
  const db = app.running.deps.db;
  for (let i = 0; i < beats; i++) {
    const check = (await session.beat({ article: 10 })).body.data.presenceCheck;
    if (!check) continue;
    app.clock.advance(5_000);
    const response = answer === 'right' ? await readerAnswer(db, check.id) : await wrongAnswer(db, check.id);
    assert.is((await app.call('POST', `/api/study/checks/${check.id}/answer`, { token, body: { response } })).status, 200);
  }
}

const Periods = suite('periodRows: whole years, months and days of a period');
Periods('a period of whole Beijing days is read from the coarsest rows that fit', () => {
  assert.equal(periodRows('2026-01-01', '2027-01-01'), { years: { gte: '2026', lt: '2027' }, months: [], days: [] });
  assert.equal(periodRows('2025-11-01', '2027-02-03'), {
    years: { gte: '2026', lt: '2027' }, months: [{ gte: '2025-11', lt: '2026-01' }, { gte: '2027-01', lt: '2027-02' }], days: [{ gte: '2027-02-01', lt: '2027-02-03' }],
  });
  assert.equal(periodRows('2026-03-15', '2026-06-10'), {
    years: null, months: [{ gte: '2026-04', lt: '2026-06' }], days: [{ gte: '2026-03-15', lt: '2026-04-01' }, { gte: '2026-06-01', lt: '2026-06-10' }],
  });
  assert.equal(periodRows('2026-12-31', '2027-01-02'), { years: null, months: [], days: [{ gte: '2026-12-31', lt: '2027-01-02' }] });
});
Periods.run();

for (const dialect of testDialects()) {
  const test = suite<Context>(`study roll-up [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'statutes', PRESENCE_CHECK_RATE: '1', PRESENCE_MIN_SPACING_SECONDS: '120' });
    const { app } = context;
    // 09:00 Beijing time tomorrow: the first sessions stay within one day whenever the tests run.
    app.clock.set(new Date(startOfBeijingDay(app.clock.now().getTime()) + DAY_MS + 9 * 3_600_000));
    const cadre = async (phone: string) => ({ id: (await app.running.deps.db.user.findUniqueOrThrow({ where: { phone } })).id, token: await app.tokenFor({ phone }) });
    Object.assign(context, { wang: await cadre('13900000011'), li: await cadre('13900000012'), zhao: await cadre('13900000013') });
    context.bureau = await app.tokenFor({ username: 'bureau' });
    context.organiser = await app.tokenFor({ username: 'organiser-east' });
  });
  test.after(async ({ app }) => app.close());

  test('heartbeats and a close: the day holds the session, its credit and its checks', async ({ app, wang }) => {
    const s = studier(app, wang.token);
    await s.open();
    await read(app, s, wang.token, 21, 'right');
    const ended = (await s.end()).body.data;
    assert.ok(ended.creditedSeconds > 0);
    const rows = await app.running.deps.db.studyDayRollup.findMany({ where: { userId: wang.id } });
    assert.equal(rows.map((r) => [r.day, r.sessionsStarted, r.sessionsCarriedIn, Math.round(r.creditedMs / 1000), r.startedCreditSeconds]),
      [[beijingDay(app.clock.now().getTime()), 1, 0, ended.creditedSeconds, ended.creditedSeconds]]);
    assert.ok(rows[0]!.checksAsked >= 2 && rows[0]!.checksPassed === rows[0]!.checksAsked, JSON.stringify(rows[0]));
    await assertAgreesWithRawRows(app, 'after a session');
  });

  test('presence checks answered right and wrong, the session still open, then closed with a flag', async ({ app, wang }) => {
    const s = studier(app, wang.token);
    await s.open();
    await read(app, s, wang.token, 4, 'right');
    await read(app, s, wang.token, 10, 'wrong');
    // A wrong answer brings a check at the next heartbeat: answered right, the last change before the comparison.
    await read(app, s, wang.token, 1, 'right');
    await assertAgreesWithRawRows(app, 'with a session open, after a right answer');
    const ended = (await s.end()).body.data;
    assert.ok(ended.flags.some((f: { kind: string }) => f.kind === 'presence_failed'), JSON.stringify(ended.flags));
    const [row] = await app.running.deps.db.studyDayRollup.findMany({ where: { userId: wang.id } });
    assert.equal(row!.sessionsStarted, 2);
    assert.ok(row!.checksPassed < row!.checksAsked, JSON.stringify(row));
    await assertAgreesWithRawRows(app, 'after wrong answers');
  });

  test('a flag dismissed gives its time back and confirmed takes it: the roll-up follows both', async ({ app, wang, bureau }) => {
    const db = app.running.deps.db;
    const flag = await db.studyFlag.findFirstOrThrow({ where: { userId: wang.id, kind: 'presence_failed' } });
    const credited = async () => (await db.studyDayRollup.findMany({ where: { userId: wang.id } })).reduce((sum, r) => sum + r.creditedMs, 0);
    const flagRows = async () => (await db.studyFlagDayRollup.findMany({ where: { userId: wang.id, kind: 'presence_failed' } })).map((r) => [r.status, r.flags]);
    const review = (decision: string) => app.call('POST', `/api/study/flags/${flag.id}/review`, { token: bureau, body: { decision } });
    assert.equal(await flagRows(), [['open', 1]]);
    const before = await credited();
    assert.is((await review('dismiss')).status, 200);
    const dismissed = await credited();
    assert.ok(dismissed > before, `dismissed: ${before} → ${dismissed} ms`);
    assert.equal(await flagRows(), [['dismissed', 1]]);
    await assertAgreesWithRawRows(app, 'after a flag dismissed');
    assert.is((await review('confirm')).status, 200);
    assert.ok(await credited() < dismissed, 'confirmed: the time is withheld again');
    assert.equal(await flagRows(), [['confirmed', 1]]);
    await assertAgreesWithRawRows(app, 'after a flag confirmed');
  });

  test('a session across Beijing midnight counts on both days, and once in a report of the second day', async ({ app, li, bureau }) => {
    const midnight = startOfBeijingDay(app.clock.now().getTime()) + DAY_MS;
    app.clock.set(new Date(midnight - 10 * 60_000));
    const s = studier(app, li.token);
    await s.open();
    await read(app, s, li.token, 40, 'right');
    await s.end();
    const rows = await app.running.deps.db.studyDayRollup.findMany({ where: { userId: li.id }, orderBy: { day: 'asc' } });
    assert.equal(rows.map((r) => [r.day, r.sessionsStarted, r.sessionsCarriedIn, r.creditedMs > 0]), [[beijingDay(midnight - 1), 1, 0, true], [beijingDay(midnight), 0, 1, true]]);
    const report = await app.call('GET', `/api/study/report?from=${iso(midnight)}&to=${iso(midnight + DAY_MS)}`, { token: bureau });
    const row = report.body.data.people.find((p: { userId: number }) => p.userId === li.id);
    assert.equal([row.sessions, row.onlineMinutes], [1, Math.round(rows[1]!.creditedMs / 60_000)]);
    await assertAgreesWithRawRows(app, 'after a session across midnight');
  });

  test('a silent session closed later, at its last heartbeat', async ({ app, zhao }) => {
    const s = studier(app, zhao.token);
    await s.open();
    await read(app, s, zhao.token, 5, 'right');
    app.clock.advance(10 * 60_000);
    assert.ok(await closeSilentSessions(app.running.deps) >= 1);
    assert.is((await app.running.deps.db.studyDayRollup.findFirstOrThrow({ where: { userId: zhao.id } })).sessionsStarted, 1);
    await assertAgreesWithRawRows(app, 'after a silence close');
  });

  test('a meeting: invitations, a check-in, and attendance made up by hand two days later', async ({ app, li, zhao, organiser }) => {
    const db = app.running.deps.db;
    const unit = await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E-GA' } });
    const startsAt = app.clock.now().getTime() + 5 * 60_000;
    const created = await app.call('POST', '/api/meetings', { token: organiser, body: {
      organizationId: unit.id, topic: '局务会议会前学法', place: '县公安局会议室', startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + 60 * 60_000).toISOString(), creditMinutes: 30, inviteOrganizationIds: [unit.id],
    } });
    assert.is(created.status, 201, JSON.stringify(created.body));
    const meetingId = created.body.data.id;
    const code = (await app.call('GET', `/api/meetings/${meetingId}/qr`, { token: organiser })).body.data.code;
    assert.is((await app.call('POST', '/api/meetings/check-in', { token: li.token, body: { code } })).status, 200);
    app.clock.advance(2 * DAY_MS);
    const madeUp = await app.call('POST', `/api/meetings/${meetingId}/attendance`, { token: organiser, body: { userId: zhao.id, reason: '会后补录：签到设备故障' } });
    assert.is(madeUp.status, 200);
    const day = beijingDay(startsAt);
    const meetingRows = await db.studyDayRollup.findMany({ where: { userId: { in: [li.id, zhao.id] }, day }, orderBy: { userId: 'asc' } });
    assert.equal(meetingRows.map((r) => [r.meetingsInvited, r.meetingsAttended, r.offlineMinutes]), [[1, 1, 30], [1, 1, 30]]);
    await assertAgreesWithRawRows(app, 'after a meeting and a make-up');
  });

  test('two sessions of one cadre ended at the same moment', async ({ app, wang }) => {
    const a = studier(app, wang.token);
    const b = studier(app, wang.token, 'xingzheng-chufa-fa');
    await a.open();
    await b.open();
    for (let i = 0; i < 10; i++) {
      await a.beat();
      await b.beat({}, 0);
    }
    await assertAgreesWithRawRows(app, 'with two sessions open, their last checks unanswered');
    const ended = await Promise.all([a.end(), b.end()]);
    assert.equal(ended.map((r) => r.status), [200, 200]);
    await assertAgreesWithRawRows(app, 'after two sessions ended at once');
  });

  test('the report and the dashboard over whole Beijing days say what the raw rows say', async ({ app, bureau }) => {
    const to = startOfBeijingDay(app.clock.now().getTime()) + DAY_MS;
    const from = to - 7 * DAY_MS;
    // One millisecond earlier is not a Beijing midnight: the same period read from the raw rows.
    const read = async (path: string, start: number) => (await app.call('GET', `${path}from=${iso(start)}&to=${iso(to)}`, { token: bureau })).body.data;
    const [report, rawReport] = [await read('/api/study/report?', from), await read('/api/study/report?', from - 1)];
    assert.ok(report.people.some((p: { onlineMinutes: number; sessions: number; checksAsked: number; meetingsAttended: number }) => p.onlineMinutes > 0 && p.sessions > 1 && p.checksAsked > 0));
    assert.ok(report.people.some((p: { meetingsAttended: number; flagsConfirmed: number }) => p.meetingsAttended > 0) && report.people.some((p: { flagsConfirmed: number }) => p.flagsConfirmed > 0));
    assert.equal([report.people, report.organizations], [rawReport.people, rawReport.organizations]);
    const east = await app.running.deps.db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E' } });
    const [dashboard, rawDashboard] = [await read(`/api/dashboard?organizationId=${east.id}&`, from), await read(`/api/dashboard?organizationId=${east.id}&`, from - 1)];
    assert.ok(dashboard.totals.onlineMinutes > 0 && dashboard.totals.offlineMinutes > 0);
    assert.equal([dashboard.totals, dashboard.children, dashboard.people], [rawDashboard.totals, rawDashboard.children, rawDashboard.people]);
  });

  test('the migration that creates the roll-up fills it from the raw rows already there, and no other migration does', async ({ app }) => {
    const { deps } = app.running;
    const filled = await rollupRows(deps.db);
    await deps.db.$transaction([deps.db.studyDayRollup.deleteMany(), deps.db.studyMonthRollup.deleteMany(), deps.db.studyYearRollup.deleteMany(), deps.db.studyFlagDayRollup.deleteMany()]);
    assert.equal(await fillNewRollUps(deps, ['20261204160000_generated_presence_checks']), []);
    assert.is(await deps.db.studyDayRollup.count(), 0);
    assert.equal(await fillNewRollUps(deps, ['20261205010000_study_day_rollups']), ['study-days']);
    assert.equal(await rollupRows(deps.db), filled);
  });

  test.run();
}
