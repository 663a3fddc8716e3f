// Makes miniprogram-simulate run the real mini-program (TypeScript pages, real TDesign components)
// under uvu on Node 20. Import first in every test file of this group. Why each step is needed is
// recorded in shared/notes/stack-notes.md §3 and §8.
import 'global-jsdom/register';
import Module, { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export const MINIPROGRAM_ROOT = resolve('miniprogram');
const NPM_DIR = 'miniprogram_npm';

// jsdom's own event classes, or j-component's dispatchEvent silently does nothing.
for (const name of ['Event', 'CustomEvent', 'EventTarget', 'MouseEvent', 'TouchEvent', 'UIEvent'] as const) {
  const jsdomClass = (globalThis as unknown as { window: Record<string, unknown> }).window[name];
  if (jsdomClass) (globalThis as Record<string, unknown>)[name] = jsdomClass;
}

const require = createRequire(import.meta.url);
const simulateUtils = require('miniprogram-simulate/src/utils.js');
const simulateWxss = require('miniprogram-simulate/src/wxss.js');

// Components are TypeScript: run index.ts when there is no index.js.
simulateUtils.runJs = (path: string) => {
  const file = existsSync(`${path}.js`) ? `${path}.js` : existsSync(`${path}.ts`) ? `${path}.ts` : path;
  require(file);
  delete require.cache[require.resolve(file)];
};

/** The nearest `miniprogram_npm/<name>` from `fromDir` up to the mini-program root, as WeChat resolves npm paths. */
export function findNpmPath(fromDir: string, name: string): string | null {
  for (let dir = fromDir; dir.startsWith(MINIPROGRAM_ROOT); dir = dirname(dir)) {
    const candidate = join(dir, NPM_DIR, name);
    if (existsSync(`${candidate}.json`) || existsSync(candidate) || existsSync(`${candidate}.js`)) return candidate;
    if (dir === MINIPROGRAM_ROOT) break;
  }
  return null;
}

// Bare usingComponents paths ("tdesign-miniprogram/button/button") live in miniprogram_npm.
const readJson = simulateUtils.readJson;
simulateUtils.readJson = (file: string) => {
  const json = readJson(file);
  const using = json?.usingComponents as Record<string, string> | undefined;
  if (!using) return json;
  for (const [tag, path] of Object.entries(using)) {
    if (path.startsWith('.') || path.startsWith('/')) continue;
    const found = findNpmPath(dirname(file), path);
    if (!found) throw new Error(`${relative(MINIPROGRAM_ROOT, file)}: ${path} 未构建；请运行 node miniprogram/scripts/build-npm.mjs`);
    using[tag] = '/' + relative(MINIPROGRAM_ROOT, found).split(sep).join('/');
  }
  return json;
};

// JS inside miniprogram_npm imports "tslib": resolve it to TDesign's bundled copy, as WeChat does.
const moduleInternals = Module as unknown as { _resolveFilename(request: string, parent: { filename?: string } | undefined, ...rest: unknown[]): string };
const resolveFilename = moduleInternals._resolveFilename;
moduleInternals._resolveFilename = function (request, parent, ...rest) {
  const from = parent?.filename;
  if (from && from.includes(`${sep}${NPM_DIR}${sep}`) && !request.startsWith('.') && !request.startsWith('node:')) {
    const found = findNpmPath(dirname(from), request);
    if (found) return resolveFilename.call(this, existsSync(`${found}.js`) ? `${found}.js` : join(found, 'index.js'), parent, ...rest);
  }
  return resolveFilename.call(this, request, parent, ...rest);
};

// TDesign's styles are large and irrelevant to behaviour; the app's own WXSS is kept.
const getContent = simulateWxss.getContent;
simulateWxss.getContent = (file: string) => (file.includes(`${sep}${NPM_DIR}${sep}`) ? '' : getContent(file));

const simulate = require('miniprogram-simulate');
const globals = globalThis as Record<string, unknown>;
globals.getApp = () => ({ globalData: {} });
globals.getCurrentPages = () => [];

// j-component knows few wx:// behaviours; unknown ones (wx://proxy-scroll-view) crash it.
const KNOWN_BEHAVIORS = new Set(['wx://form-field', 'wx://form-field-group', 'wx://form-field-button', 'wx://component-export']);
const emptyBehavior = simulate.behavior({});
const component = globals.Component as (options: { behaviors?: unknown[] }) => unknown;
globals.Component = (options: { behaviors?: unknown[] }) => component({
  ...options,
  behaviors: options.behaviors?.map((b) => (typeof b === 'string' && b.startsWith('wx://') && !KNOWN_BEHAVIORS.has(b) ? emptyBehavior : b)),
});
