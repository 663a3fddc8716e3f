import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';

type Context = { app: TestApp; admin: string; east: string };

for (const dialect of testDialects()) {
  const organizations = suite<Context>(`/api/organizations [${dialect}]`, {} as Context);
  organizations.before(async (context) => {
    context.app = await startTestApp(dialect);
    context.admin = await context.app.tokenFor({ username: 'admin' });
    context.east = await context.app.tokenFor({ username: 'organiser-east' });
  });
  organizations.after(async ({ app }) => app.close());

  organizations('an organiser adds a unit under their county; it joins their subtree', async ({ app, east }) => {
    const county = (await app.call('GET', '/api/organizations?level=county', { token: east })).body.data;
    assert.equal(county.map((o: { code: string }) => o.code), ['DEMO-E']);
    const created = await app.call('POST', '/api/organizations', { token: east, body: { code: 'DEMO-E-JY', name: '东城县教育局', level: 'unit', parentId: county[0].id } });
    assert.is(created.status, 201);
    assert.is(created.body.data.parentId, county[0].id);
    const children = await app.call('GET', `/api/organizations?parentId=${county[0].id}`, { token: east });
    assert.ok(children.body.data.some((o: { code: string }) => o.code === 'DEMO-E-JY'));
    const row = await app.running.deps.db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E-JY' }, include: { parent: true } });
    assert.is(row.path, `${row.parent!.path}${row.id}/`);
    const audit = await app.call('GET', `/api/audit-logs?subjectType=organization&subjectId=${row.id}`, { token: east });
    assert.is(audit.body.data[0].action, 'organization.create');
    assert.ok(audit.body.data[0].requestId, 'the audit entry records the request');
    assert.ok(audit.body.data[0].ip, 'and where it came from');
  });

  organizations('a child must sit below its parent, and codes are unique', async ({ app, admin }) => {
    const unit = (await app.call('GET', '/api/organizations?q=DEMO-E-GA', { token: admin })).body.data[0];
    const tooHigh = await app.call('POST', '/api/organizations', { token: admin, body: { code: 'BAD-1', name: '错误层级', level: 'county', parentId: unit.id } });
    assert.is(tooHigh.status, 400);
    assert.is(tooHigh.body.error.details[0].path, 'body.level');
    const duplicate = await app.call('POST', '/api/organizations', { token: admin, body: { code: 'DEMO-E-GA', name: '重复代码', level: 'unit', parentId: unit.parentId } });
    assert.is(duplicate.status, 409);
  });

  organizations('only an admin creates a root organisation', async ({ app, admin, east }) => {
    assert.is((await app.call('POST', '/api/organizations', { token: east, body: { code: 'ROOT-2', name: '另一省', level: 'province' } })).status, 403);
    assert.is((await app.call('POST', '/api/organizations', { token: admin, body: { code: 'ROOT-2', name: '另一省', level: 'province' } })).status, 201);
  });

  organizations.run();
}
