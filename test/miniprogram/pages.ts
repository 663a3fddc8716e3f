// Opens mini-program pages and components in miniprogram-simulate the way WeChat does (render,
// attach, onLoad with the query, onShow), and detaches them all after each test.
import { resolve } from 'node:path';
import * as simulate from 'miniprogram-simulate';
import { MINIPROGRAM_ROOT } from './setup.ts';
import { wxEnv } from './wx-env.ts';

type Instance = Record<string, any> & { data: Record<string, any>; setData(data: Record<string, unknown>): void };
/** The parts of j-component's wrapper the tests use (its own d.ts pulls in DOM types the root config lacks). */
export type Opened = {
  instance: Instance;
  data: Record<string, any>;
  dom?: { textContent: string | null };
  querySelector(selector: string): Opened | undefined;
  querySelectorAll(selector: string): Opened[];
  dispatchEvent(name: string, options?: { detail?: unknown }): void;
  addEventListener(name: string, listener: (event: { detail: any }) => void): void;
  setData(data: Record<string, unknown>): void;
  attach(parent: unknown): void;
  detach(): void;
  triggerLifeTime(name: string): void;
  triggerPageLifeTime(name: string): void;
};
const dom = globalThis as unknown as { document: { createElement(tag: string): unknown } };

const attached: Opened[] = [];

/** Loads `miniprogram/<path>` (e.g. `pages/home/index`) and renders it with properties. */
export function renderComponent(path: string, properties: Record<string, unknown> = {}): Opened {
  const id = simulate.load(resolve(MINIPROGRAM_ROOT, path), { compiler: 'official', rootPath: MINIPROGRAM_ROOT });
  const component = simulate.render(id, properties) as unknown as Opened;
  component.attach(dom.document.createElement('parent-wrapper'));
  attached.push(component);
  return component;
}

/** Opens a page as WeChat would: attached, then onLoad(query), then onShow(). */
export async function openPage(path: string, query: Record<string, string> = {}): Promise<Opened> {
  const page = renderComponent(path);
  const instance = page.instance as Instance & { onLoad?: (q: Record<string, string>) => unknown; onShow?: () => unknown };
  await instance.onLoad?.(query);
  await instance.onShow?.();
  return page;
}

export function detachAll(): void {
  for (const component of attached.splice(0)) component.detach();
}

/** Waits until `check` holds (data loaded over real HTTP), failing with `what` after a few seconds. */
export async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`等待超时：${what}`);
    await simulate.sleep(10);
  }
}

/** Taps an element: TDesign hosts have no DOM (virtualHost), so tap their inner element. */
export async function tap(root: Opened, selector: string, inner?: string): Promise<void> {
  const host = root.querySelector(selector);
  if (!host) throw new Error(`找不到 ${selector}`);
  const target = inner ? host.querySelector(inner) : host;
  if (!target) throw new Error(`找不到 ${selector} ${inner}`);
  // j-component delivers the event in a microtask; what its handlers run synchronously there is
  // within the tap gesture, as on a phone, and anything after their first await is not.
  wxEnv.inTapGesture = true;
  target.dispatchEvent('tap');
  void Promise.resolve().then(() => { wxEnv.inTapGesture = false; });
  await simulate.sleep(0);
}

/** All text a component renders (children included), whitespace collapsed. */
export function textOf(root: Opened): string {
  return (root.dom?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export { simulate };

/** The page's state-view (loading / empty / error); every page gives it the class `state-view`. */
export function stateView(page: Opened): Opened {
  const view = page.querySelector('.state-view');
  if (!view) throw new Error('页面没有 state-view');
  return view;
}

/** Types into a TDesign input or textarea as a person does (the inner control's input event). */
export async function typeInto(root: Opened, selector: string, value: string): Promise<void> {
  const host = root.querySelector(selector);
  if (!host) throw new Error(`找不到 ${selector}`);
  const control = host.querySelector('.t-input__control') ?? host.querySelector('.t-textarea__wrapper-inner') ?? host.querySelector('.t-input__keyword');
  if (!control) throw new Error(`${selector} 中没有输入框`);
  control.dispatchEvent('input', { detail: { value, cursor: value.length, keyCode: 0 } });
  await simulate.sleep(0);
}

/** Opens the page the app last navigated to, with its query, as WeChat would. */
export async function followNavigation(url: string | undefined): Promise<Opened> {
  if (!url) throw new Error('没有跳转');
  const [path, search = ''] = url.replace(/^\//, '').split('?');
  return openPage(path!, Object.fromEntries(new URLSearchParams(search)));
}
