// Editing a campaign over HTTP (PUT /api/campaigns/:id), and the rule for tasks already
// generated: the period under way takes the new terms, done tasks and ended periods keep theirs;
// a new recurrence ends the period under way at its next firing without opening an overlapping
// one; people taken out lose only unfinished tasks; a 述法 report of an ended period is scored
// against the rubric its task was held to. Also scope, strict validation, and the unit id
// on each person of the completion (two units of the same name stay apart).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ensureCampaignTasks } from '../../../server/src/campaigns/generate.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';
import { studier } from '../study/support.ts';

const MONTHLY = '0 0 1 * *';
const QUARTERLY = '0 0 1 1,4,7,10 *';
type Requirement = { id: number; kind: string; title: string; params: Record<string, unknown>; recurrence: string | null; dueAt: string | null };
type Campaign = { id: number; name: string; period: string; startsAt: string; endsAt: string; audience: { organizationIds: number[]; userIds: number[]; keyMinorityOnly: boolean }; requirements: Requirement[] };
type Task = { id: number; periodKey: string; state: string; dueAt: string; progress: { done: number; required: number }; requirement: { id: number; kind: string } };
type Context = { app: TestApp; organiser: string; wang: string; li: string; ids: Record<string, number>; campaign: Campaign };
const at = (iso: string) => new Date(iso);

/** The campaign as the editor sends it back: the detail with nulls left out. */
function editable(campaign: Campaign) {
  return {
    name: campaign.name, period: campaign.period, startsAt: campaign.startsAt, endsAt: campaign.endsAt, audience: campaign.audience,
    requirements: campaign.requirements.map((r) => ({ id: r.id, kind: r.kind, title: r.title, params: r.params, ...(r.recurrence ? { recurrence: r.recurrence } : { dueAt: r.dueAt! }) })),
  };
}

