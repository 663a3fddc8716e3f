// The only way the server talks to WeChat. The base URL is configurable so that tests (and a
// closed network) can point it at a fake WeChat server.
import { AppError, UpstreamError } from '../errors.ts';

export type WechatSession = { openid: string; unionid: string | null; sessionKey: string };

export type WechatClient = {
  /** Exchanges a wx.login code for the user's openid and session key (jscode2session). */
  codeToSession(code: string): Promise<WechatSession>;
};

export type WechatClientOptions = { baseUrl: string; appId: string; secret: string; timeoutMs: number };

type Code2SessionReply = { openid?: string; unionid?: string; session_key?: string; errcode?: number; errmsg?: string };

// Codes WeChat uses for a bad, used or expired js_code, and for a user blocked from logging in.
const CODE_REJECTED = new Set([40029, 40163, 40226]);

export function createWechatClient(options: WechatClientOptions): WechatClient {
  const base = options.baseUrl.replace(/\/+$/, '');

  async function getJson<T>(path: string, query: Record<string, string>): Promise<T> {
    const url = `${base}${path}?${new URLSearchParams(query)}`;
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs) });
    } catch (cause) {
      throw Object.assign(new UpstreamError('wechat_unavailable', '暂时无法连接微信服务器，请稍后重试'), { cause });
    }
    if (!response.ok) throw new UpstreamError('wechat_unavailable', `微信服务器返回异常状态 ${response.status}，请稍后重试`);
    return (await response.json()) as T;
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
  };
}
