import type Koa from 'koa';
import type { Router, RouterMiddleware } from '@koa/router';
import type { AppDeps } from '../deps.ts';
import { authenticate } from '../auth/authenticate.ts';
import { assertBotKey } from '../notifications/bot.ts';
import { requirePermission } from '../policy.ts';
import { UnauthenticatedError } from '../errors.ts';
import type { FileResponse, Paginated, RequestMeta, RouteSpec, StreamedFileResponse } from './route.ts';
import { parseRequestPart } from './validate.ts';
import type { AppState } from './state.ts';
import { loginRateLimit } from '../middlewares/rate-limit.ts';
import { receiveUpload } from './upload.ts';

const emptyObject = Object.freeze({}) as Record<string, never>;

/**
 * Registers every route, each wrapped in authentication, access and validation: hot routes on
 * `hot`, which the app consults first (matching a path against all ~140 routes costs 4–5 µs, a
 * twentieth of a heartbeat's CPU), the others on `main`.
 */
export function mountRoutes(routers: { hot: Router<AppState>; main: Router<AppState> }, routes: RouteSpec[], deps: AppDeps): void {
  const limitLogin = loginRateLimit(deps.config);
  for (const spec of routes) {
    const middlewares: RouterMiddleware<AppState>[] = [];
    if (spec.rateLimit === 'login') middlewares.push(limitLogin);
    middlewares.push(async function routeMiddleware(ctx) {
      await runRoute(spec, ctx, deps);
    });
    (spec.hot ? routers.hot : routers.main).register(spec.path, [spec.method.toUpperCase()], middlewares, { name: `${spec.method} ${spec.path}` });
  }
}

async function runRoute(spec: RouteSpec, ctx: Koa.ParameterizedContext<AppState>, deps: AppDeps): Promise<void> {
  // A wrong bot key is refused before validation, so anonymous callers do not learn the body's schema.
  if (spec.access.kind === 'bot') assertBotKey(deps.config, ctx.get('x-bot-key') || undefined);
  const actor = spec.access.kind === 'bot' ? null : await authenticate(deps, ctx.get('authorization'), deps.clock.now().getTime());
  if ((spec.access.kind === 'signed-in' || spec.access.kind === 'permission') && !actor) throw new UnauthenticatedError();
  if (spec.access.kind === 'permission') requirePermission(actor!, spec.access.permission);
  ctx.state.actor = actor;
  // Uploads are read only after the caller is known to be allowed to send one.
  const file = spec.upload ? await receiveUpload(ctx, spec.upload.maxBytes ?? deps.config.UPLOAD_MAX_MB * 1024 * 1024) : null;

  const input = {
    params: spec.params ? parseRequestPart(spec.params, 'params', (ctx as unknown as { params: unknown }).params) : emptyObject,
    query: spec.query ? parseRequestPart(spec.query, 'query', ctx.query) : emptyObject,
    body: spec.body ? parseRequestPart(spec.body, 'body', (ctx.request as { body?: unknown }).body) : emptyObject,
    file,
  };
  const meta: RequestMeta = { requestId: ctx.state.requestId, ip: ctx.ip, userAgent: ctx.get('user-agent') || undefined };
  const result = await spec.handler(input, { actor: actor as never, deps, meta, koa: ctx });

  ctx.status = spec.status ?? 200;
  if (spec.download) {
    sendFile(ctx, result as FileResponse | StreamedFileResponse);
  } else if (spec.unwrapped) {
    ctx.body = presentOrFail(spec, result);
  } else if (spec.paginated) {
    const page = result as Paginated<unknown>;
    ctx.body = {
      ok: true,
      data: page.items.map((item) => presentOrFail(spec, item)),
      pagination: { page: page.page, pageSize: page.pageSize, total: page.total },
    };
  } else {
    ctx.body = { ok: true, data: presentOrFail(spec, result) };
  }
}

/**
 * Response data always passes through the route's schema: unknown keys are stripped, so a
 * field added to a query never leaks by accident, and a shape error is a bug we log as such.
 */
function presentOrFail(spec: RouteSpec, value: unknown): unknown {
  const parsed = spec.response.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new Error(`response of ${spec.method.toUpperCase()} ${spec.path} does not match its schema: ${parsed.error.message}`);
}

/** RFC 6266 with an RFC 5987 UTF-8 name, so Chinese file names survive every browser. */
function sendFile(ctx: Koa.Context, file: FileResponse | StreamedFileResponse): void {
  const asciiFallback = file.filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  ctx.set('Content-Disposition', `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
  ctx.set('Cache-Control', 'no-store');
  ctx.type = file.contentType;
  ctx.body = file.body;
}
