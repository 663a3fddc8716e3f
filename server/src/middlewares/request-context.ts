import { randomUUID } from 'node:crypto';
import type Koa from 'koa';
import type { Logger } from 'pino';
import type { Actor } from '../auth/actor.ts';
import type { AppState } from '../http/state.ts';

const ACCEPTABLE_REQUEST_ID = /^[\w.:-]{1,64}$/;

/**
 * A request's state. Its child logger is made when something logs: most requests never do. A
 * class, so a request costs one object rather than a property defined with a closure of its own.
 */
class RequestState implements AppState {
  actor?: Actor | null;
  private child: Logger | undefined;

  constructor(readonly requestId: string, private readonly logger: Logger) {}

  get log(): Logger {
    return (this.child ??= this.logger.child({ requestId: this.requestId }));
  }
}

/** Gives each request an id (the caller's if sane) and a logger, and logs its outcome. */
export function requestContext(logger: Logger): Koa.Middleware<AppState> {
  return async function requestContextMiddleware(ctx, next) {
    const incoming = ctx.get('x-request-id');
    const requestId = ACCEPTABLE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    ctx.state = new RequestState(requestId, logger);
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
