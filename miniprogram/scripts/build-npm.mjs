// What DevTools' "构建 npm" does, without DevTools: copies into miniprogram/miniprogram_npm/ only the
// tdesign-miniprogram components the mini-program uses, following every reference (usingComponents,
// JS imports including TDesign's bundled tslib, <import>/<include>/<wxs src>, wxs require, WXSS
// @import), so the main package carries no unused component. Runs at `npm install`.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = 'tdesign-miniprogram';
const miniprogramRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = resolve(miniprogramRoot, '../node_modules', PACKAGE, 'miniprogram_dist');
const target = join(miniprogramRoot, 'miniprogram_npm', PACKAGE);
const SKIPPED_DIRS = new Set(['miniprogram_npm', 'node_modules', 'typings', 'scripts']);
const COMPONENT_FILES = ['.js', '.json', '.wxml', '.wxss'];

/** Every `usingComponents` entry of the app that names a TDesign component, as a path inside the package. */
function usedComponents(dir = miniprogramRoot, found = new Set()) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) { if (!SKIPPED_DIRS.has(name)) usedComponents(path, found); continue; }
    if (!name.endsWith('.json') || name === 'project.config.json' || name === 'package.json') continue;
    const using = JSON.parse(readFileSync(path, 'utf8')).usingComponents ?? {};
    for (const ref of Object.values(using)) if (String(ref).startsWith(`${PACKAGE}/`)) found.add(String(ref).slice(PACKAGE.length + 1));
  }
  return found;
}

/** A reference from `fromFile` (package-relative, posix) to a package-relative file, or null when absent. */
function resolveReference(fromFile, ref, extensions) {
  const base = ref.startsWith('.') ? posix.join(posix.dirname(fromFile), ref) : posix.join('miniprogram_npm', ref);
  const candidates = [base, ...extensions.map((ext) => base + ext), ...extensions.map((ext) => posix.join(base, 'index' + ext))];
  return candidates.find((candidate) => existsSync(join(source, candidate)) && statSync(join(source, candidate)).isFile()) ?? null;
}

const REFERENCE_PATTERNS = {
  '.js': [[/(?:from|import)\s*["']([^"']+)["']/g, ['.js']], [/require\(\s*["']([^"']+)["']\s*\)/g, ['.js']]],
  '.wxml': [[/<(?:import|include)[^>]*\ssrc="([^"]+)"/g, ['.wxml']], [/<wxs[^>]*\ssrc="([^"]+)"/g, ['.wxs']]],
  '.wxs': [[/require\(\s*["']([^"']+)["']\s*\)/g, ['.wxs']]],
  '.wxss': [[/@import\s+["']([^"']+)["']/g, ['.wxss']]],
};

function referencesOf(file) {
  const text = readFileSync(join(source, file), 'utf8');
  if (file.endsWith('.json')) {
    const using = JSON.parse(text).usingComponents ?? {};
    return Object.values(using).flatMap((ref) => COMPONENT_FILES.map((ext) => resolveReference(file, ref + ext, [])));
  }
  const patterns = REFERENCE_PATTERNS[posix.extname(file)] ?? [];
  return patterns.flatMap(([pattern, extensions]) => [...text.matchAll(pattern)].map((match) => resolveReference(file, match[1], extensions)));
}

function collect(components) {
  const files = new Set();
  const queue = [...components].flatMap((component) => COMPONENT_FILES.map((ext) => component + ext));
  while (queue.length) {
    const file = queue.pop();
    if (files.has(file) || !existsSync(join(source, file))) continue;
    files.add(file);
    for (const reference of referencesOf(file)) if (reference && !files.has(reference)) queue.push(reference);
  }
  return files;
}

if (!existsSync(source)) {
  console.error(`build-npm: ${relative(process.cwd(), source)} 不存在，请先 npm install`);
  process.exit(1);
}
const components = usedComponents();
const files = collect(components);
rmSync(target, { recursive: true, force: true });
let bytes = 0;
for (const file of files) {
  mkdirSync(dirname(join(target, file)), { recursive: true });
  copyFileSync(join(source, file), join(target, file));
  bytes += statSync(join(source, file)).size;
}
console.log(`build-npm: ${components.size} TDesign components → ${files.size} files, ${(bytes / 1024).toFixed(0)} KB in miniprogram/miniprogram_npm/`);
