// Offline study attendance: check-in by the rotating code (valid, expired, forged, wrong
// person, outside the meeting's time), manual records with a reason, and the report's rate.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';

type Context = { app: TestApp; organiser: string; cadre: string; cadreId: number; outsider: string; meetingId: number };

for (const dialect of testDialects()) {
  const test = suite<Context>(`study meetings [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'statutes' });
    const db = context.app.running.deps.db;
    context.organiser = await context.app.tokenFor({ username: 'organiser-east' });
    context.cadre = await context.app.tokenFor({ phone: '13900000011' });
    context.cadreId = (await db.user.findUniqueOrThrow({ where: { phone: '13900000011' } })).id;
    context.outsider = await context.app.tokenFor({ phone: '13900000013' });
    const east = await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E' } });
    const unit = await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E-ZF' } });
    await db.user.create({ data: { name: '钱副县长', phone: '13900000099', isKeyMinority: true, organizationId: unit.id, roles: { create: { role: 'cadre' } } } });
    const now = context.app.clock.now().getTime();
    const created = await context.app.call('POST', '/api/meetings', { token: context.organiser, body: {
      organizationId: east.id, topic: '常务会议会前学法：行政复议法', statutes: ['xingzheng-fuyi-fa'], place: '县政府第一会议室',
      startsAt: new Date(now + 10 * 60_000).toISOString(), endsAt: new Date(now + 70 * 60_000).toISOString(), creditMinutes: 45,
      inviteOrganizationIds: [east.id], keyMinorityOnly: true,
    } });
    assert.is(created.status, 201, JSON.stringify(created.body));
    context.meetingId = created.body.data.id;
  });
  test.after(async ({ app }) => app.close());

  const code = async (app: TestApp, token: string, id: number) => (await app.call('GET', `/api/meetings/${id}/qr`, { token })).body.data;

  test('only the invited 关键少数 are expected', async ({ app, organiser, meetingId }) => {
    const meeting = (await app.call('GET', `/api/meetings/${meetingId}`, { token: organiser })).body.data;
    const expected = await app.running.deps.db.user.count({ where: { isKeyMinority: true, organization: { code: { startsWith: 'DEMO-E' } } } });
    assert.is(meeting.invited, expected);
  });

  test('scanning the current code checks in once; the code rotates every 30 s', async ({ app, organiser, cadre, meetingId }) => {
    const first = await code(app, organiser, meetingId);
    assert.is(first.refreshSeconds, 30);
    const response = await app.call('POST', '/api/meetings/check-in', { token: cadre, body: { code: first.code } });
    assert.equal([response.status, response.body.data.alreadyCheckedIn], [200, false]);
    const again = await app.call('POST', '/api/meetings/check-in', { token: cadre, body: { code: first.code } });
    assert.equal([again.status, again.body.data.alreadyCheckedIn], [200, true]);
    app.clock.advance(30_000);
    assert.not.equal((await code(app, organiser, meetingId)).code, first.code);
  });

  test('a code is still accepted in the 30-second window after its own', async ({ app, organiser }) => {
    // A meeting of its own, so its attendee stays free for the tests below.
    const now = app.clock.now().getTime();
    const unit = await app.running.deps.db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E-GA' } });
    const meetingId = (await app.call('POST', '/api/meetings', { token: organiser, body: {
      organizationId: unit.id, topic: '局务会议会前学法', place: '县公安局会议室', startsAt: new Date(now + 5 * 60_000).toISOString(),
      endsAt: new Date(now + 65 * 60_000).toISOString(), creditMinutes: 30, inviteOrganizationIds: [unit.id],
    } })).body.data.id;
    const shown = await code(app, organiser, meetingId);
    app.clock.set(new Date(new Date(shown.expiresAt).getTime() + 29_000));
    assert.not.equal((await code(app, organiser, meetingId)).code, shown.code, 'the screen has moved on to the next code');
    const latecomer = await app.tokenFor({ phone: '13900000013' });
    const response = await app.call('POST', '/api/meetings/check-in', { token: latecomer, body: { code: shown.code } });
    assert.equal([response.status, response.body.data?.alreadyCheckedIn], [200, false], JSON.stringify(response.body));
  });

  test('a forwarded screenshot expires, a forged code and an uninvited person are refused', async ({ app, organiser, outsider, meetingId }) => {
    const old = await code(app, organiser, meetingId);
    app.clock.advance(61_000);
    const lee = await app.tokenFor({ phone: '13900000012' });
    const expired = await app.call('POST', '/api/meetings/check-in', { token: lee, body: { code: old.code } });
    assert.equal([expired.status, expired.body.error.code], [400, 'qr_expired']);
    const current = await code(app, organiser, meetingId);
    const forged = current.code.slice(0, -3) + (current.code.endsWith('AAA') ? 'BBB' : 'AAA');
    assert.is((await app.call('POST', '/api/meetings/check-in', { token: lee, body: { code: forged } })).body.error.code, 'qr_invalid');
    const uninvited = await app.call('POST', '/api/meetings/check-in', { token: outsider, body: { code: current.code } });
    assert.equal([uninvited.status, uninvited.body.error.code], [403, 'not_invited']);
    assert.is((await app.call('POST', '/api/meetings/check-in', { token: lee, body: { code: current.code } })).status, 200);
  });

  test('outside the meeting\'s time a valid code is refused', async ({ app, organiser, cadre, meetingId }) => {
    app.clock.advance(2 * 3_600_000);
    const late = await code(app, organiser, meetingId);
    const response = await app.call('POST', '/api/meetings/check-in', { token: cadre, body: { code: late.code } });
    assert.equal([response.status, response.body.error.code], [409, 'meeting_not_in_progress']);
  });

  test('an organiser records attendance by hand with a reason, audited; the report counts it', async ({ app, organiser, meetingId }) => {
    const db = app.running.deps.db;
    const sun = await db.user.findUniqueOrThrow({ where: { phone: '13900000099' } });
    const noReason = await app.call('POST', `/api/meetings/${meetingId}/attendance`, { token: organiser, body: { userId: sun.id, reason: '' } });
    assert.is(noReason.status, 400);
    const recorded = await app.call('POST', `/api/meetings/${meetingId}/attendance`, { token: organiser, body: { userId: sun.id, reason: '扫码设备故障，现场核实' } });
    assert.is(recorded.status, 200);
    assert.ok(recorded.body.data.attendees.some((a: { userId: number; method: string }) => a.userId === sun.id && a.method === 'manual'));
    assert.ok(await db.auditLog.findFirst({ where: { action: 'meeting.attendance', subjectId: String(meetingId) } }));
    const from = new Date(app.clock.now().getTime() - 86_400_000).toISOString();
    const report = await app.call('GET', `/api/study/report?from=${from}&to=${app.clock.now().toISOString()}`, { token: organiser });
    const row = report.body.data.people.find((p: { userId: number }) => p.userId === sun.id);
    assert.equal([row.offlineMinutes, row.meetingsAttended, row.attendanceRate], [45, 1, 1]);
    const west = await app.tokenFor({ username: 'organiser-west' });
    assert.is((await app.call('GET', `/api/meetings/${meetingId}/qr`, { token: west })).status, 404);
  });

  test.run();
}
