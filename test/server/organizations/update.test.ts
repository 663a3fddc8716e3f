// PATCH /api/organizations/:id: renaming and recoding within scope (audited), another county's
// unit a 404, the scope's own root edited only from above, a move never under the unit itself or
// its descendants, levels kept in order, and a moved subtree's paths (and its staff's sessions) following.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';

type Context = { app: TestApp; admin: string; east: string; west: string; bureau: string };

for (const dialect of testDialects()) {
  const update = suite<Context>(`PATCH /api/organizations/:id [${dialect}]`, {} as Context);
  update.before(async (context) => {
    context.app = await startTestApp(dialect);
    context.admin = await context.app.tokenFor({ username: 'admin' });
    context.east = await context.app.tokenFor({ username: 'organiser-east' });
    context.west = await context.app.tokenFor({ username: 'organiser-west' });
    context.bureau = await context.app.tokenFor({ username: 'bureau' });
  });
  update.after(async ({ app }) => app.close());

  const org = (app: TestApp, code: string) => app.running.deps.db.organization.findUniqueOrThrow({ where: { code } });

  update('an organiser renames and recodes a unit of their county; the change is audited', async ({ app, east }) => {
    const police = await org(app, 'DEMO-E-GA');
    const edited = await app.call('PATCH', `/api/organizations/${police.id}`, { token: east, body: { name: '东城县公安分局', code: 'DEMO-E-GAJ' } });
    assert.is(edited.status, 200, JSON.stringify(edited.body));
    assert.equal(edited.body.data, { id: police.id, code: 'DEMO-E-GAJ', name: '东城县公安分局', level: 'unit', parentId: police.parentId });
    const read = await app.call('GET', `/api/organizations/${police.id}`, { token: east });
    assert.is(read.body.data.name, '东城县公安分局');
    const row = await app.running.deps.db.organization.findUniqueOrThrow({ where: { id: police.id } });
    assert.is(row.path, police.path, 'a rename does not move the unit');
    const audit = await app.call('GET', `/api/audit-logs?subjectType=organization&subjectId=${police.id}&action=organization.update`, { token: east });
    assert.equal(audit.body.data[0].details, { changed: ['code', 'name'] });
    const back = await app.call('PATCH', `/api/organizations/${police.id}`, { token: east, body: { name: '东城县公安局', code: 'DEMO-E-GA' } });
    assert.is(back.status, 200);
  });

  update('西山县\'s organiser gets 404 for a 东城县 unit, and nothing changes', async ({ app, west }) => {
    const police = await org(app, 'DEMO-E-GA');
    const response = await app.call('PATCH', `/api/organizations/${police.id}`, { token: west, body: { name: '被越权改名' } });
    assert.is(response.status, 404);
    assert.is(response.body.error.code, 'not_found');
    assert.equal(response.body, (await app.call('PATCH', '/api/organizations/999999', { token: west, body: { name: '不存在的单位' } })).body, 'foreign looks like missing');
    assert.is((await org(app, 'DEMO-E-GA')).name, '东城县公安局');
    const westUnit = await org(app, 'DEMO-W-ZR');
    const intoEast = await app.call('PATCH', `/api/organizations/${westUnit.id}`, { token: west, body: { parentId: (await org(app, 'DEMO-E')).id } });
    assert.is(intoEast.status, 404, 'nor may a unit be moved under another county');
    assert.is((await org(app, 'DEMO-W-ZR')).parentId, westUnit.parentId);
  });

  update('the root of an organiser\'s scope is edited from above; reviewers edit nothing', async ({ app, east, bureau, admin }) => {
    const county = await org(app, 'DEMO-E');
    const own = await app.call('PATCH', `/api/organizations/${county.id}`, { token: east, body: { name: '东城区' } });
    assert.is(own.status, 403);
    assert.match(own.body.error.message, /最上级单位/);
    assert.is((await app.call('PATCH', `/api/organizations/${county.id}`, { token: bureau, body: { name: '东城区' } })).status, 403);
    assert.is((await org(app, 'DEMO-E')).name, '东城县');
    const byAdmin = await app.call('PATCH', `/api/organizations/${county.id}`, { token: admin, body: { name: '东城区' } });
    assert.is(byAdmin.body.data.name, '东城区');
    await app.call('PATCH', `/api/organizations/${county.id}`, { token: admin, body: { name: '东城县' } });
  });

  update('a unit never moves under itself or one of its descendants', async ({ app, east, admin }) => {
    const police = await org(app, 'DEMO-E-GA');
    const self = await app.call('PATCH', `/api/organizations/${police.id}`, { token: east, body: { parentId: police.id } });
    assert.is(self.status, 400);
    assert.is(self.body.error.message, '不能把单位移到它自己或它的下级单位之下');
    assert.is(self.body.error.details[0].path, 'body.parentId');
    const county = await org(app, 'DEMO-E');
    const underChild = await app.call('PATCH', `/api/organizations/${county.id}`, { token: admin, body: { parentId: police.id } });
    assert.is(underChild.status, 400);
    assert.is(underChild.body.error.message, '不能把单位移到它自己或它的下级单位之下');
    assert.is((await org(app, 'DEMO-E')).path, county.path);
  });

  update('levels stay in order and codes unique', async ({ app, east, admin }) => {
    const police = await org(app, 'DEMO-E-GA');
    const underUnit = await app.call('PATCH', `/api/organizations/${police.id}`, { token: east, body: { parentId: (await org(app, 'DEMO-E-ZF')).id } });
    assert.is(underUnit.status, 400);
    assert.is(underUnit.body.error.details[0].path, 'body.parentId');
    const aboveChildren = await app.call('PATCH', `/api/organizations/${(await org(app, 'DEMO-E')).id}`, { token: admin, body: { level: 'unit' } });
    assert.is(aboveChildren.status, 400);
    assert.match(aboveChildren.body.error.message, /高于它的下级单位/);
    const duplicate = await app.call('PATCH', `/api/organizations/${police.id}`, { token: east, body: { code: 'DEMO-E-ZF' } });
    assert.is(duplicate.status, 409);
    assert.match(duplicate.body.error.message, /DEMO-E-ZF 已存在/);
    assert.is((await app.call('PATCH', `/api/organizations/${police.id}`, { token: east, body: {} })).status, 400);
  });

  update('a county moved to another city carries its units, and its organiser keeps working at once', async ({ app, admin, east, bureau }) => {
    const eastUnits = async () => (await app.call('GET', '/api/organizations?pageSize=100', { token: east })).body.data.map((o: { code: string }) => o.code).sort();
    const before = await eastUnits();
    assert.equal(before, ['DEMO-E', 'DEMO-E-GA', 'DEMO-E-SFJ', 'DEMO-E-ZF']);
    const province = await org(app, 'DEMO-P');
    const city = (await app.call('POST', '/api/organizations', { token: admin, body: { code: 'DEMO-C2', name: '第二示范市', level: 'city', parentId: province.id } })).body.data;
    const county = await org(app, 'DEMO-E');
    const moved = await app.call('PATCH', `/api/organizations/${county.id}`, { token: admin, body: { parentId: city.id } });
    assert.is(moved.status, 200, JSON.stringify(moved.body));
    assert.is(moved.body.data.parentId, city.id);
    const cityPath = (await org(app, 'DEMO-C2')).path;
    assert.is((await org(app, 'DEMO-E')).path, `${cityPath}${county.id}/`);
    const police = await org(app, 'DEMO-E-GA');
    assert.is(police.path, `${cityPath}${county.id}/${police.id}/`, 'descendants follow');
    assert.equal(await eastUnits(), before, 'the organiser\'s cached session follows the move');
    const cityWide = (await app.call('GET', '/api/organizations?pageSize=100', { token: bureau })).body.data.map((o: { code: string }) => o.code);
    assert.not.ok(cityWide.includes('DEMO-E-GA'), '示范市\'s reviewer no longer sees the moved county');
    const audit = await app.call('GET', `/api/audit-logs?subjectType=organization&subjectId=${county.id}&action=organization.update`, { token: admin });
    assert.equal(audit.body.data[0].details, { changed: ['parentId'], fromParentId: county.parentId, toParentId: city.id });
  });

  update.run();
}
