// GET /api/users?wechatBound=yes|no: exactly the people in scope who have (or have not) bound
// WeChat, judged against the database, and never someone of another county.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';

type Context = { app: TestApp; east: string };

/** Binds a person's WeChat the way a cadre does: an invitation code, then the mini-program's login and bind. */
async function bindWechat(app: TestApp, organiserToken: string, phone: string): Promise<void> {
  const person = (await app.call('GET', `/api/users?q=${phone}`, { token: organiserToken })).body.data[0];
  const code = (await app.call('POST', `/api/users/${person.id}/invitations`, { token: organiserToken })).body.data.code;
  app.wechat.register(`code-${phone}`, `openid-${phone}`);
  const ticket = (await app.call('POST', '/api/auth/wechat/login', { body: { code: `code-${phone}` } })).body.data.bindTicket;
  const bound = await app.call('POST', '/api/auth/wechat/bind', { body: { bindTicket: ticket, invitationCode: code } });
  assert.is(bound.status, 200, JSON.stringify(bound.body));
}

const names = (body: { data: Array<{ name: string }> }) => body.data.map((u) => u.name).sort();

for (const dialect of testDialects()) {
  const filter = suite<Context>(`/api/users?wechatBound [${dialect}]`, {} as Context);
  filter.before(async (context) => {
    context.app = await startTestApp(dialect);
    context.east = await context.app.tokenFor({ username: 'organiser-east' });
    await bindWechat(context.app, context.east, '13900000011'); // 王建国, 东城县
    await bindWechat(context.app, await context.app.tokenFor({ username: 'organiser-west' }), '13900000021'); // 孙丽华, 西山县
  });
  filter.after(async ({ app }) => app.close());

  filter('yes lists exactly the bound people of the caller\'s county', async ({ app, east }) => {
    const bound = await app.call('GET', '/api/users?wechatBound=yes&pageSize=100', { token: east });
    assert.is(bound.status, 200);
    assert.equal(names(bound.body), ['王建国'], '孙丽华 of 西山县 is bound too but out of scope');
    assert.ok(bound.body.data.every((u: { wechatBound: boolean }) => u.wechatBound));
    assert.is(bound.body.pagination.total, 1);
  });

  filter('no lists exactly the others, and combines with the other filters', async ({ app, east }) => {
    const unbound = await app.call('GET', '/api/users?wechatBound=no&pageSize=100', { token: east });
    const expected = await app.running.deps.db.user.findMany({ where: { wechat: null, organization: { code: { startsWith: 'DEMO-E' } } }, select: { name: true } });
    assert.equal(names(unbound.body), expected.map((u) => u.name).sort());
    assert.ok(names(unbound.body).includes('李卫东'));
    assert.not.ok(names(unbound.body).includes('王建国'));
    const keyMinority = await app.call('GET', '/api/users?wechatBound=no&isKeyMinority=true&pageSize=100', { token: east });
    assert.equal(names(keyMinority.body), ['李卫东']);
    const everyone = await app.call('GET', '/api/users?pageSize=100', { token: east });
    assert.is(everyone.body.pagination.total, unbound.body.pagination.total + 1);
  });

  filter('another value is refused', async ({ app, east }) => {
    const response = await app.call('GET', '/api/users?wechatBound=maybe', { token: east });
    assert.is(response.status, 400);
    assert.is(response.body.error.details[0].path, 'query.wechatBound');
  });

  filter.run();
}
