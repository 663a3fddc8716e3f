import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';

type Context = { app: TestApp; admin: string; east: string; eastUnitId: number };

for (const dialect of testDialects()) {
  const users = suite<Context>(`/api/users [${dialect}]`, {} as Context);
  users.before(async (context) => {
    context.app = await startTestApp(dialect);
    context.admin = await context.app.tokenFor({ username: 'admin' });
    context.east = await context.app.tokenFor({ username: 'organiser-east' });
    context.eastUnitId = (await context.app.running.deps.db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E-ZF' } })).id;
  });
  users.after(async ({ app }) => app.close());

  users('an organiser registers a 关键少数 cadre and finds them by filters', async ({ app, east, eastUnitId }) => {
    const created = await app.call('POST', '/api/users', { token: east, body: { name: '何书记', phone: '13700001111', position: '县委常委', isKeyMinority: true, organizationId: eastUnitId } });
    assert.is(created.status, 201);
    assert.equal(created.body.data.roles, [{ role: 'cadre', scopeOrganizationId: null }]);
    assert.is(created.body.data.wechatBound, false);
    const keyMinority = await app.call('GET', '/api/users?isKeyMinority=true&pageSize=100', { token: east });
    assert.ok(keyMinority.body.data.every((u: { isKeyMinority: boolean }) => u.isKeyMinority));
    assert.ok(keyMinority.body.data.some((u: { name: string }) => u.name === '何书记'));
    const organisers = await app.call('GET', '/api/users?role=organiser', { token: east });
    assert.equal(organisers.body.data.map((u: { name: string }) => u.name), ['吴组织']);
  });

  users('editing records what changed; moving someone out of scope is refused', async ({ app, east, admin }) => {
    const person = (await app.call('GET', '/api/users?q=13900000012', { token: east })).body.data[0];
    const updated = await app.call('PATCH', `/api/users/${person.id}`, { token: east, body: { rank: '一级调研员', position: '县公安局局长' } });
    assert.is(updated.status, 200);
    assert.is(updated.body.data.rank, '一级调研员');
    const audit = await app.call('GET', `/api/audit-logs?subjectType=user&subjectId=${person.id}&action=user.update`, { token: east });
    assert.equal(audit.body.data[0].details, { changed: ['rank'] });
    const westUnit = await app.running.deps.db.organization.findUniqueOrThrow({ where: { code: 'DEMO-W-ZR' } });
    const move = await app.call('PATCH', `/api/users/${person.id}`, { token: east, body: { organizationId: westUnit.id } });
    assert.is(move.status, 404);
    const moved = await app.call('PATCH', `/api/users/${person.id}`, { token: admin, body: { organizationId: westUnit.id } });
    assert.is(moved.body.data.organization.code, 'DEMO-W-ZR');
    assert.is((await app.call('GET', `/api/users/${person.id}`, { token: east })).status, 404, 'now outside 东城县');
  });

  users('an empty edit and a bad phone are refused with the field named', async ({ app, east }) => {
    const person = (await app.call('GET', '/api/users?q=13900000013', { token: east })).body.data[0];
    assert.is((await app.call('PATCH', `/api/users/${person.id}`, { token: east, body: {} })).status, 400);
    const phone = await app.call('PATCH', `/api/users/${person.id}`, { token: east, body: { phone: '12345' } });
    assert.is(phone.body.error.details[0].path, 'body.phone');
    assert.match(phone.body.error.details[0].message, /手机号/);
  });

  users('a new invitation code replaces the previous one', async ({ app, east }) => {
    const person = (await app.call('GET', '/api/users?q=何书记', { token: east })).body.data[0];
    const first = (await app.call('POST', `/api/users/${person.id}/invitations`, { token: east })).body.data.code;
    const second = (await app.call('POST', `/api/users/${person.id}/invitations`, { token: east })).body.data.code;
    assert.match(second, /^[2-9A-HJ-NP-Z]{8}$/);
    app.wechat.register('code-he', 'openid-he');
    const ticket = (await app.call('POST', '/api/auth/wechat/login', { body: { code: 'code-he' } })).body.data.bindTicket;
    assert.is((await app.call('POST', '/api/auth/wechat/bind', { body: { bindTicket: ticket, invitationCode: first } })).body.error.code, 'invitation_invalid');
    assert.is((await app.call('POST', '/api/auth/wechat/bind', { body: { bindTicket: ticket, invitationCode: second } })).status, 200);
    const again = await app.call('POST', `/api/users/${person.id}/invitations`, { token: east });
    assert.is(again.status, 409, 'no invitation for someone already bound');
  });

  users.run();
}
