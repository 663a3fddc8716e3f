// The only caller of wx.request / wx.uploadFile. Paths, parameters, bodies and results are typed
// from the server's OpenAPI document (typings/api.d.ts, generated): the envelope is unwrapped, a 401
// signs in again silently with wx.login and retries once, errors carry the server's Chinese
// message, and only idempotent calls are retried after a network failure.
import type { paths } from '../typings/api';
import { config } from '../config';
import { backoffDelayMs } from '../lib/backoff';
import { clearSession, getToken, saveSession } from './session';

export type Method = 'get' | 'post' | 'put' | 'delete';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
/** Paths that have an operation for method M. */
export type PathWith<M extends Method> = { [P in keyof paths]: paths[P][M] extends { responses: unknown } ? P : never }[keyof paths];

type ParametersOf<O> = O extends { parameters: infer X } ? Pick<X, Extract<keyof X, 'path' | 'query'>> : {};
type BodyOf<O> = O extends { requestBody: { content: { 'application/json': infer B } } } ? { body: B }
  : O extends { requestBody?: { content: { 'application/json': infer B } } } ? { body?: B } : { body?: undefined };
type JsonOf<O, S extends number> = O extends { responses: { [K in S]: { content: { 'application/json': infer J } } } } ? J : never;
type EnvelopeOf<O> = [JsonOf<O, 200>] extends [never] ? JsonOf<O, 201> : JsonOf<O, 200>;
export type DataOf<O> = EnvelopeOf<O> extends { data: infer D } ? D : never;
export type Pagination = { page: number; pageSize: number; total: number };

export type CallOptions = {
  /** Retry after a network failure or 502/503/504; defaults to true for GET, PUT and DELETE. */
  idempotent?: boolean;
  /** Send without the token and never re-login (the login calls themselves). */
  anonymous?: boolean;
};
export type RequestOptions<O> = ParametersOf<O> & BodyOf<O> & CallOptions;
/** The data of a path's response, e.g. `Data<'/api/statutes', 'get'>`. */
export type Data<P extends PathWith<M>, M extends Method> = DataOf<Operation<P, M>>;

/** An error the user can read: the server's code and Chinese message, or a network failure. */
export class ApiError extends Error {
  constructor(readonly code: string, message: string, readonly status: number, readonly details?: unknown) {
    super(message);
    this.name = 'ApiError';
  }
}

const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试';
const MAX_ATTEMPTS = 3;
const RETRYABLE_STATUS = new Set([502, 503, 504]);

type RawResponse = { statusCode: number; data: unknown };
type Envelope = { ok: true; data: unknown; pagination?: Pagination } | { ok: false; error: { code: string; message: string; details?: unknown } };
type Sender = (token: string) => Promise<RawResponse>;

