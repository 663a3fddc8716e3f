// An exam's audience of units, 关键少数 only, and people named one by one: the head-count is the
// union (nobody counted twice), a named person sits the exam whatever the 关键少数 switch says,
// and a named person outside the organiser's county is refused — in the head-count, the exam and
// an override alike — with a 400 that names them. Overrides are for the exam's audience only: the
// console's picker searches it (GET /api/users?examId=…) and anyone else is refused.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';
import { createBlueprint, createExam, eastFixture } from './support.ts';

type Fixture = Awaited<ReturnType<typeof eastFixture>>;
type Context = { app: TestApp; f: Fixture; zhao: { id: number; token: string }; westCadreId: number; blueprintId: number };

const countOf = (app: TestApp, token: string, body: Record<string, unknown>) => app.call('POST', '/api/exams/audience-count', { token, body });

for (const dialect of testDialects()) {
  const test = suite<Context>(`exam audience with named people [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'full' });
    context.f = await eastFixture(context.app);
    const db = context.app.running.deps.db;
    // 赵敏: a cadre of 东城县公安局 who is not one of the 关键少数.
    const zhao = await db.user.findUniqueOrThrow({ where: { phone: '13900000013' } });
    assert.is(zhao.isKeyMinority, false);
    context.zhao = { id: zhao.id, token: await context.app.tokenFor({ userId: zhao.id }) };
    context.westCadreId = (await db.user.findUniqueOrThrow({ where: { phone: '13900000021' } })).id;
    context.blueprintId = (await createBlueprint(context.app, context.f.organiser, { organizationId: context.f.eastId, kind: 'random', rules: [{ type: 'judge', count: 2 }] })).id;
  });
  test.after(async ({ app }) => app.close());

  test('the head-count is units ∪ named people: a named 关键少数 already in the unit is not counted twice', async ({ app, f, zhao }) => {
    const leaders = { organizationIds: [f.eastId], keyMinorityOnly: true };
    const unitsOnly = await countOf(app, f.organiser, leaders);
    assert.equal(unitsOnly.body.data, { total: 2, byUnit: [{ organizationId: f.eastId, name: '东城县', people: 2 }], namedOnly: 0 }, '王建国 and 李卫东');

    const withZhao = await countOf(app, f.organiser, { ...leaders, userIds: [zhao.id] });
    assert.is(withZhao.status, 200, JSON.stringify(withZhao.body));
    assert.equal(withZhao.body.data, { total: 3, byUnit: [{ organizationId: f.eastId, name: '东城县', people: 2 }], namedOnly: 1 }, '赵敏 is added although not 关键少数');

    const alsoWang = await countOf(app, f.organiser, { ...leaders, userIds: [zhao.id, f.cadreId, zhao.id] });
    assert.equal([alsoWang.body.data.total, alsoWang.body.data.namedOnly], [3, 1], '王建国 is in the unit already; 赵敏 listed twice is one person');

    const namedOnly = await countOf(app, f.organiser, { userIds: [zhao.id, f.cadreId] });
    assert.equal(namedOnly.body.data, { total: 2, byUnit: [], namedOnly: 2 });
  });

  test('a named person sits the exam; a cadre of the same unit who is neither named nor 关键少数 does not', async ({ app, f, zhao, blueprintId }) => {
    const db = app.running.deps.db;
    const police = await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E-GA' } });
    const bystander = await db.user.create({ data: { name: '旁观者', phone: '13650000077', organizationId: police.id, roles: { create: { role: 'cadre' } } } });
    const exam = await createExam(app, f.organiser, { title: '点名考试', blueprintId, audience: { organizationIds: [f.eastId], userIds: [zhao.id], keyMinorityOnly: true } });
    assert.equal(exam.audience, { organizationIds: [f.eastId], userIds: [zhao.id] });

    const offered = async (token: string) => (await app.call('GET', '/api/my/exams', { token })).body.data.some((e: { id: number }) => e.id === exam.id);
    assert.ok(await offered(zhao.token), '赵敏 is named');
    assert.not.ok(await offered(await app.tokenFor({ userId: bystander.id })), 'not named, not 关键少数');
    assert.is((await app.call('POST', `/api/exams/${exam.id}/attempts`, { token: zhao.token })).status, 200);
    const monitor = (await app.call('GET', `/api/exams/${exam.id}/monitor`, { token: f.organiser })).body.data;
    assert.equal(monitor.totals, { audience: 3, notStarted: 2, inProgress: 1, submitted: 0 }, 'the monitor counts the same three as the head-count');

    const override = await app.call('POST', `/api/exams/${exam.id}/overrides`, { token: f.organiser, body: { userId: zhao.id, extraMinutes: 10, reason: '点名人员延时' } });
    assert.is(override.status, 201);
  });

  test('a named person of another county, or no one at all, is refused with a 400 naming them: head-count, exam and override', async ({ app, f, westCadreId, blueprintId }) => {
    const db = app.running.deps.db;
    for (const stranger of [westCadreId, 99_999_999]) {
      const counted = await countOf(app, f.organiser, { organizationIds: [f.eastId], userIds: [stranger] });
      assert.is(counted.status, 400, JSON.stringify(counted.body));
      assert.is(counted.body.error.code, 'validation_failed');
      assert.is(counted.body.error.message, '考试对象超出本人管辖范围或不存在');
      assert.equal(counted.body.error.details, [{ path: 'body.userIds', code: 'out_of_scope', message: `人员 ${stranger} 不存在或超出管辖范围` }]);

      const before = await db.exam.count();
      const now = app.clock.now().getTime();
      const scheduled = await app.call('POST', '/api/exams', { token: f.organiser, body: {
        title: '越权考试', blueprintId, opensAt: new Date(now).toISOString(), closesAt: new Date(now + 3_600_000).toISOString(),
        audience: { organizationIds: [f.eastId], userIds: [stranger] },
      } });
      assert.is(scheduled.status, 400);
      assert.is(scheduled.body.error.message, '考试对象超出本人管辖范围或不存在');
      assert.equal(scheduled.body.error.details, [{ path: 'body.audience.userIds', code: 'out_of_scope', message: `人员 ${stranger} 不存在或超出管辖范围` }]);
      assert.is(await db.exam.count(), before, 'nothing was created');
    }
    const exam = await createExam(app, f.organiser, { title: '延时越权', blueprintId, audience: { organizationIds: [f.eastId] } });
    const override = await app.call('POST', `/api/exams/${exam.id}/overrides`, { token: f.organiser, body: { userId: westCadreId, extraMinutes: 10, reason: '越权延时' } });
    assert.equal([override.status, override.body.error?.details?.[0]?.code], [400, 'out_of_scope']);
    assert.is(await db.examOverride.count({ where: { examId: exam.id } }), 0);

    const west = await app.tokenFor({ username: 'organiser-west' });
    const ownCountyOnly = await countOf(app, west, { userIds: [westCadreId] });
    assert.equal([ownCountyOnly.status, ownCountyOnly.body.data?.total], [200, 1], "西山县's organiser may name 孙丽华");
    const empty = await countOf(app, f.organiser, {});
    assert.equal(empty.body.data, { total: 0, byUnit: [], namedOnly: 0 }, 'an empty audience counts nobody (the form before anyone is chosen)');
  });

  test('overrides are for the audience: GET /api/users?examId lists only it, and an override for anyone else is a 400', async ({ app, f, zhao, blueprintId }) => {
    const db = app.running.deps.db;
    const exam = await createExam(app, f.organiser, { title: '加时对象', blueprintId, audience: { organizationIds: [f.eastId], userIds: [zhao.id], keyMinorityOnly: true } });
    const wu = await db.user.findUniqueOrThrow({ where: { phone: '13900000003' } });
    const li = await db.user.findUniqueOrThrow({ where: { phone: '13900000012' } });
    const users = (query: string, token = f.organiser) => app.call('GET', `/api/users?${query}`, { token });

    const audience = await users(`examId=${exam.id}&role=cadre&status=active&pageSize=100`);
    assert.is(audience.status, 200, JSON.stringify(audience.body));
    assert.equal(audience.body.data.map((u: { name: string }) => u.name).sort(), ['李卫东', '王建国', '赵敏'].sort(), 'the 关键少数 of the county and 赵敏, named');
    assert.is(audience.body.pagination.total, 3);
    assert.equal((await users(`q=${encodeURIComponent('吴组织')}`)).body.data.map((u: { id: number }) => u.id), [wu.id], '吴组织 is in the organiser\'s scope');
    const outside = await users(`q=${encodeURIComponent('吴组织')}&examId=${exam.id}`);
    assert.equal([outside.status, outside.body.data, outside.body.pagination.total], [200, [], 0], 'but not in the exam\'s audience');
    assert.is((await users(`examId=${exam.id}`, await app.tokenFor({ username: 'organiser-west' }))).status, 404);
    assert.is((await users('examId=99999999')).status, 404);
    assert.is((await users(`examId=${exam.id}`, f.cadre)).status, 403);

    const override = (userId: number) => app.call('POST', `/api/exams/${exam.id}/overrides`, { token: f.organiser, body: { userId, extraMinutes: 10, reason: '因公出差' } });
    const refused = await override(wu.id);
    assert.is(refused.status, 400);
    assert.is(refused.body.error.message, '只能为本场考试的考试对象延长时间或增加次数');
    assert.equal(refused.body.error.details, [{ path: 'body.userId', code: 'not_in_audience', message: '吴组织不是本场考试的考试对象' }]);
    assert.is(await db.examOverride.count({ where: { examId: exam.id } }), 0, 'nothing was created');
    assert.equal([(await override(zhao.id)).status, (await override(li.id)).status], [201, 201], 'named, and 关键少数 of an audience unit');
  });

  test('a thousand named people (a make-up of a large exam) are counted and monitored on both databases', async ({ app, f, blueprintId }) => {
    const db = app.running.deps.db;
    const police = await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E-GA' } });
    await db.user.createMany({ data: Array.from({ length: 1200 }, (_, i) => ({ name: `补考${i}`, phone: `1375${String(i).padStart(7, '0')}`, organizationId: police.id })) });
    const many = await db.user.findMany({ where: { phone: { startsWith: '1375' } }, select: { id: true }, orderBy: { id: 'asc' } });
    await db.roleGrant.createMany({ data: many.map((u) => ({ userId: u.id, role: 'cadre' as const })) });
    const userIds = many.map((u) => u.id);
    const counted = await countOf(app, f.organiser, { organizationIds: [f.eastId], keyMinorityOnly: true, userIds });
    assert.is(counted.status, 200, JSON.stringify(counted.body));
    assert.equal([counted.body.data.total, counted.body.data.namedOnly], [1202, 1200]);
    const exam = await createExam(app, f.organiser, { title: '大规模补考', blueprintId, audience: { userIds } });
    const monitor = await app.call('GET', `/api/exams/${exam.id}/monitor`, { token: f.organiser });
    assert.is(monitor.status, 200, JSON.stringify(monitor.body));
    assert.is(monitor.body.data.totals.audience, 1200);
    const results = await app.call('GET', `/api/exams/${exam.id}/results`, { token: f.organiser });
    assert.equal([results.status, results.body.data?.totals.absent], [200, 1200]);
    const searched = await app.call('GET', `/api/users?examId=${exam.id}&page=2&pageSize=20`, { token: f.organiser });
    assert.is(searched.status, 200, JSON.stringify(searched.body));
    assert.equal([searched.body.pagination.total, searched.body.data.map((u: { id: number }) => u.id)], [1200, userIds.slice(20, 40)], 'the audience searched page by page');
    const later = app.clock.now().getTime() + 86_400_000;
    const makeUp = await app.call('POST', `/api/exams/${exam.id}/make-up`, { token: f.organiser, body: { opensAt: new Date(later).toISOString(), closesAt: new Date(later + 3_600_000).toISOString() } });
    assert.equal([makeUp.status, makeUp.body.data?.audience.userIds.length], [201, 1200], 'everyone was absent');
  });

  test.run();
}
