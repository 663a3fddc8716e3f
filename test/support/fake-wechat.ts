// A local stand-in for api.weixin.qq.com: answers jscode2session, the access token and
// subscribe messages like WeChat does and records every call, so tests drive the real WeChat
// client over real HTTP.
import type { Server } from 'node:http';
import Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';

export type RecordedCall = { path: string; query: Record<string, string>; body?: unknown };

/** A subscribe message WeChat accepted. */
export type SentSubscribeMessage = { touser: string; template_id: string; page?: string; data: Record<string, { value: unknown }>; lang?: string };

export type FakeWechat = {
  baseUrl: string;
  calls: RecordedCall[];
  /** Makes `code` log in as `openid`; unknown codes get WeChat's "invalid code" reply. */
  register(code: string, openid: string, unionid?: string): void;
  /** Answers the next requests with HTTP 503, as if WeChat were down. */
  setDown(down: boolean): void;
  /** The person behind `openid` accepted subscribe messages; anyone else gets 43101. */
  subscribe(openid: string): void;
  /** The person refused (or cancelled) subscribe messages: 43101 from now on. */
  refuse(openid: string): void;
  /** Every access token issued so far now answers 42001 (expired), as after 2 hours. */
  expireTokens(): void;
  /** While on, every access token is refused with 40001, even a fresh one. */
  rejectTokens(on: boolean): void;
  /** Subscribe messages accepted, in order. */
  sent: SentSubscribeMessage[];
  close(): Promise<void>;
};

export async function startFakeWechat(): Promise<FakeWechat> {
  const codes = new Map<string, { openid: string; unionid?: string }>();
  const calls: RecordedCall[] = [];
  let down = false;
  let tokensRejected = false;
  const subscribed = new Set<string>();
  const tokens = new Map<string, 'valid' | 'expired'>();
  const sent: SentSubscribeMessage[] = [];
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
  router.get('/cgi-bin/token', (ctx) => {
    const query = Object.fromEntries(Object.entries(ctx.query).map(([k, v]) => [k, String(v)]));
    calls.push({ path: ctx.path, query });
    if (down) { ctx.status = 503; ctx.body = 'unavailable'; return; }
    if (!query.appid || !query.secret || query.grant_type !== 'client_credential') { ctx.body = { errcode: 40013, errmsg: 'invalid appid' }; return; }
    const token = `fake-token-${tokens.size + 1}`;
    tokens.set(token, 'valid');
    ctx.body = { access_token: token, expires_in: 7200 };
  });
  router.post('/cgi-bin/message/subscribe/send', (ctx) => {
    const query = Object.fromEntries(Object.entries(ctx.query).map(([k, v]) => [k, String(v)]));
    const body = (ctx.request as { body?: SentSubscribeMessage }).body;
    calls.push({ path: ctx.path, query, body });
    if (down) { ctx.status = 503; ctx.body = 'unavailable'; return; }
    const token = tokens.get(query.access_token ?? '');
    if (!token || tokensRejected) { ctx.body = { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' }; return; }
    if (token === 'expired') { ctx.body = { errcode: 42001, errmsg: 'access_token expired' }; return; }
    if (!body?.touser) { ctx.body = { errcode: 40003, errmsg: 'invalid openid' }; return; }
    if (!body.template_id) { ctx.body = { errcode: 40037, errmsg: 'invalid template_id' }; return; }
    if (!body.data || typeof body.data !== 'object') { ctx.body = { errcode: 47003, errmsg: 'argument invalid! data is empty' }; return; }
    if (!subscribed.has(body.touser)) { ctx.body = { errcode: 43101, errmsg: 'user refuse to accept the msg' }; return; }
    sent.push(body);
    ctx.body = { errcode: 0, errmsg: 'ok', msgid: sent.length };
  });
  const app = new Koa().use(bodyParser({ enableTypes: ['json'] })).use(router.routes());
  const server: Server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  const { port } = server.address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${port}`, calls,
    register(code, openid, unionid) { codes.set(code, { openid, unionid }); },
    setDown(value) { down = value; },
    subscribe(openid) { subscribed.add(openid); },
    refuse(openid) { subscribed.delete(openid); },
    expireTokens() { for (const token of tokens.keys()) tokens.set(token, 'expired'); },
    rejectTokens(on) { tokensRejected = on; },
    sent,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
