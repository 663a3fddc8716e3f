import { randomUUID } from 'node:crypto';
import type Koa from 'koa';
import type { Logger } from 'pino';
import type { AppState } from '../http/state.ts';

const ACCEPTABLE_REQUEST_ID = /^[\w.:-]{1,64}$/;

/** Gives each request an id (the caller's if sane) and a logger, and logs its outcome. */
export function requestContext(logger: Logger): Koa.Middleware<AppState> {
  return async function requestContextMiddleware(ctx, next) {
    const incoming = ctx.get('x-request-id');
    const requestId = ACCEPTABLE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    // The request's child logger is made when something logs: most requests never do.
    let log: Logger | undefined;
    Object.defineProperty(ctx.state, 'log', { get: () => (log ??= logger.child({ requestId })), configurable: true, enumerable: true });
    ctx.set('X-Request-Id', requestId);
    const started = performance.now();
    try {
      await next();
    } finally {
      if (logger.isLevelEnabled('info')) ctx.state.log.info({
        method: ctx.method, path: ctx.path, status: ctx.status,
        ms: Math.round(performance.now() - started), userId: ctx.state.actor?.userId,
      }, 'request');
    }
  };
}