export function buildUrl(template: string, pathParams?: Record<string, unknown>, query?: Record<string, unknown>): string {
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(pathParams?.[name] ?? '')));
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null && item !== '') pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(item))}`);
    }
  }
  return config.apiBaseUrl + path + (pairs.length ? `?${pairs.join('&')}` : '');
}

function sendJson(method: Method, body: unknown): (url: string, token: string) => Promise<RawResponse> {
  return (url, token) => new Promise((resolve, reject) => {
    wx.request({
      url, method: method.toUpperCase() as 'GET', data: body as WechatMiniprogram.IAnyObject, timeout: config.requestTimeoutMs,
      header: { 'content-type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      success: (res) => resolve({ statusCode: res.statusCode, data: res.data }),
      fail: (err) => reject(new ApiError('network', NETWORK_MESSAGE, 0, err.errMsg)),
    });
  });
}

function parseEnvelope(response: RawResponse): Envelope {
  const data = typeof response.data === 'string' ? safeJson(response.data) : response.data;
  if (data && typeof data === 'object' && 'ok' in data) return data as Envelope;
  return { ok: false, error: { code: 'bad_response', message: `服务器返回异常（${response.statusCode}）` } };
}

function safeJson(text: string): unknown {
  try { return JSON.parse(text); } catch { return null; }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Sends, retrying idempotent calls with back-off, and signs in again once on 401. */
async function send(sender: Sender, options: CallOptions, idempotentByDefault: boolean): Promise<{ data: unknown; pagination?: Pagination }> {
  const idempotent = options.idempotent ?? idempotentByDefault;
  let reloggedIn = false;
  for (let attempt = 1; ; attempt++) {
    let response: RawResponse;
    try {
      response = await sender(options.anonymous ? '' : getToken());
    } catch (error) {
      if (idempotent && attempt < MAX_ATTEMPTS) { await sleep(backoffDelayMs(attempt)); continue; }
      throw error;
    }
    if (response.statusCode === 401 && !options.anonymous && !reloggedIn) {
      reloggedIn = true;
      await reloginSilently();
      attempt--;
      continue;
    }
    if (RETRYABLE_STATUS.has(response.statusCode) && idempotent && attempt < MAX_ATTEMPTS) { await sleep(backoffDelayMs(attempt)); continue; }
    const envelope = parseEnvelope(response);
    if (envelope.ok && response.statusCode >= 200 && response.statusCode < 300) return { data: envelope.data, pagination: envelope.pagination };
    const error = envelope.ok ? { code: 'bad_response', message: `服务器返回异常（${response.statusCode}）`, details: undefined } : envelope.error;
    throw new ApiError(error.code, error.message, response.statusCode, error.details);
  }
}

type LooseOptions = { path?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown } & CallOptions;
type Args<O> = {} extends RequestOptions<O> ? [RequestOptions<O>?] : [RequestOptions<O>];

function call(method: Method, path: string, options: LooseOptions = {}): Promise<{ data: unknown; pagination?: Pagination }> {
  const url = buildUrl(path, options.path, options.query);
  return send((token) => sendJson(method, options.body)(url, token), options, method !== 'post');
}

/** Calls one endpoint and returns its `data`. */
export async function request<M extends Method, P extends PathWith<M>>(method: M, path: P, ...args: Args<Operation<P, M>>): Promise<DataOf<Operation<P, M>>> {
  return (await call(method, path, args[0] as LooseOptions)).data as DataOf<Operation<P, M>>;
}

/** Calls a paginated list endpoint and returns its items with the pagination. */
export async function requestPage<M extends Method, P extends PathWith<M>>(method: M, path: P, ...args: Args<Operation<P, M>>): Promise<{ data: DataOf<Operation<P, M>>; pagination?: Pagination }> {
  return await call(method, path, args[0] as LooseOptions) as { data: DataOf<Operation<P, M>>; pagination?: Pagination };
}

/** Uploads one local file (multipart field `name`) with wx.uploadFile; never retried (not idempotent). */
export async function upload<P extends PathWith<'post'>>(path: P, file: { filePath: string; name?: string; pathParams?: Record<string, string | number>; formData?: Record<string, string> }): Promise<DataOf<Operation<P, 'post'>>> {
  const url = buildUrl(path, file.pathParams);
  const sender = (token: string) => new Promise<RawResponse>((resolve, reject) => {
    wx.uploadFile({
      url, filePath: file.filePath, name: file.name ?? 'file', formData: file.formData, timeout: config.requestTimeoutMs,
      header: token ? { Authorization: `Bearer ${token}` } : {},
      success: (res) => resolve({ statusCode: res.statusCode, data: res.data }),
      fail: (err) => reject(new ApiError('network', NETWORK_MESSAGE, 0, err.errMsg)),
    });
  });
  return (await send(sender, { idempotent: false }, false)).data as DataOf<Operation<P, 'post'>>;
}

export type WechatLogin = Data<'/api/auth/wechat/login', 'post'>;

function wxLoginCode(): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.login({
      success: (res) => (res.code ? resolve(res.code) : reject(new ApiError('wechat_login_failed', '微信登录失败，请重试', 0))),
      fail: () => reject(new ApiError('wechat_login_failed', '微信登录失败，请重试', 0)),
    });
  });
}

/** wx.login → the server; a bound person's token is stored, an unbound one gets a bind ticket. */
export async function loginWithWechat(): Promise<WechatLogin> {
  const code = await wxLoginCode();
  const result = await request('post', '/api/auth/wechat/login', { body: { code }, anonymous: true });
  if (result.status === 'bound') saveSession(result.session.token, result.session.user);
  return result;
}

let relogin: Promise<void> | null = null;

/** One silent re-login shared by every call that met a 401 at the same time. */
function reloginSilently(): Promise<void> {
  relogin ??= loginWithWechat().then((result) => {
    if (result.status === 'bound') return;
    clearSession();
    wx.reLaunch({ url: '/pages/login/index' });
    throw new ApiError('unauthenticated', '请先登录并绑定身份', 401);
  }).finally(() => { relogin = null; });
  return relogin;
}

/** Shows an error to the person: the server's message, or a plain one. */
export function showError(error: unknown): void {
  wx.showToast({ title: errorMessage(error), icon: 'none', duration: 3000 });
}

export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : '操作失败，请稍后重试';
}
