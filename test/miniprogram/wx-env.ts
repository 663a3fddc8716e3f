// The wx APIs the mini-program uses, backed by real things: wx.request and wx.uploadFile go over
// HTTP to a real Xuefa server (started per test file with startMiniprogramServer), wx.login gives
// codes the fake WeChat server accepts, storage is in memory, and navigation, toasts and modals
// are recorded for assertions. Import after ./setup.ts.
import { request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { startTestApp, type TestApp } from '../support/app.ts';

export type Navigation = { kind: 'navigateTo' | 'redirectTo' | 'reLaunch' | 'switchTab' | 'navigateBack'; url?: string; delta?: number };
export type Toast = { title: string; icon?: string };
type Callbacks<T> = { success?: (result: T) => void; fail?: (error: { errMsg: string }) => void; complete?: (result: unknown) => void };
type RequestOptions = Callbacks<{ statusCode: number; data: unknown; header: Record<string, string> }> & {
  url: string; method?: string; data?: unknown; header?: Record<string, string>;
};
type UploadOptions = Callbacks<{ statusCode: number; data: string }> & {
  url: string; filePath: string; name: string; formData?: Record<string, string>; header?: Record<string, string>;
};

/** The app's configured server origin; requests to it are routed to the test server. */
const APP_ORIGIN = 'http://127.0.0.1:3000';

export const wxEnv = {
  storage: new Map<string, unknown>(),
  navigations: [] as Navigation[],
  toasts: [] as Toast[],
  modals: [] as { title?: string; content?: string }[],
  /** What the next modals answer: true = 确定. */
  modalConfirms: true,
  subscribeRequests: [] as string[][],
  /** Subscribe requests refused because they did not run within a tap (as a phone refuses them). */
  subscribeRefusals: 0,
  /** True only while a tap's handlers run synchronously (test pages.ts sets it around a dispatch). */
  inTapGesture: false,
  requests: [] as { method: string; url: string; body?: unknown }[],
  /** While true every request fails as a phone without network does. */
  offline: false,
  /** The next this many requests fail as a dropped connection does. */
  failNext: 0,
  serverUrl: '',
  wechatLogin: null as null | ((code: string) => void),
  appShowListeners: new Set<() => void>(),
  appHideListeners: new Set<() => void>(),
  nextCode: 1,
  reset() {
    this.storage.clear();
    this.navigations.length = 0;
    this.toasts.length = 0;
    this.modals.length = 0;
    this.subscribeRequests.length = 0;
    this.subscribeRefusals = 0;
    this.requests.length = 0;
    this.modalConfirms = true;
    this.offline = false;
    this.failNext = 0;
  },
  /** Fires wx.onAppHide listeners, as when the user switches to another app. */
  appHide() { for (const listener of this.appHideListeners) listener(); },
  appShow() { for (const listener of this.appShowListeners) listener(); },
  lastNavigation(): Navigation | undefined { return this.navigations.at(-1); },
};

function settle<T>(options: Callbacks<T>, outcome: { ok: true; result: T } | { ok: false; errMsg: string }): void {
  setTimeout(() => {
    if (outcome.ok) options.success?.(outcome.result); else options.fail?.({ errMsg: outcome.errMsg });
    options.complete?.(outcome.ok ? outcome.result : { errMsg: outcome.errMsg });
  }, 0);
}

function routed(url: string): string {
  if (!url.startsWith(APP_ORIGIN)) throw new Error(`请求了未知的地址 ${url}`);
  if (!wxEnv.serverUrl) throw new Error('测试服务器未启动：先调用 startMiniprogramServer()');
  return wxEnv.serverUrl + url.slice(APP_ORIGIN.length);
}

function send(method: string, url: string, headers: Record<string, string>, body?: Buffer): Promise<{ statusCode: number; text: string; header: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers: body ? { ...headers, 'content-length': String(body.length) } : headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), header: res.headers as Record<string, string> }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function parseJson(text: string): unknown {
  try { return JSON.parse(text); } catch { return text; }
}

