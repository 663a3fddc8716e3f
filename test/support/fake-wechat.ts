// A local stand-in for api.weixin.qq.com: answers jscode2session like WeChat does and records
// every call, so tests drive the real WeChat client over real HTTP.
import type { Server } from 'node:http';
import Koa from 'koa';
import Router from '@koa/router';

export type RecordedCall = { path: string; query: Record<string, string> };

export type FakeWechat = {
  baseUrl: string;
  calls: RecordedCall[];
  /** Makes `code` log in as `openid`; unknown codes get WeChat's "invalid code" reply. */
  register(code: string, openid: string, unionid?: string): void;
  /** Answers the next requests with HTTP 503, as if WeChat were down. */
  setDown(down: boolean): void;
  close(): Promise<void>;
};

export async function startFakeWechat(): Promise<FakeWechat> {
  const codes = new Map<string, { openid: string; unionid?: string }>();
  const calls: RecordedCall[] = [];
  let down = false;
  const router = new Router();
  router.get('/sns/jscode2session', (ctx) => {
    const query = Object.fromEntries(Object.entries(ctx.query).map(([k, v]) => [k, String(v)]));
    calls.push({ path: ctx.path, query });
    if (down) { ctx.status = 503; ctx.body = 'unavailable'; return; }
    const known = codes.get(query.js_code ?? '');
    if (!query.appid || !query.secret || query.grant_type !== 'authorization_code') { ctx.body = { errcode: 40013, errmsg: 'invalid appid' }; return; }
    if (!known) { ctx.body = { errcode: 40029, errmsg: 'invalid code' }; return; }
    codes.delete(query.js_code!); // codes are single-use, as on WeChat
    ctx.body = { openid: known.openid, session_key: `sk-${known.openid}-${calls.length}`, ...(known.unionid ? { unionid: known.unionid } : {}) };
  });
  const app = new Koa().use(router.routes());
  const server: Server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  const { port } = server.address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${port}`, calls,
    register(code, openid, unionid) { codes.set(code, { openid, unionid }); },
    setDown(value) { down = value; },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
