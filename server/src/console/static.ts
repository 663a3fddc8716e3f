// Serves the built console (server/console/dist, made by `npm run console:build` at install)
// at /console/ on the API's own origin: hashed assets are cached for a year, every other
// /console/ path gets index.html (the Vue router's history mode), and / leads to the console.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Koa from 'koa';

export const CONSOLE_DIST = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../console/dist');
const PREFIX = '/console';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Shown instead of the console when the build is missing, so the cause is plain. */
const MISSING_BUILD_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>控制台尚未构建</title></head>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto;line-height:1.7">
<h1>控制台尚未构建</h1>
<p>服务器没有找到控制台的构建结果（server/console/dist）。请在项目目录运行 <code>npm run console:build</code>（<code>npm install</code> 也会构建），然后刷新本页。</p>
<p>接口不受影响：<a href="/api/openapi.json">/api/openapi.json</a></p>
</body></html>`;

async function fileIn(root: string, relative: string): Promise<string | null> {
  const candidate = normalize(join(root, relative));
  if (candidate !== root && !candidate.startsWith(root + sep)) return null;
  const info = await stat(candidate).catch(() => null);
  return info?.isFile() ? candidate : null;
}

/** Files are small (a few hundred KB at most); whole buffers avoid half-sent streams. */
async function send(ctx: Koa.Context, file: string, cacheControl: string): Promise<void> {
  ctx.body = await readFile(file);
  ctx.type = extname(file);
  ctx.set('Cache-Control', cacheControl);
}

/** Middleware for GET/HEAD of / and /console/…; everything else passes through. */
export function consoleStatic(distDir: string = CONSOLE_DIST): Koa.Middleware {
  const root = resolve(distDir);
  return async function consoleStaticMiddleware(ctx, next) {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (ctx.path === '/') return ctx.redirect(`${PREFIX}/`);
    if (ctx.path !== PREFIX && !ctx.path.startsWith(`${PREFIX}/`)) return next();
    if (ctx.path === PREFIX) return ctx.redirect(`${PREFIX}/`);

    let relative: string;
    try {
      relative = decodeURIComponent(ctx.path.slice(PREFIX.length + 1));
    } catch {
      relative = '';
    }
    const file = relative ? await fileIn(root, relative) : null;
    if (file) return send(ctx, file, relative.startsWith('assets/') ? IMMUTABLE : 'no-cache');
    // A missing hashed asset is a 404, not the app: a stale tab must not get HTML for a script.
    if (relative.startsWith('assets/')) return next();

    const index = await fileIn(root, 'index.html');
    if (index) return send(ctx, index, 'no-cache');
    ctx.status = 503;
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = MISSING_BUILD_PAGE;
  };
}
