import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';

type Context = { app: TestApp };

async function loginWithCode(app: TestApp, code: string, openid: string) {
  app.wechat.register(code, openid);
  return app.call('POST', '/api/auth/wechat/login', { body: { code } });
}

async function invitationFor(app: TestApp, phone: string): Promise<string> {
  const organiser = await app.tokenFor({ username: 'organiser-east' });
  const users = await app.call('GET', `/api/users?q=${phone}`, { token: organiser });
  const response = await app.call('POST', `/api/users/${users.body.data[0].id}/invitations`, { token: organiser });
  assert.is(response.status, 201);
  return response.body.data.code;
}

for (const dialect of testDialects()) {
  const wechatLogin = suite<Context>(`POST /api/auth/wechat/login [${dialect}]`, {} as Context);
  wechatLogin.before(async (context) => { context.app = await startTestApp(dialect); });
  wechatLogin.after(async ({ app }) => app.close());

  wechatLogin('a new WeChat user gets a bind ticket and the real client called jscode2session', async ({ app }) => {
    const response = await loginWithCode(app, 'code-new-1', 'openid-new-1');
    assert.is(response.status, 200);
    assert.is(response.body.data.status, 'unbound');
    assert.ok(response.body.data.bindTicket.length >= 20);
    assert.equal(response.body.data.bindMethods, ['invitation', 'identity']);
    const call = app.wechat.calls.at(-1)!;
    assert.is(call.path, '/sns/jscode2session');
    assert.is(call.query.js_code, 'code-new-1');
    assert.is(call.query.appid, 'wx-dev-appid');
  });

  wechatLogin('binding with an invitation code signs the cadre in; the next login is direct', async ({ app }) => {
    const code = await invitationFor(app, '13900000011');
    const first = await loginWithCode(app, 'code-wang-1', 'openid-wang');
    const bound = await app.call('POST', '/api/auth/wechat/bind', { body: { bindTicket: first.body.data.bindTicket, invitationCode: code.toLowerCase() } });
    assert.is(bound.status, 200, JSON.stringify(bound.body));
    assert.is(bound.body.data.user.name, '王建国');
    assert.is(bound.body.data.user.wechatBound, true);
    const me = await app.call('GET', '/api/me', { token: bound.body.data.token });
    assert.is(me.body.data.phone, '13900000011');

    const again = await loginWithCode(app, 'code-wang-2', 'openid-wang');
    assert.is(again.body.data.status, 'bound');
    assert.is(again.body.data.session.user.name, '王建国');
  });

  wechatLogin('an invitation code works once only', async ({ app }) => {
    const code = await invitationFor(app, '13900000012');
    const first = await loginWithCode(app, 'code-li-1', 'openid-li');
    assert.is((await app.call('POST', '/api/auth/wechat/bind', { body: { bindTicket: first.body.data.bindTicket, invitationCode: code } })).status, 200);
    const other = await loginWithCode(app, 'code-other-1', 'openid-other');
    const reuse = await app.call('POST', '/api/auth/wechat/bind', { body: { bindTicket: other.body.data.bindTicket, invitationCode: code } });
    assert.is(reuse.status, 400);
    assert.is(reuse.body.error.code, 'invitation_invalid');
  });

  wechatLogin('binding by name, phone and organisation code; a mismatch is refused', async ({ app }) => {
    const first = await loginWithCode(app, 'code-chen-1', 'openid-chen');
    const wrong = await app.call('POST', '/api/auth/wechat/bind', { body: { bindTicket: first.body.data.bindTicket, name: '陈静', phone: '13900000023', organizationCode: 'DEMO-E-GA' } });
    assert.is(wrong.status, 400);
    assert.is(wrong.body.error.code, 'identity_mismatch');
    const right = await app.call('POST', '/api/auth/wechat/bind', { body: { bindTicket: first.body.data.bindTicket, name: '陈静', phone: '13900000023', organizationCode: 'DEMO-W-JT' } });
    assert.is(right.status, 200);
    assert.is(right.body.data.user.organization.code, 'DEMO-W-JT');
  });

  wechatLogin('the session_key never appears in any response', async ({ app }) => {
    const login = await loginWithCode(app, 'code-wang-3', 'openid-wang');
    const token = login.body.data.session.token;
    const me = await app.call('GET', '/api/me', { token });
    const admin = await app.tokenFor({ username: 'admin' });
    const list = await app.call('GET', '/api/users?pageSize=100', { token: admin });
    for (const body of [login.body, me.body, list.body]) {
      const text = JSON.stringify(body);
      assert.not.match(text, /sk-openid/);
      assert.not.match(text, /session_?key/i);
    }
    const stored = await app.running.deps.db.wechatIdentity.findUniqueOrThrow({ where: { openid: 'openid-wang' } });
    assert.not.ok('sessionKey' in stored, 'sessionKey is omitted by default');
    const explicit = await app.running.deps.db.wechatIdentity.findUniqueOrThrow({ where: { openid: 'openid-wang' }, omit: { sessionKey: false } });
    assert.match(explicit.sessionKey, /^sk-openid-wang-/);
  });

  wechatLogin('a bad code is a 400 and WeChat being down a 502, both with Chinese messages', async ({ app }) => {
    const bad = await app.call('POST', '/api/auth/wechat/login', { body: { code: 'never-registered' } });
    assert.is(bad.status, 400);
    assert.is(bad.body.error.code, 'wechat_code_invalid');
    assert.match(bad.body.error.message, /微信/);
    app.wechat.setDown(true);
    try {
      const down = await loginWithCode(app, 'code-down', 'openid-down');
      assert.is(down.status, 502);
      assert.is(down.body.error.code, 'wechat_unavailable');
    } finally {
      app.wechat.setDown(false);
    }
  });

  wechatLogin('an expired or unknown bind ticket is refused', async ({ app }) => {
    const response = await app.call('POST', '/api/auth/wechat/bind', { body: { bindTicket: 'x'.repeat(43), invitationCode: 'ABCDEFGH' } });
    assert.is(response.status, 400);
    assert.is(response.body.error.code, 'bind_ticket_invalid');
  });

  wechatLogin('logout revokes the token', async ({ app }) => {
    const token = await app.tokenFor({ phone: '13900000013' });
    assert.is((await app.call('GET', '/api/me', { token })).status, 200);
    assert.is((await app.call('POST', '/api/auth/logout', { token })).status, 200);
    const after = await app.call('GET', '/api/me', { token });
    assert.is(after.status, 401);
    assert.is(after.body.error.code, 'token_invalid');
  });

  wechatLogin.run();
}
