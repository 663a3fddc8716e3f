// The bureau's overview: who may read it, and every figure checked against the raw rows the
// demo month leaves (sessions, attendance, attempts, flags, tasks), on both databases.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';
import { seedDemoActivity } from '../../../server/src/seed/activity.ts';
import { rebuildStudyDays } from '../../../server/src/rollups/study-days.ts';

type Context = { app: TestApp; bureau: string; eastId: number; westId: number; from: string; to: string };

for (const dialect of testDialects()) {
  const test = suite<Context>(`GET /api/dashboard [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'statutes' });
    const now = context.app.clock.now();
    assert.ok(await seedDemoActivity(context.app.running.deps, now));
    const db = context.app.running.deps.db;
    context.eastId = (await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E' } })).id;
    context.westId = (await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-W' } })).id;
    context.bureau = await context.app.tokenFor({ username: 'bureau' });
    context.from = new Date(now.getTime() - 40 * 86_400_000).toISOString();
    context.to = new Date(now.getTime() + 40 * 86_400_000).toISOString();
  });
  test.after(async ({ app }) => app.close());

  const query = (organizationId: number, from: string, to: string) => `/api/dashboard?organizationId=${organizationId}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;

  test('needs a reviewer: 401 without a token, 403 for a cadre, 404 outside the scope', async ({ app, eastId, westId, from, to }) => {
    assert.is((await app.call('GET', query(eastId, from, to))).status, 401);
    const cadre = await app.tokenFor({ phone: '13900000011' });
    assert.is((await app.call('GET', query(eastId, from, to), { token: cadre })).status, 403);
    const east = await app.tokenFor({ username: 'organiser-east' });
    assert.is((await app.call('GET', query(westId, from, to), { token: east })).status, 404);
    assert.is((await app.call('GET', query(eastId, from, to), { token: east })).status, 200);
  });

  test('totals match the raw rows of the subtree', async ({ app, bureau, eastId, from, to }) => {
    const db = app.running.deps.db;
    const response = await app.call('GET', query(eastId, from, to), { token: bureau });
    assert.is(response.status, 200, JSON.stringify(response.body));
    const { totals, children, organization } = response.body.data;
    assert.is(organization.name, '东城县');

    const inEast = { user: { organization: { code: { startsWith: 'DEMO-E' } } } };
    const period = { gte: new Date(from), lt: new Date(to) };
    const cadres = await db.user.count({ where: { status: 'active', roles: { some: { role: 'cadre' } }, organization: { code: { startsWith: 'DEMO-E' } } } });
    const sessions = await db.studySession.findMany({ where: { ...inEast, startedAt: period }, select: { userId: true, creditedSeconds: true } });
    const attendance = await db.attendance.findMany({ where: { ...inEast, meeting: { startsAt: period } }, select: { userId: true, meeting: { select: { creditMinutes: true } } } });
    const flags = await db.studyFlag.findMany({ where: { ...inEast, status: 'open', fromAt: period }, select: { kind: true } });
    const tasks = await db.taskInstance.findMany({ where: { ...inEast, dueAt: period }, select: { requirement: { select: { kind: true } } } });

    assert.ok(sessions.length > 10, 'the demo month has sessions');
    assert.is(totals.cadres, cadres);
    assert.is(totals.onlineMinutes, Math.round(sessions.reduce((sum, s) => sum + s.creditedSeconds, 0) / 60));
    assert.is(totals.offlineMinutes, attendance.reduce((sum, a) => sum + a.meeting.creditMinutes, 0));
    assert.ok(totals.offlineMinutes > 0);
    const participants = new Set([...sessions.filter((s) => s.creditedSeconds > 0).map((s) => s.userId), ...attendance.map((a) => a.userId)]);
    assert.is(totals.participants, participants.size);
    const byKind: Record<string, number> = {};
    for (const flag of flags) byKind[flag.kind] = (byKind[flag.kind] ?? 0) + 1;
    assert.equal(totals.openFlags, byKind);
    assert.ok(flags.length > 0, 'the demo month has open flags');
    const studyTasks = tasks.filter((t) => t.requirement.kind === 'study' || t.requirement.kind === 'meeting').length;
    assert.is(totals.tasks.study.total, studyTasks);
    assert.ok(totals.tasks.study.done > 0 && totals.tasks.study.done <= studyTasks);

    // The sub-units add up to the county (nobody sits directly in a county).
    const sum = (pick: (n: typeof totals) => number) => children.reduce((total: number, child: { numbers: typeof totals }) => total + pick(child.numbers), 0);
    assert.is(children.length, 3);
    assert.is(sum((n) => n.onlineMinutes), totals.onlineMinutes);
    assert.is(sum((n) => n.cadres), totals.cadres);
  });

  test('a unit drills down to its own people', async ({ app, bureau, from, to }) => {
    const unit = await app.running.deps.db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E-GA' } });
    const response = await app.call('GET', query(unit.id, from, to), { token: bureau });
    assert.equal(response.body.data.people.map((p: { name: string }) => p.name).sort(), ['李卫东', '赵敏'].sort());
    const wang = response.body.data.people.find((p: { name: string }) => p.name === '赵敏');
    assert.is(wang.numbers.offlineMinutes, 90, 'recorded by hand at the demo meeting');
  });

  test('whole Beijing days (the roll-ups) give what the raw rows give', async ({ app, bureau, eastId }) => {
    const db = app.running.deps.db;
    const unit = await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E-GA' } });
    // People the roll-up holds but the dashboard must not count, and a cadre with offline time only.
    const person = (phone: string) => db.user.findUniqueOrThrow({ where: { phone } });
    const [wang, li, zhao] = await Promise.all([person('13900000011'), person('13900000012'), person('13900000013')]);
    await db.user.update({ where: { id: li.id }, data: { status: 'disabled' } });
    const staff = await db.user.create({ data: { name: '钱文书', organizationId: unit.id } });
    const wangSessions = await db.studySession.findMany({ where: { userId: wang.id, creditedSeconds: { gt: 0 } }, select: { id: true }, orderBy: { id: 'asc' } });
    await db.studySession.updateMany({ where: { id: { in: wangSessions.slice(0, 2).map((s) => s.id) } }, data: { userId: staff.id } });
    await db.studySession.deleteMany({ where: { userId: zhao.id } });
    await rebuildStudyDays(app.running.deps);
    for (const id of [wang.id, li.id, staff.id]) assert.ok(await db.studyDayRollup.count({ where: { userId: id, startedCreditSeconds: { gt: 0 } } }), 'study rolled up');
    const midnight = (at: number) => Math.floor((at + 8 * 3_600_000) / 86_400_000) * 86_400_000 - 8 * 3_600_000;
    const now = app.clock.now().getTime();
    const from = midnight(now - 40 * 86_400_000);
    const to = midnight(now + 2 * 86_400_000);
    // One millisecond off midnight at each end: nothing in the demo happens then, but the period is read from the raw rows.
    const wholeDays = [new Date(from).toISOString(), new Date(to).toISOString()] as const;
    const rawRows = [new Date(from + 1).toISOString(), new Date(to - 1).toISOString()] as const;
    const county = (await app.call('GET', query(eastId, ...wholeDays), { token: bureau })).body.data;
    assert.ok(county.totals.onlineMinutes > 0 && county.totals.participants > 0, 'the period holds the demo month');
    for (const organizationId of [eastId, unit.id]) {
      const fromRollups = (await app.call('GET', query(organizationId, ...wholeDays), { token: bureau })).body.data;
      const fromRaw = (await app.call('GET', query(organizationId, ...rawRows), { token: bureau })).body.data;
      assert.equal(fromRollups.totals, fromRaw.totals);
      assert.equal(fromRollups.children, fromRaw.children);
      assert.equal(fromRollups.people, fromRaw.people);
    }
    const ga = (await app.call('GET', query(unit.id, ...wholeDays), { token: bureau })).body.data;
    assert.equal(ga.people.map((p: { name: string }) => p.name), ['赵敏']);
    assert.is(ga.totals.participants, 1, 'offline time alone makes a participant');
  });

  test('an empty period counts nothing', async ({ app, bureau, eastId }) => {
    const response = await app.call('GET', query(eastId, '2020-01-01T00:00:00Z', '2020-02-01T00:00:00Z'), { token: bureau });
    const { totals } = response.body.data;
    assert.is(totals.participants, 0);
    assert.is(totals.onlineMinutes, 0);
    assert.is(totals.exams.passRate, null);
    assert.equal(totals.openFlags, {});
  });

  test.run();
}
