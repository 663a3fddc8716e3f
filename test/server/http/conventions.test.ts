import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { allRoutes } from '../../../server/src/app.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';

type Context = { app: TestApp; admin: string };

for (const dialect of testDialects()) {
  const http = suite<Context>(`HTTP conventions [${dialect}]`, {} as Context);
  http.before(async (context) => {
    context.app = await startTestApp(dialect, { BODY_LIMIT_KB: '16', CONSOLE_ORIGIN: 'https://console.example.test' });
    context.admin = await context.app.tokenFor({ username: 'admin' });
  });
  http.after(async ({ app }) => app.close());

  http('malformed JSON is a 400 invalid_json', async ({ app, admin }) => {
    const response = await app.call('POST', '/api/users', { token: admin, rawBody: '{"name": "张三",' });
    assert.is(response.status, 400);
    assert.is(response.body.error.code, 'invalid_json');
    assert.match(response.body.error.message, /JSON/);
  });

  http('wrong types are a 400 naming each field path, in Chinese', async ({ app, admin }) => {
    const response = await app.call('POST', '/api/users', { token: admin, body: { name: 42, organizationId: 'one', isKeyMinority: 'yes' } });
    assert.is(response.status, 400);
    assert.is(response.body.error.code, 'validation_failed');
    const paths = response.body.error.details.map((d: { path: string }) => d.path).sort();
    assert.equal(paths, ['body.isKeyMinority', 'body.name', 'body.organizationId']);
    assert.ok(response.body.error.details.every((d: { message: string }) => /[\u4e00-\u9fa5]/.test(d.message)), 'messages are Chinese');
  });

  http('unknown fields in a body are refused', async ({ app, admin }) => {
    const org = (await app.call('GET', '/api/organizations?q=DEMO-E-GA', { token: admin })).body.data[0];
    const response = await app.call('POST', '/api/users', { token: admin, body: { name: '张三', organizationId: org.id, isAdmin: true } });
    assert.is(response.status, 400);
    assert.is(response.body.error.details[0].code, 'unrecognized_keys');
  });

  http('an oversize body is a 413 and nothing is saved', async ({ app, admin }) => {
    const before = await app.running.deps.db.user.count();
    const response = await app.call('POST', '/api/users', { token: admin, body: { name: '张三', organizationId: 1, position: 'x'.repeat(20_000) } });
    assert.is(response.status, 413);
    assert.is(response.body.error.code, 'payload_too_large');
    assert.is(await app.running.deps.db.user.count(), before);
  });

  http('a duplicate natural key is a 409 conflict and the first record survives', async ({ app, admin }) => {
    const org = (await app.call('GET', '/api/organizations?q=DEMO-W-ZR', { token: admin })).body.data[0];
    const body = { name: '重复者', organizationId: org.id, phone: '13811112222' };
    assert.is((await app.call('POST', '/api/users', { token: admin, body })).status, 201);
    const clash = await app.call('POST', '/api/users', { token: admin, body: { ...body, name: '另一人' } });
    assert.is(clash.status, 409);
    assert.is(clash.body.error.code, 'conflict');
    const kept = await app.call('GET', '/api/users?q=13811112222', { token: admin });
    assert.equal(kept.body.data.map((u: { name: string }) => u.name), ['重复者']);
  });

  http('pagination is clamped to 100 and bad page numbers are refused', async ({ app, admin }) => {
    const big = await app.call('GET', '/api/users?pageSize=100000', { token: admin });
    assert.is(big.status, 200);
    assert.is(big.body.pagination.pageSize, 100);
    assert.ok(big.body.pagination.total >= 11);
    const page2 = await app.call('GET', '/api/users?pageSize=5&page=2', { token: admin });
    assert.is(page2.body.data.length, 5);
    assert.is(page2.body.data[0].id, big.body.data[5].id);
    for (const query of ['page=0', 'page=-1', 'pageSize=abc', 'page=1.5']) {
      const response = await app.call('GET', `/api/users?${query}`, { token: admin });
      assert.is(response.status, 400, query);
      assert.match(response.body.error.details[0].path, /^query\.page/);
    }
  });

  http('unknown routes and methods get enveloped 404 and 405', async ({ app }) => {
    const missing = await app.call('GET', '/api/nothing-here');
    assert.is(missing.status, 404);
    assert.is(missing.body.error.code, 'not_found');
    const method = await app.call('DELETE', '/api/me');
    assert.is(method.status, 405);
    assert.is(method.body.error.code, 'method_not_allowed');
    // A hot route (matched by a router of its own, ahead of the others) answers a wrong method the same way.
    const hot = await app.call('GET', '/api/study/sessions/1/heartbeats');
    assert.equal([hot.status, hot.body.error.code], [405, 'method_not_allowed']);
  });

  http('a garbage bearer token is a 401, not anonymous', async ({ app }) => {
    const response = await app.call('GET', '/healthz', { headers: { authorization: 'Bearer !!!' } });
    assert.is(response.status, 401);
    assert.is(response.body.error.code, 'token_invalid');
  });

  http('request ids are echoed or created, and security headers are set', async ({ app }) => {
    const given = await app.call('GET', '/healthz', { headers: { 'x-request-id': 'trace-123' } });
    assert.is(given.headers.get('x-request-id'), 'trace-123');
    const created = await app.call('GET', '/healthz', { headers: { 'x-request-id': 'bad id with spaces' } });
    assert.match(created.headers.get('x-request-id')!, /^[0-9a-f-]{36}$/);
    assert.is(given.headers.get('x-content-type-options'), 'nosniff');
    assert.ok(given.headers.get('content-security-policy'));
  });

  http('CORS answers the console origin only', async ({ app }) => {
    const allowed = await app.call('OPTIONS', '/api/me', { headers: { origin: 'https://console.example.test', 'access-control-request-method': 'GET' } });
    assert.is(allowed.headers.get('access-control-allow-origin'), 'https://console.example.test');
    const foreign = await app.call('OPTIONS', '/api/me', { headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    assert.is(foreign.headers.get('access-control-allow-origin'), null);
  });

  http('the OpenAPI document describes every mounted endpoint with its schemas', async ({ app }) => {
    const response = await app.call('GET', '/api/openapi.json');
    assert.is(response.status, 200);
    assert.is(response.body.openapi, '3.1.0');
    for (const route of allRoutes(app.running.deps)) {
      const operation = response.body.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method];
      assert.ok(operation, `${route.method} ${route.path} is documented`);
      if (route.body) assert.ok(operation.requestBody.content['application/json'].schema, `${route.path} documents its body`);
    }
    const createUser = response.body.paths['/api/users'].post.requestBody.content['application/json'].schema;
    const schema = createUser.$ref ? response.body.components.schemas[createUser.$ref.split('/').pop()] : createUser;
    assert.ok(schema.required.includes('name') && schema.required.includes('organizationId'));
    assert.is(schema.additionalProperties, false);
  });

  http('no bad input in this suite reached a 500', async ({ app, admin }) => {
    const inputs: Array<[string, string, unknown]> = [
      ['POST', '/api/organizations', { code: '', name: null, level: 'galaxy' }],
      ['PATCH', '/api/users/abc', { name: 'x' }],
      ['PATCH', '/api/users/999999', { name: '不存在的人' }],
      ['POST', '/api/users/999999/invitations', undefined],
      ['GET', '/api/audit-logs?from=not-a-date', undefined],
      ['POST', '/api/auth/dev/login', { userId: -1 }],
      ['POST', '/api/auth/wechat/bind', ['array']],
    ];
    for (const [method, path, body] of inputs) {
      const response = await app.call(method, path, { token: admin, body });
      assert.ok(response.status >= 400 && response.status < 500, `${method} ${path} → ${response.status}`);
      assert.is(response.body.ok, false);
    }
  });

  http.run();
}