function wxRequest(options: RequestOptions) {
  const method = (options.method ?? 'GET').toUpperCase();
  wxEnv.requests.push({ method, url: options.url, body: options.data });
  if (wxEnv.offline || wxEnv.failNext > 0) {
    wxEnv.failNext = Math.max(0, wxEnv.failNext - 1);
    settle(options, { ok: false, errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' });
    return { abort() {} };
  }
  let url = routed(options.url);
  let body: Buffer | undefined;
  if (method === 'GET' && options.data && typeof options.data === 'object') {
    const query = new URLSearchParams(options.data as Record<string, string>).toString();
    if (query) url += (url.includes('?') ? '&' : '?') + query;
  } else if (options.data !== undefined) {
    body = Buffer.from(typeof options.data === 'string' ? options.data : JSON.stringify(options.data));
  }
  send(method, url, { 'content-type': 'application/json', ...options.header }, body).then(
    (res) => settle(options, { ok: true, result: { statusCode: res.statusCode, data: parseJson(res.text), header: res.header } }),
    (error: Error) => settle(options, { ok: false, errMsg: `request:fail ${error.message}` }),
  );
  return { abort() {} };
}

function wxUploadFile(options: UploadOptions) {
  wxEnv.requests.push({ method: 'UPLOAD', url: options.url, body: options.formData });
  if (wxEnv.offline) { settle(options, { ok: false, errMsg: 'uploadFile:fail net::ERR_INTERNET_DISCONNECTED' }); return { abort() {} }; }
  const boundary = `----xuefa${Date.now()}`;
  const parts: Buffer[] = [];
  for (const [key, value] of Object.entries(options.formData ?? {})) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${options.name}"; filename="${basename(options.filePath)}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
  parts.push(readFileSync(options.filePath), Buffer.from(`\r\n--${boundary}--\r\n`));
  send('POST', routed(options.url), { ...options.header, 'content-type': `multipart/form-data; boundary=${boundary}` }, Buffer.concat(parts)).then(
    (res) => settle(options, { ok: true, result: { statusCode: res.statusCode, data: res.text } }),
    (error: Error) => settle(options, { ok: false, errMsg: `uploadFile:fail ${error.message}` }),
  );
  return { abort() {} };
}

function navigation(kind: Navigation['kind']) {
  return (options: { url?: string; delta?: number } & Callbacks<unknown>) => {
    wxEnv.navigations.push({ kind, url: options.url, delta: options.delta });
    settle(options, { ok: true, result: { errMsg: `${kind}:ok` } });
    return Promise.resolve({ errMsg: `${kind}:ok` });
  };
}

const fakeWx = {
  getStorageSync: (key: string) => (wxEnv.storage.has(key) ? structuredClone(wxEnv.storage.get(key)) : ''),
  setStorageSync: (key: string, value: unknown) => { wxEnv.storage.set(key, structuredClone(value)); },
  removeStorageSync: (key: string) => { wxEnv.storage.delete(key); },
  clearStorageSync: () => { wxEnv.storage.clear(); },
  getStorage: (options: { key: string } & Callbacks<{ data: unknown }>) => {
    if (wxEnv.storage.has(options.key)) settle(options, { ok: true, result: { data: structuredClone(wxEnv.storage.get(options.key)) } });
    else settle(options, { ok: false, errMsg: 'getStorage:fail data not found' });
  },
  setStorage: (options: { key: string; data: unknown } & Callbacks<unknown>) => { wxEnv.storage.set(options.key, structuredClone(options.data)); settle(options, { ok: true, result: {} }); },
  removeStorage: (options: { key: string } & Callbacks<unknown>) => { wxEnv.storage.delete(options.key); settle(options, { ok: true, result: {} }); },
  login: (options: Callbacks<{ code: string; errMsg: string }>) => {
    const code = `wx-code-${wxEnv.nextCode++}`;
    wxEnv.wechatLogin?.(code);
    settle(options, { ok: true, result: { code, errMsg: 'login:ok' } });
  },
  request: wxRequest,
  uploadFile: wxUploadFile,
  navigateTo: navigation('navigateTo'),
  redirectTo: navigation('redirectTo'),
  reLaunch: navigation('reLaunch'),
  switchTab: navigation('switchTab'),
  navigateBack: navigation('navigateBack'),
  showToast: (options: Toast & Callbacks<unknown>) => { wxEnv.toasts.push({ title: options.title, icon: options.icon }); settle(options, { ok: true, result: {} }); },
  showLoading: (options: Callbacks<unknown>) => settle(options, { ok: true, result: {} }),
  hideLoading: () => {},
  showModal: (options: { title?: string; content?: string } & Callbacks<{ confirm: boolean; cancel: boolean }>) => {
    wxEnv.modals.push({ title: options.title, content: options.content });
    const result = { confirm: wxEnv.modalConfirms, cancel: !wxEnv.modalConfirms };
    settle(options, { ok: true, result });
    return Promise.resolve(result);
  },
  requestSubscribeMessage: (options: { tmplIds: string[] } & Callbacks<Record<string, string>>) => {
    // A phone refuses the consent dialog unless it is opened synchronously within the person's tap.
    if (!wxEnv.inTapGesture) {
      wxEnv.subscribeRefusals++;
      settle(options, { ok: false, errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.' });
      return;
    }
    wxEnv.subscribeRequests.push(options.tmplIds);
    settle(options, { ok: true, result: Object.fromEntries(options.tmplIds.map((id) => [id, 'accept'])) });
  },
  onAppShow: (listener: () => void) => { wxEnv.appShowListeners.add(listener); },
  offAppShow: (listener: () => void) => { wxEnv.appShowListeners.delete(listener); },
  onAppHide: (listener: () => void) => { wxEnv.appHideListeners.add(listener); },
  offAppHide: (listener: () => void) => { wxEnv.appHideListeners.delete(listener); },
  stopPullDownRefresh: () => {},
};

Object.assign((globalThis as unknown as { wx: object }).wx, fakeWx);

export type MiniprogramServer = {
  app: TestApp;
  /** Time passes for the server and the phone alike (the phone's Date.now moves with the server's ManualClock). */
  advance(ms: number): void;
  /** The next wx.login codes sign in as this WeChat user. */
  loginAs(openid: string): void;
  close(): Promise<void>;
};

/** Starts a real server (SQLite, seeded, fake WeChat) and routes wx.request / wx.uploadFile to it. */
export async function startMiniprogramServer(env: Record<string, string> = {}): Promise<MiniprogramServer> {
  const app = await startTestApp('sqlite', env);
  wxEnv.serverUrl = app.running.url;
  let openid = 'openid-default';
  wxEnv.wechatLogin = (code) => app.wechat.register(code, openid);
  const realNow = Date.now;
  let phoneAhead = 0;
  Date.now = () => realNow() + phoneAhead;
  return {
    app,
    advance(ms) {
      app.clock.advance(ms);
      phoneAhead += ms;
    },
    loginAs(next) { openid = next; },
    async close() {
      Date.now = realNow;
      wxEnv.serverUrl = '';
      wxEnv.wechatLogin = null;
      await app.close();
    },
  };
}

/** Binds WeChat user `openid` to a seeded person (name + phone + organisation code), as a first login would. */
export async function bindWechat(server: MiniprogramServer, openid: string, phone: string): Promise<void> {
  const { app } = server;
  const me = (await app.call('GET', '/api/me', { token: await app.tokenFor({ phone }) })).body.data;
  app.wechat.register(`bind-${openid}`, openid);
  const login = await app.call('POST', '/api/auth/wechat/login', { body: { code: `bind-${openid}` } });
  const bound = await app.call('POST', '/api/auth/wechat/bind', { body: { bindTicket: login.body.data.bindTicket, name: me.name, phone, organizationCode: me.organization.code } });
  if (bound.status !== 200) throw new Error(`bind failed: ${JSON.stringify(bound.body)}`);
}

/** Signs a seeded person in through the server's development login and stores the token as the app does. */
export async function signInAs(server: MiniprogramServer, who: { phone?: string; username?: string }): Promise<string> {
  const token = await server.app.tokenFor(who);
  wxEnv.storage.set('xuefa.token', token);
  return token;
}
