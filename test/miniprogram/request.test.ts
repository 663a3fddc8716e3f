/// <reference types="miniprogram-api-typings" />
// services/request: the one API client, over real HTTP to a real server — envelope unwrapped,
// the server's Chinese errors, silent re-login on 401, retries only for idempotent calls, uploads.
import './setup.ts';
import { bindWechat, startMiniprogramServer, signInAs, wxEnv, type MiniprogramServer } from './wx-env.ts';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError, request, requestPage, upload } from '../../miniprogram/services/request.ts';

type Context = { server: MiniprogramServer };
const client = suite<Context>('services/request', {} as Context);
client.before(async (context) => {
  context.server = await startMiniprogramServer({ LOAD_BANK: 'statutes' });
  await bindWechat(context.server, 'openid-wang', '13900000011');
});
client.after(async ({ server }) => server.close());
client.before.each(() => wxEnv.reset());

const logins = () => wxEnv.requests.filter((r) => r.url.endsWith('/api/auth/wechat/login')).length;

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try { await promise; } catch (error) { if (error instanceof ApiError) return error; throw error; }
  throw new Error('expected the call to fail');
}

client('unwraps the envelope and sends the token', async ({ server }) => {
  await signInAs(server, { phone: '13900000011' });
  const statutes = await request('get', '/api/statutes');
  assert.ok(statutes.some((s) => s.slug === 'xianfa'));
  const me = await request('get', '/api/me');
  assert.is(me.phone, '13900000011');
  const page = await requestPage('get', '/api/articles/search', { query: { q: '国家机关', pageSize: 2 } });
  assert.is(page.data.length, 2);
  assert.equal(page.pagination && [page.pagination.page, page.pagination.pageSize], [1, 2]);
});

client('a refusal is an ApiError with the server code, status and Chinese message', async ({ server }) => {
  await signInAs(server, { phone: '13900000011' });
  const error = await rejection(request('get', '/api/statutes/{slug}', { path: { slug: 'no-such-law' } }));
  assert.equal([error.code, error.status], ['not_found', 404]);
  assert.match(error.message, /[\u4e00-\u9fa5]/);
});

client('an expired token signs in again with wx.login and the call is retried once', async ({ server }) => {
  wxEnv.storage.set('xuefa.token', 'expired-or-revoked-token');
  server.loginAs('openid-wang');
  const me = await request('get', '/api/me');
  assert.is(me.phone, '13900000011');
  assert.is(logins(), 1);
  assert.is.not(wxEnv.storage.get('xuefa.token'), 'expired-or-revoked-token');
  await request('get', '/api/me');
  assert.is(logins(), 1, 'the new token is used from then on');
});

client('a WeChat user not bound yet is sent to the login page', async ({ server }) => {
  wxEnv.storage.set('xuefa.token', 'expired-or-revoked-token');
  server.loginAs('openid-nobody');
  const error = await rejection(request('get', '/api/me'));
  assert.is(error.code, 'unauthenticated');
  assert.equal(wxEnv.lastNavigation(), { kind: 'reLaunch', url: '/pages/login/index', delta: undefined });
  assert.is(wxEnv.storage.has('xuefa.token'), false);
});

client('idempotent calls are retried after a dropped connection; POST is not', async ({ server }) => {
  await signInAs(server, { phone: '13900000011' });
  wxEnv.failNext = 1;
  const statutes = await request('get', '/api/statutes');
  assert.ok(statutes.length > 0);
  assert.is(wxEnv.requests.length, 2);

  wxEnv.requests.length = 0;
  wxEnv.failNext = 1;
  const error = await rejection(request('post', '/api/study/sessions', { body: { statute: 'xianfa' } }));
  assert.equal([error.code, error.message], ['network', '网络连接失败，请检查网络后重试']);
  assert.is(wxEnv.requests.length, 1);

  wxEnv.requests.length = 0;
  wxEnv.offline = true;
  const offline = await rejection(request('get', '/api/statutes'));
  assert.is(offline.code, 'network');
  assert.is(wxEnv.requests.length, 3, 'three attempts, then the error');
});

client('uploads a file with wx.uploadFile and returns the unwrapped result', async ({ server }) => {
  await signInAs(server, { phone: '13900000011' });
  const lecture = await request('post', '/api/lectures', { body: { title: '宪法宣讲', givenAt: '2026-11-20T02:00:00Z', audienceSize: 30 } });
  const file = join(mkdtempSync(join(tmpdir(), 'xuefa-upload-')), '讲稿.pdf');
  writeFileSync(file, '%PDF-1.4 宪法宣讲讲稿');
  const updated = await upload('/api/lectures/{id}/material', { filePath: file, pathParams: { id: lecture.id } });
  assert.is(updated.materialName, '讲稿.pdf');
});

client.run();
