// Tokens, invitations and bind tickets expire on the server's clock; the bearer scheme is
// case-insensitive; and a revocation (logout, disabled account) reaches a second instance on
// the same database within about a second, although each instance caches actors.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import pino from 'pino';
import { loadConfig } from '../../../server/src/env.ts';
import { startServer, type Running } from '../../../server/src/server.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';
import { apiClient, type Call } from '../../support/http.ts';

type Context = { app: TestApp; other: Running; otherCall: Call };

const REVOCATION_BOUND_MS = 1_500;

/** A second instance on the test app's database, as a load balancer's second backend would be. */
async function startSecondInstance(app: TestApp): Promise<Running> {
  const config = loadConfig({
    NODE_ENV: 'test', PORT: '0', DATABASE_URL: app.running.deps.config.DATABASE_URL, WECHAT_API_BASE_URL: app.wechat.baseUrl,
    SEED_DEMO: 'false', LOAD_BANK: 'none', SCHEDULER: 'false', DB_POOL_SIZE: '2',
  });
  return startServer(config, pino({ level: 'silent' }), { clock: app.clock });
}

/** Milliseconds until `path` answers 401 with `token`, polling; null if it never did within the bound. */
async function millisecondsUntilRefused(call: Call, token: string, path = '/api/me'): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < REVOCATION_BOUND_MS) {
    if ((await call('GET', path, { token })).status === 401) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return null;
}

async function loginWithCode(app: TestApp, code: string, openid: string) {
  app.wechat.register(code, openid);
  return app.call('POST', '/api/auth/wechat/login', { body: { code } });
}

for (const dialect of testDialects()) {
  const tokens = suite<Context>(`access tokens [${dialect}]`, {} as Context);
  tokens.before(async (context) => {
    context.app = await startTestApp(dialect, { ACCESS_TOKEN_TTL_HOURS: '2' });
    context.other = await startSecondInstance(context.app);
    context.otherCall = apiClient(context.other.url);
  });
  tokens.after(async ({ app, other }) => {
    await other.close();
    await app.close();
  });

  tokens('the bearer scheme is case-insensitive', async ({ app }) => {
    const token = await app.tokenFor({ phone: '13900000011' });
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      const response = await app.call('GET', '/api/me', { headers: { authorization: `${scheme} ${token}` } });
      assert.is(response.status, 200, scheme);
    }
    assert.is((await app.call('GET', '/api/me', { headers: { authorization: `Basic ${token}` } })).status, 401);
  });

  tokens('a token expires on the server clock, even while cached', async ({ app }) => {
    const token = await app.tokenFor({ phone: '13900000012' });
    assert.is((await app.call('GET', '/api/me', { token })).status, 200);
    app.clock.advance(2 * 3_600_000 - 60_000);
    assert.is((await app.call('GET', '/api/me', { token })).status, 200, 'a minute before expiry');
    app.clock.advance(60_001);
    const expired = await app.call('GET', '/api/me', { token });
    assert.is(expired.status, 401);
    assert.is(expired.body.error.code, 'token_invalid');
  });

  tokens('a bind ticket lasts ten minutes on the server clock', async ({ app }) => {
    const ticket = async (n: number) => (await loginWithCode(app, `code-ticket-${n}`, `openid-ticket-${n}`)).body.data.bindTicket as string;
    const bind = (bindTicket: string) => app.call('POST', '/api/auth/wechat/bind', { body: { bindTicket, name: '赵敏', phone: '13900000013', organizationCode: 'DEMO-E-GA' } });
    const stale = await ticket(1);
    app.clock.advance(10 * 60_000 + 1);
    const refused = await bind(stale);
    assert.is(refused.status, 400);
    assert.is(refused.body.error.code, 'bind_ticket_invalid');
    const fresh = await ticket(2);
    app.clock.advance(9 * 60_000);
    assert.is((await bind(fresh)).status, 200, 'nine minutes later it still binds');
  });

  tokens('an invitation code expires after seven days on the server clock', async ({ app }) => {
    const invite = async (phone: string) => {
      const organiser = await app.tokenFor({ username: 'organiser-west' });
      const person = (await app.call('GET', `/api/users?q=${phone}`, { token: organiser })).body.data[0];
      return (await app.call('POST', `/api/users/${person.id}/invitations`, { token: organiser })).body.data.code as string;
    };
    const bind = async (n: number, invitationCode: string) => {
      const bindTicket = (await loginWithCode(app, `code-invite-${n}`, `openid-invite-${n}`)).body.data.bindTicket;
      return app.call('POST', '/api/auth/wechat/bind', { body: { bindTicket, invitationCode } });
    };
    const late = await invite('13900000021');
    app.clock.advance(7 * 86_400_000 + 3_600_000);
    const refused = await bind(1, late);
    assert.is(refused.status, 400);
    assert.is(refused.body.error.code, 'invitation_invalid');
    const early = await invite('13900000022');
    app.clock.advance(6 * 86_400_000);
    assert.is((await bind(2, early)).status, 200, 'six days later it still binds');
  });

  tokens('a logout on one instance is refused on the other within about a second', async ({ app, otherCall }) => {
    const token = await app.tokenFor({ phone: '13900000023' });
    // Each instance has read and cached the actor.
    assert.is((await app.call('GET', '/api/me', { token })).status, 200);
    assert.is((await otherCall('GET', '/api/me', { token })).status, 200, 'accepted on the other instance before the logout');
    assert.is((await app.call('POST', '/api/auth/logout', { token })).status, 200);
    assert.is((await app.call('GET', '/api/me', { token })).status, 401, 'refused at once where it logged out');
    const elapsed = await millisecondsUntilRefused(otherCall, token);
    assert.ok(elapsed !== null, `still accepted on the other instance after ${REVOCATION_BOUND_MS} ms`);
  });

  tokens('a disabled account is refused on the other instance within about a second', async ({ app, otherCall }) => {
    const cadre = await app.tokenFor({ phone: '13900000031' });
    assert.is((await otherCall('GET', '/api/my/tasks', { token: cadre })).status, 200, 'accepted on the other instance before');
    const admin = await app.tokenFor({ username: 'admin' });
    const person = (await app.call('GET', '/api/users?q=13900000031', { token: admin })).body.data[0];
    assert.is((await app.call('PATCH', `/api/users/${person.id}`, { token: admin, body: { status: 'disabled' } })).status, 200);
    const elapsed = await millisecondsUntilRefused(otherCall, cadre, '/api/my/tasks');
    assert.ok(elapsed !== null, `still accepted on the other instance after ${REVOCATION_BOUND_MS} ms`);
  });

  tokens('a role taken away is gone on the other instance within about a second', async ({ app, otherCall }) => {
    const admin = await app.tokenFor({ username: 'admin' });
    const person = (await app.call('GET', '/api/users?q=13900000004', { token: admin })).body.data[0];
    const organiser = await app.tokenFor({ username: 'organiser-west' });
    assert.is((await otherCall('GET', '/api/users', { token: organiser })).status, 200, 'an organiser before');
    assert.is((await app.call('PATCH', `/api/users/${person.id}`, { token: admin, body: { roles: [{ role: 'cadre' }] } })).status, 200);
    const started = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - started < REVOCATION_BOUND_MS) {
      status = (await otherCall('GET', '/api/users', { token: organiser })).status;
      if (status === 200) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.is(status, 403, `still an organiser on the other instance after ${REVOCATION_BOUND_MS} ms`);
  });

  tokens.run();
}
