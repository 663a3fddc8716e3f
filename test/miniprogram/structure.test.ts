// The package as WeChat would load it: every page and subpackage of app.json exists with its four
// files, every usingComponents path resolves (npm paths in the built miniprogram_npm), no
// mini-program code imports a Node module, and the main package stays under WeChat's 2 MB.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { builtinModules } from 'node:module';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { miniprogramPages } from '../../server/src/notifications/miniprogram-pages.ts';

const ROOT = resolve('miniprogram');
const PAGE_FILES = ['.json', '.wxml', '.wxss', '.ts'];
const MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024;
/** Not part of any package: DevTools tooling, sources of types, tests' helpers. */
const NOT_SHIPPED = new Set(['scripts', 'typings', 'node_modules', 'package.json', 'tsconfig.json', 'project.config.json', 'README.md']);

type AppJson = { pages: string[]; subPackages?: { root: string; pages: string[] }[]; tabBar?: { list: { pagePath: string }[] } };
const app: AppJson = JSON.parse(readFileSync(join(ROOT, 'app.json'), 'utf8'));
const subpackagePages = (app.subPackages ?? []).flatMap((pkg) => pkg.pages.map((page) => `${pkg.root}/${page}`));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function shipped(path: string): boolean {
  return !relative(ROOT, path).split('/').some((part) => NOT_SHIPPED.has(part));
}

const structure = suite('mini-program structure');

structure('every page of app.json and of each subpackage has its json, wxml, wxss and ts', () => {
  const missing = [...app.pages, ...subpackagePages].flatMap((page) => PAGE_FILES.filter((ext) => !existsSync(join(ROOT, page + ext))).map((ext) => page + ext));
  assert.equal(missing, []);
});

structure('the tab bar is 首页 · 学习 · 练习 · 考试 · 我的, all in the main package', () => {
  const tabs = app.tabBar?.list.map((tab) => tab.pagePath) ?? [];
  assert.equal(tabs, ['pages/home/index', 'pages/study/index', 'pages/practice/index', 'pages/exam/index', 'pages/mine/index']);
  assert.ok(tabs.every((tab) => app.pages.includes(tab)));
});

structure("the pages the server's subscribe messages open are pages of app.json", () => {
  const opened = [miniprogramPages.task(1), miniprogramPages.exam(1)].map((page) => page.split('?')[0]!);
  const known = new Set([...app.pages, ...subpackagePages]);
  assert.equal(opened.filter((page) => !known.has(page)), []);
});

structure('every usingComponents path resolves to a component', () => {
  const unresolved: string[] = [];
  for (const file of filesUnder(ROOT).filter((f) => f.endsWith('.json') && shipped(f) && !f.includes('miniprogram_npm'))) {
    const using: Record<string, string> = JSON.parse(readFileSync(file, 'utf8')).usingComponents ?? {};
    for (const [tag, path] of Object.entries(using)) {
      const target = path.startsWith('/') ? join(ROOT, path) : path.startsWith('.') ? resolve(dirname(file), path) : join(ROOT, 'miniprogram_npm', path);
      if (!existsSync(`${target}.json`) || !(existsSync(`${target}.js`) || existsSync(`${target}.ts`))) unresolved.push(`${relative(ROOT, file)}: ${tag} → ${path}`);
    }
  }
  assert.equal(unresolved, []);
});

structure('no mini-program code imports a Node module or a package outside miniprogram_npm', () => {
  const nodeModules = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
  const offending: string[] = [];
  for (const file of filesUnder(ROOT).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && shipped(f) && !f.includes('miniprogram_npm'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\s*\(|require\()\s*['"]([^'"]+)['"]/g)) {
      const specifier = match[1]!;
      if (nodeModules.has(specifier) || (!specifier.startsWith('.') && !specifier.startsWith('/'))) offending.push(`${relative(ROOT, file)}: ${specifier}`);
    }
  }
  assert.equal(offending, []);
});

structure('the main package is under 2 MB (sizes printed)', () => {
  const subRoots = (app.subPackages ?? []).map((pkg) => pkg.root);
  const sizes = new Map<string, number>([['main', 0], ...subRoots.map((root): [string, number] => [root, 0])]);
  for (const file of filesUnder(ROOT).filter((f) => shipped(f) && !f.endsWith('.d.ts'))) {
    const top = relative(ROOT, file).split('/')[0]!;
    const key = subRoots.includes(top) ? top : 'main';
    sizes.set(key, sizes.get(key)! + statSync(file).size);
  }
  for (const [name, bytes] of sizes) console.log(`  ${name.padEnd(14)} ${(bytes / 1024).toFixed(1).padStart(8)} KB`);
  assert.ok(sizes.get('main')! < MAIN_PACKAGE_LIMIT, `main package ${sizes.get('main')} bytes`);
  assert.ok(sizes.get('main')! > 50 * 1024, 'the main package was measured (TDesign built into miniprogram_npm)');
});

structure.run();
