// The only way the server talks to WeChat. The base URL is configurable so that tests (and a
// closed network) can point it at a fake WeChat server.
import { AppError, UpstreamError } from '../errors.ts';
import { systemClock, type Clock } from '../clock.ts';

export type WechatSession = { openid: string; unionid: string | null; sessionKey: string };

/** A subscribe message (subscribeMessage.send); `data` maps template keys to values. */
export type SubscribeMessage = { openid: string; templateId: string; page?: string; data: Record<string, string | number> };

/**
 * How a send went. `retryable: false` means trying again cannot help (the person refused the
 * template or never subscribed); everything else may succeed later.
 */
export type SubscribeSendResult = { ok: true } | { ok: false; retryable: boolean; errcode: number | null; message: string };

export type WechatClient = {
  /** Exchanges a wx.login code for the user's openid and session key (jscode2session). */
  codeToSession(code: string): Promise<WechatSession>;
  /** Sends a subscribe message; never throws for WeChat's or the network's failures, it reports them. */
  sendSubscribeMessage(message: SubscribeMessage): Promise<SubscribeSendResult>;
};

export type WechatClientOptions = { baseUrl: string; appId: string; secret: string; timeoutMs: number; clock?: Clock };

type Code2SessionReply = { openid?: string; unionid?: string; session_key?: string; errcode?: number; errmsg?: string };

// Codes WeChat uses for a bad, used or expired js_code, and for a user blocked from logging in.
const CODE_REJECTED = new Set([40029, 40163, 40226]);
// subscribeMessage.send: the person refused the template or has no subscription left.
const SUBSCRIBE_REFUSED = 43101;
// The access token is invalid (another fetch replaced it) or expired: fetch a new one, once.
const TOKEN_REJECTED = new Set([40001, 42001]);
// A token is used until this long before WeChat says it expires (its lifetime is 7200 s).
const TOKEN_MARGIN_MS = 5 * 60_000;

type TokenReply = { access_token?: string; expires_in?: number; errcode?: number; errmsg?: string };
type ErrorReply = { errcode?: number; errmsg?: string };

export function createWechatClient(options: WechatClientOptions): WechatClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const clock = options.clock ?? systemClock;

  async function getJson<T>(path: string, query: Record<string, string>, body?: unknown): Promise<T> {
    const url = `${base}${path}?${new URLSearchParams(query)}`;
    let response: Response;
    try {
      response = await fetch(url, {
        signal: AbortSignal.timeout(options.timeoutMs),
        ...(body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
    } catch (cause) {
      throw Object.assign(new UpstreamError('wechat_unavailable', '暂时无法连接微信服务器，请稍后重试'), { cause });
    }
    if (!response.ok) throw new UpstreamError('wechat_unavailable', `微信服务器返回异常状态 ${response.status}，请稍后重试`);
    return (await response.json()) as T;
  }

  // The access token of the app (client_credential), shared by every send of this instance.
  // Concurrent sends wait for one fetch instead of each replacing the others' token.
  let token: { value: string; expiresAt: number } | null = null;
  let fetching: Promise<string> | null = null;

  function accessToken(): Promise<string> {
    if (token && clock.now().getTime() < token.expiresAt) return Promise.resolve(token.value);
    fetching ??= (async () => {
      try {
        const reply = await getJson<TokenReply>('/cgi-bin/token', { grant_type: 'client_credential', appid: options.appId, secret: options.secret });
        if (reply.errcode || !reply.access_token) throw new UpstreamError('wechat_error', `获取微信接口凭证失败（${reply.errcode ?? '无 access_token'}：${reply.errmsg ?? ''}）`);
        const lifetimeMs = (reply.expires_in ?? 7200) * 1000;
        token = { value: reply.access_token, expiresAt: clock.now().getTime() + Math.max(lifetimeMs - TOKEN_MARGIN_MS, lifetimeMs / 2) };
        return reply.access_token;
      } finally {
        fetching = null;
      }
    })();
    return fetching;
  }

  return {
    async codeToSession(code) {
      const reply = await getJson<Code2SessionReply>('/sns/jscode2session', {
        appid: options.appId, secret: options.secret, js_code: code, grant_type: 'authorization_code',
      });
      if (reply.errcode && CODE_REJECTED.has(reply.errcode)) throw new AppError('wechat_code_invalid', '微信登录凭证无效或已过期，请重新进入小程序');
      if (reply.errcode || !reply.openid || !reply.session_key) {
        throw new UpstreamError('wechat_error', `微信登录失败（${reply.errcode ?? '无 openid'}：${reply.errmsg ?? ''}）`);
      }
      return { openid: reply.openid, unionid: reply.unionid ?? null, sessionKey: reply.session_key };
    },

    async sendSubscribeMessage({ openid, templateId, page, data }) {
      const body = {
        touser: openid, template_id: templateId, ...(page ? { page } : {}), lang: 'zh_CN',
        data: Object.fromEntries(Object.entries(data).map(([key, value]) => [key, { value }])),
      };
      for (let round = 1; ; round++) {
        let reply: ErrorReply;
        let used: string;
        try {
          used = await accessToken();
          reply = await getJson<ErrorReply>('/cgi-bin/message/subscribe/send', { access_token: used }, body);
        } catch (error) {
          return { ok: false, retryable: true, errcode: null, message: error instanceof AppError ? error.message : '发送订阅消息失败' };
        }
        if (!reply.errcode) return { ok: true };
        if (TOKEN_REJECTED.has(reply.errcode) && round === 1) {
          // Forget the token unless a concurrent send has already replaced it.
          if (token?.value === used) token = null;
          continue;
        }
        const message = `微信订阅消息发送失败（${reply.errcode}：${reply.errmsg ?? ''}）`;
        if (reply.errcode === SUBSCRIBE_REFUSED) return { ok: false, retryable: false, errcode: reply.errcode, message: `用户拒收或未订阅该消息（43101：${reply.errmsg ?? ''}）` };
        return { ok: false, retryable: true, errcode: reply.errcode, message };
      }
    },
  };
}