for (const dialect of testDialects()) {
  const test = suite<Context>(`campaign edits [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'statutes', PRESENCE_CHECK_RATE: '0', ACCESS_TOKEN_TTL_HOURS: '2160' });
    context.app.clock.set(at('2027-01-15T02:00:00Z'));
    const db = context.app.running.deps.db;
    context.ids = Object.fromEntries((await db.organization.findMany({ where: { code: { startsWith: 'DEMO-E' } } })).map((o) => [o.code, o.id]));
    context.organiser = await context.app.tokenFor({ username: 'organiser-east' });
    context.wang = await context.app.tokenFor({ phone: '13900000011' });
    context.li = await context.app.tokenFor({ phone: '13900000012' });
    const created = await context.app.call('POST', '/api/campaigns', { token: context.organiser, body: {
      organizationId: context.ids['DEMO-E'], name: '2027 年度学法', period: '2027 年度', startsAt: '2026-12-31T16:00:00Z', endsAt: '2027-12-31T16:00:00Z',
      audience: { organizationIds: [context.ids['DEMO-E-ZF'], context.ids['DEMO-E-GA']], keyMinorityOnly: true },
      requirements: [
        { kind: 'study', title: '每月学法', params: { minutes: 30 }, recurrence: MONTHLY },
        { kind: 'lecture', title: '季度讲法', params: { count: 1 }, recurrence: QUARTERLY },
        { kind: 'lecture', title: '年度讲法', params: { count: 1 }, dueAt: '2027-06-30T16:00:00Z' },
      ],
    } });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    context.campaign = created.body.data;
  });
  test.after(async ({ app }) => app.close());

  const tasksOf = async (c: Context, token: string): Promise<Task[]> => (await c.app.call('GET', '/api/my/tasks?pageSize=50', { token })).body.data;
  /** Requirement ids by title. */
  let titles: Record<string, number> = {};
  const find = (tasks: Task[], title: string, periodKey: string) => tasks.find((t) => t.requirement.id === titles[title] && t.periodKey === periodKey);
  const studyFor = async (c: Context, token: string, minutes: number) => {
    const s = studier(c.app, token);
    await s.open();
    for (let i = 0; i <= minutes * 2; i++) await s.beat();
    await s.end();
  };
  const put = (c: Context, body: unknown, token = c.organiser) => c.app.call('PUT', `/api/campaigns/${c.campaign.id}`, { token, body });

  test('new params reach unfinished tasks under way; done tasks and ended periods keep theirs; new dates move the period under way', async (c) => {
    titles = Object.fromEntries(c.campaign.requirements.map((r) => [r.title, r.id]));
    await studyFor(c, c.wang, 30);
    c.app.clock.set(at('2027-02-10T02:00:00Z'));
    await ensureCampaignTasks(c.app.running.deps.db, c.app.clock.now());
    await studyFor(c, c.wang, 30);
    assert.is(find(await tasksOf(c, c.wang), '每月学法', '2027-02-01')!.state, 'done');

    const body = editable(c.campaign);
    body.name = '2027 年度学法（修订）';
    body.requirements[0]!.params = { minutes: 45 };
    body.requirements[1] = { ...body.requirements[1]!, recurrence: MONTHLY };
    body.requirements[2] = { ...body.requirements[2]!, dueAt: '2027-05-31T16:00:00Z' };
    const saved = await put(c, body);
    assert.is(saved.status, 200, JSON.stringify(saved.body));
    assert.is(saved.body.data.name, '2027 年度学法（修订）');
    assert.equal(saved.body.data.requirements.map((r: Requirement) => [r.id, r.params, r.recurrence, r.dueAt]), [
      [titles['每月学法'], { minutes: 45 }, MONTHLY, null], [titles['季度讲法'], { count: 1 }, MONTHLY, null], [titles['年度讲法'], { count: 1 }, null, '2027-05-31T16:00:00.000Z'],
    ]);
    c.campaign = saved.body.data;

    const wang = await tasksOf(c, c.wang);
    assert.equal([find(wang, '每月学法', '2027-01-01')!.state, find(wang, '每月学法', '2027-01-01')!.progress.required], ['done', 30], 'an ended period keeps its terms');
    assert.equal([find(wang, '每月学法', '2027-02-01')!.state, find(wang, '每月学法', '2027-02-01')!.progress.required], ['done', 30], 'a done task is not taken away');
    const li = await tasksOf(c, c.li);
    assert.equal([find(li, '每月学法', '2027-01-01')!.state, find(li, '每月学法', '2027-01-01')!.progress.required], ['overdue', 30], 'an ended period is not rewritten');
    assert.equal([find(li, '每月学法', '2027-02-01')!.state, find(li, '每月学法', '2027-02-01')!.progress.required], ['not_started', 45], 'the period under way takes the new minutes');
    assert.is(find(li, '年度讲法', 'once')!.dueAt, '2027-05-31T16:00:00.000Z', 'a one-off\'s new due date');
    assert.is(find(li, '季度讲法', '2027-01-01')!.dueAt, '2027-02-28T16:00:00.000Z', 'the quarter under way ends at the new recurrence\'s next firing');
    assert.equal(li.filter((t) => t.requirement.id === titles['季度讲法']).map((t) => t.periodKey), ['2027-01-01'], 'no overlapping period is opened');
    const audit = await c.app.running.deps.db.auditLog.count({ where: { action: 'campaign.update', subjectId: String(c.campaign.id) } });
    assert.is(audit, 1);
  });

  test('after the period under way ends, the new recurrence\'s own periods follow', async (c) => {
    const db = c.app.running.deps.db;
    assert.is((await ensureCampaignTasks(db, at('2027-02-20T02:00:00Z'))).length, 0, 'the period under way stays the period');
    c.app.clock.set(at('2027-02-28T16:30:00Z'));
    const created = await ensureCampaignTasks(db, c.app.clock.now());
    const march = await db.taskInstance.findMany({ where: { id: { in: created.map((t) => t.id) } } });
    assert.equal([...new Set(march.map((t) => `${t.requirementId}:${t.periodKey}`))].sort(), [`${titles['季度讲法']}:2027-03-01`, `${titles['每月学法']}:2027-03-01`].sort());
    assert.ok(march.every((t) => t.dueAt.toISOString() === '2027-03-31T16:00:00.000Z'));
  });

  test('people taken out lose only their unfinished tasks under way (done ones stay); people added get them at once', async (c) => {
    const db = c.app.running.deps.db;
    const li = await db.user.findUniqueOrThrow({ where: { phone: '13900000012' } });
    const zhao = await db.user.findUniqueOrThrow({ where: { phone: '13900000013' } });
    await studyFor(c, c.li, 45);
    const before = await db.taskInstance.findMany({ where: { userId: li.id } });
    const doneMarch = before.find((t) => t.requirementId === titles['每月学法'] && t.periodKey === '2027-03-01')!;
    assert.is(find(await tasksOf(c, c.li), '每月学法', '2027-03-01')!.state, 'done');
    const body = editable(c.campaign);
    body.audience = { organizationIds: [c.ids['DEMO-E-ZF']!], userIds: [zhao.id], keyMinorityOnly: true };
    const saved = await put(c, body);
    assert.is(saved.status, 200, JSON.stringify(saved.body));
    c.campaign = saved.body.data;
    const after = await db.taskInstance.findMany({ where: { userId: li.id } });
    const now = c.app.clock.now();
    assert.equal(after.map((t) => t.id), before.filter((t) => t.dueAt <= now || t.id === doneMarch.id).map((t) => t.id), 'ended periods and the done task stay in 李卫东\'s record');
    assert.ok(before.some((t) => t.dueAt > now), 'there were tasks under way to take away');
    const zhaos = await db.taskInstance.findMany({ where: { userId: zhao.id } });
    assert.equal(zhaos.map((t) => t.periodKey).sort(), ['2027-03-01', '2027-03-01', 'once']);
  });

  test('completion rows carry the person\'s unit id, and two units of one name stay apart', async (c) => {
    const db = c.app.running.deps.db;
    const units: Array<{ unitId: number; userId: number }> = [];
    for (const parent of ['DEMO-E-ZF', 'DEMO-E-SFJ']) {
      const unit = await db.organization.create({ data: { code: `${parent}-ZHK`, name: '综合科', level: 'unit', parentId: c.ids[parent]!, path: '' } });
      const parentPath = (await db.organization.findUniqueOrThrow({ where: { id: c.ids[parent]! } })).path;
      await db.organization.update({ where: { id: unit.id }, data: { path: `${parentPath}${unit.id}/` } });
      const person = await db.user.create({ data: { name: `${parent}综合科科长`, phone: `1390000009${units.length}`, isKeyMinority: true, organizationId: unit.id, roles: { create: { role: 'cadre' } } } });
      units.push({ unitId: unit.id, userId: person.id });
    }
    const body = editable(c.campaign);
    body.audience = { ...body.audience, organizationIds: [c.ids['DEMO-E-ZF']!, c.ids['DEMO-E-SFJ']!] };
    assert.is((await put(c, body)).status, 200);
    const studyOf = async (query: string) => (await c.app.call('GET', `/api/campaigns/${c.campaign.id}/completion${query}`, { token: c.organiser })).body.data.requirements
      .find((r: { id: number }) => r.id === titles['每月学法']);
    const whole = await studyOf('');
    assert.equal(whole.byOrganization.filter((o: { organizationName: string }) => o.organizationName === '综合科').map((o: { organizationId: number; people: number }) => [o.organizationId, o.people]).sort(),
      units.map(({ unitId }) => [unitId, 1]).sort(), 'two rows of one name, one per unit');
    for (const { unitId, userId } of units) {
      const study = await studyOf(`?organizationId=${unitId}`);
      assert.equal(study.people.map((p: { userId: number; organizationId: number; organizationName: string }) => [p.userId, p.organizationId, p.organizationName]), [[userId, unitId, '综合科']]);
    }
    const zf = await studyOf(`?organizationId=${c.ids['DEMO-E-ZF']}`);
    const owners = await db.user.findMany({ where: { id: { in: zf.people.map((p: { userId: number }) => p.userId) } }, select: { id: true, organizationId: true } });
    assert.ok(zf.people.length);
    for (const row of zf.people) assert.is(row.organizationId, owners.find((u) => u.id === row.userId)!.organizationId, row.name);
  });

  test('述法 of an ended period is scored against the rubric its task was held to; the period under way against the new one', async (c) => {
    const OLD = [{ name: '学法用法', maxScore: 40 }, { name: '依法决策', maxScore: 60 }];
    const NEW = [{ name: '学法用法', maxScore: 30 }, { name: '依法决策', maxScore: 30 }, { name: '推进法治建设', maxScore: 40 }];
    const created = await c.app.call('POST', '/api/campaigns', { token: c.organiser, body: {
      organizationId: c.ids['DEMO-E'], name: '2027 年度述法', period: '2027 年度', startsAt: '2027-02-28T16:00:00Z', endsAt: '2027-12-31T16:00:00Z',
      audience: { organizationIds: [c.ids['DEMO-E-ZF']], keyMinorityOnly: true },
      requirements: [{ kind: 'report', title: '每月述法', params: { rubric: OLD }, recurrence: MONTHLY }],
    } });
    assert.is(created.status, 201, JSON.stringify(created.body));
    const campaign: Campaign = created.body.data;
    const requirementId = campaign.requirements[0]!.id;
    const submit = async (periodKey: string) => {
      const task = (await tasksOf(c, c.wang)).find((t) => t.requirement.id === requirementId && t.periodKey === periodKey)!;
      const report = await c.app.call('PUT', '/api/law-reports', { token: c.wang, body: { taskId: task.id, content: '本人认真履行推进法治建设第一责任人职责，'.repeat(5) } });
      assert.is(report.status, 200, JSON.stringify(report.body));
      return report.body.data.id as number;
    };
    const march = await submit('2027-03-01');
    c.app.clock.set(at('2027-03-31T16:30:00Z'));
    await ensureCampaignTasks(c.app.running.deps.db, c.app.clock.now());
    const april = await submit('2027-04-01');
    const edited = editable(campaign);
    edited.requirements[0]!.params = { rubric: NEW };
    assert.is((await c.app.call('PUT', `/api/campaigns/${campaign.id}`, { token: c.organiser, body: edited })).status, 200);

    const rubricOf = async (id: number) => (await c.app.call('GET', `/api/law-reports/${id}`, { token: c.organiser })).body.data.rubric;
    assert.equal(await rubricOf(march), OLD, 'the ended period shows the rubric it was held to');
    assert.equal(await rubricOf(april), NEW, 'the period under way shows the new rubric');
    const score = (id: number, scores: Record<string, number>) => c.app.call('POST', `/api/law-reports/${id}/review`, { token: c.organiser, body: { decision: 'score', scores } });
    const paths = (response: { body: { error: { details: Array<{ path: string }> } } }) => response.body.error.details.map((d) => d.path).sort();

    const marchUnderNew = await score(march, { 学法用法: 30, 依法决策: 65, 推进法治建设: 40 });
    assert.equal([marchUnderNew.status, paths(marchUnderNew)], [400, ['body.scores.依法决策', 'body.scores.推进法治建设']], 'new items are unknown and the old maxima hold');
    assert.ok(marchUnderNew.body.error.details.some((d: { message: string }) => d.message === '“依法决策”应评 0–60 分'), JSON.stringify(marchUnderNew.body));
    const marchScored = await score(march, { 学法用法: 40, 依法决策: 55 });
    assert.equal([marchScored.status, marchScored.body.data.status, marchScored.body.data.totalScore, marchScored.body.data.rubric], [200, 'scored', 95, OLD]);

    const aprilUnderOld = await score(april, { 学法用法: 40, 依法决策: 55 });
    assert.equal([aprilUnderOld.status, paths(aprilUnderOld)], [400, ['body.scores.依法决策', 'body.scores.学法用法', 'body.scores.推进法治建设']]);
    const aprilScored = await score(april, { 学法用法: 30, 依法决策: 25, 推进法治建设: 40 });
    assert.equal([aprilScored.status, aprilScored.body.data.totalScore, aprilScored.body.data.rubric], [200, 95, NEW]);
    const listed = (await c.app.call('GET', '/api/law-reports?pageSize=100', { token: c.organiser })).body.data;
    assert.equal([march, april].map((id) => listed.find((r: { id: number }) => r.id === id).rubric), [OLD, NEW], 'the list shows each report\'s own rubric');
  });

  test('bad input is a 400 that changes nothing: unknown keys, started requirements removed or switched, foreign ids', async (c) => {
    const body = editable(c.campaign);
    const cases: Array<[string, unknown, string]> = [
      ['unknown top-level key', { ...body, organizationId: c.ids['DEMO-E'] }, 'body'],
      ['unknown audience key', { ...body, audience: { ...body.audience, everyone: true } }, 'body.audience'],
      ['unknown requirement key', { ...body, requirements: [{ ...body.requirements[0]!, extra: 1 }, ...body.requirements.slice(1)] }, 'body.requirements.0'],
      ['bad recurrence', { ...body, requirements: [{ ...body.requirements[0]!, recurrence: '0 0 32 * *' }, ...body.requirements.slice(1)] }, 'body.requirements.0.recurrence'],
      ['unknown params key', { ...body, requirements: [{ ...body.requirements[0]!, params: { minutes: 30, hours: 1 } }, ...body.requirements.slice(1)] }, 'body.requirements.0.params'],
      ['started requirement removed', { ...body, requirements: body.requirements.slice(1) }, 'body.requirements'],
      ['one-off switched to recurring', { ...body, requirements: [...body.requirements.slice(0, 2), { ...body.requirements[2]!, dueAt: undefined, recurrence: MONTHLY }] }, 'body.requirements.2.recurrence'],
      ['kind changed', { ...body, requirements: [{ ...body.requirements[0]!, kind: 'meeting', params: { count: 1 } }, ...body.requirements.slice(1)] }, 'body.requirements.0.kind'],
      ['another campaign\'s requirement', { ...body, requirements: [...body.requirements, { ...body.requirements[0]!, id: 999_999 }] }, 'body.requirements.3.id'],
      ['audience outside the subtree', { ...body, audience: { ...body.audience, organizationIds: [(await c.app.running.deps.db.organization.findUniqueOrThrow({ where: { code: 'DEMO-W' } })).id] } }, 'body.audience.organizationIds'],
      ['end before start', { ...body, endsAt: '2026-01-01T00:00:00Z' }, 'body.endsAt'],
    ];
    const before = await c.app.call('GET', `/api/campaigns/${c.campaign.id}`, { token: c.organiser });
    for (const [name, bad, path] of cases) {
      const response = await put(c, bad);
      assert.is(response.status, 400, name);
      const paths = response.body.error.details.map((d: { path: string }) => d.path);
      assert.ok(paths.some((p: string) => p === path || p.startsWith(`${path}.`)), `${name}: ${JSON.stringify(paths)}`);
    }
    assert.equal((await c.app.call('GET', `/api/campaigns/${c.campaign.id}`, { token: c.organiser })).body.data, before.body.data, 'nothing saved');
  });

  test('an organiser of 西山县 gets 404, a reviewer 403, and the campaign stays as it was', async (c) => {
    const body = { ...editable(c.campaign), name: '被改掉的名称' };
    assert.is((await put(c, body, await c.app.tokenFor({ username: 'organiser-west' }))).status, 404);
    assert.is((await put(c, body, await c.app.tokenFor({ username: 'bureau' }))).status, 403);
    assert.is((await c.app.call('PUT', '/api/campaigns/999999', { token: c.organiser, body })).status, 404);
    assert.is((await c.app.call('GET', `/api/campaigns/${c.campaign.id}`, { token: c.organiser })).body.data.name, '2027 年度学法（修订）');
  });

  test.run();
}
