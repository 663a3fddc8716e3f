import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEMO_PASSWORD } from '../../../server/src/seed/demo.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';

type Context = { app: TestApp };
const login = (app: TestApp, username: string, password: string) => app.call('POST', '/api/auth/staff/login', { body: { username, password } });

for (const dialect of testDialects()) {
  const staffLogin = suite<Context>(`POST /api/auth/staff/login [${dialect}]`, {} as Context);
  staffLogin.before(async (context) => { context.app = await startTestApp(dialect, { LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '15' }); });
  staffLogin.after(async ({ app }) => app.close());

  staffLogin('the right password signs in, case-insensitively on the username, and is audited', async ({ app }) => {
    const response = await login(app, 'Admin', DEMO_PASSWORD);
    assert.is(response.status, 200);
    assert.match(response.body.data.token, /^[A-Za-z0-9_-]{43}$/);
    assert.is(response.body.data.user.username, 'admin');
    assert.not.ok(JSON.stringify(response.body).includes('scrypt'), 'no password hash in the response');
    const audit = await app.call('GET', '/api/audit-logs?action=staff.login', { token: response.body.data.token });
    assert.ok(audit.body.data.some((entry: { subjectId: string }) => entry.subjectId === String(response.body.data.user.id)));
  });

  staffLogin('only the hash of a token is stored', async ({ app }) => {
    const { body } = await login(app, 'bureau', DEMO_PASSWORD);
    const rows = await app.running.deps.db.accessToken.findMany({ omit: { tokenHash: false } });
    assert.ok(rows.length > 0);
    assert.not.ok(rows.some((row) => row.tokenHash === body.data.token));
  });

  staffLogin('a wrong password and an unknown user get the same answer', async ({ app }) => {
    const wrong = await login(app, 'organiser-west', 'not-the-password');
    const unknown = await login(app, 'nobody-here', 'not-the-password');
    assert.is(wrong.status, 401);
    assert.equal(wrong.body, unknown.body);
    assert.is(wrong.body.error.code, 'invalid_credentials');
    assert.is((await login(app, 'organiser-west', DEMO_PASSWORD)).status, 200, 'one failure does not lock');
  });

  staffLogin('repeated failures lock the account, even against the right password', async ({ app }) => {
    for (let attempt = 1; attempt < 3; attempt++) assert.is((await login(app, 'organiser-east', 'wrong-password')).status, 401);
    const locking = await login(app, 'organiser-east', 'wrong-password');
    assert.is(locking.status, 423);
    assert.is(locking.body.error.code, 'account_locked');
    assert.match(locking.body.error.message, /锁定/);
    const right = await login(app, 'organiser-east', DEMO_PASSWORD);
    assert.is(right.status, 423, 'locked even with the right password');
    const credential = await app.running.deps.db.staffCredential.findUniqueOrThrow({ where: { username: 'organiser-east' } });
    assert.ok(credential.lockedUntil!.getTime() >= app.clock.now().getTime() + 15 * 60_000 - 1000);
    // The lock runs on the server's clock: a minute short of its end it holds, after it the right password works again.
    app.clock.advance(14 * 60_000);
    assert.is((await login(app, 'organiser-east', DEMO_PASSWORD)).status, 423);
    app.clock.advance(60_000 + 1);
    assert.is((await login(app, 'organiser-east', DEMO_PASSWORD)).status, 200);
  });

  staffLogin('a cadre without a staff role cannot use the console', async ({ app }) => {
    const admin = await app.tokenFor({ username: 'admin' });
    const organisation = (await app.call('GET', '/api/organizations?q=DEMO-E-GA', { token: admin })).body.data[0];
    const created = await app.call('POST', '/api/users', { token: admin, body: { name: '仅干部', organizationId: organisation.id, username: 'just-cadre', password: 'long-enough-password' } });
    assert.is(created.status, 201, JSON.stringify(created.body));
    const response = await login(app, 'just-cadre', 'long-enough-password');
    assert.is(response.status, 403);
  });

  staffLogin('a disabled account cannot sign in and its tokens stop working', async ({ app }) => {
    const bureauToken = (await login(app, 'bureau', DEMO_PASSWORD)).body.data.token;
    const admin = await app.tokenFor({ username: 'admin' });
    const me = (await app.call('GET', '/api/me', { token: bureauToken })).body.data;
    assert.is((await app.call('PATCH', `/api/users/${me.id}`, { token: admin, body: { status: 'disabled' } })).status, 200);
    assert.is((await app.call('GET', '/api/me', { token: bureauToken })).status, 401);
    assert.is((await login(app, 'bureau', DEMO_PASSWORD)).status, 403);
    await app.call('PATCH', `/api/users/${me.id}`, { token: admin, body: { status: 'active' } });
  });

  staffLogin.run();

  const rateLimit = suite<Context>(`login rate limit [${dialect}]`, {} as Context);
  rateLimit.before(async (context) => { context.app = await startTestApp(dialect, { LOGIN_RATE_PER_MINUTE: '3' }); });
  rateLimit.after(async ({ app }) => app.close());
  rateLimit('a burst of logins from one address is throttled with Retry-After', async ({ app }) => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await login(app, 'nobody', 'x')).status);
    assert.equal(statuses, [401, 401, 401, 429]);
    const limited = await login(app, 'nobody', 'x');
    assert.is(limited.body.error.code, 'rate_limited');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  });
  rateLimit.run();
}

const production = suite<Context>('development login in production', {} as Context);
production.before(async (context) => {
  context.app = await startTestApp(testDialects()[0]!, { NODE_ENV: 'production', WECHAT_APPID: 'wx-prod', WECHAT_SECRET: 'prod-secret', SEED_DEMO: 'true' });
});
production.after(async ({ app }) => app.close());
production('is not routed at all', async ({ app }) => {
  const response = await app.call('POST', '/api/auth/dev/login', { body: { username: 'admin' } });
  assert.is(response.status, 404);
  const openapi = await app.call('GET', '/api/openapi.json');
  assert.not.ok(openapi.body.paths['/api/auth/dev/login']);
  assert.is((await login(app, 'admin', DEMO_PASSWORD)).status, 200, 'staff login still works');
});
production.run();
