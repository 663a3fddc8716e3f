import type Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';
import { AppError } from '../errors.ts';
import type { AppState } from '../http/state.ts';

/** A body that cannot be read at all: a corrupt gzip, deflate or br stream, or a broken connection. */
export class UnreadableBodyError extends AppError {
  constructor() { super('validation_failed', '请求体无法读取：压缩数据损坏或内容不完整'); }
}

/**
 * JSON bodies up to the configured size. Errors of the parser that carry no HTTP status (zlib's
 * on a corrupt compressed body, a stream cut short) are the client's fault, not ours: 400.
 * Errors of later middlewares pass through untouched.
 */
export function jsonBody(limitKb: number): Koa.Middleware<AppState> {
  const parse = bodyParser({ enableTypes: ['json'], jsonLimit: `${limitKb}kb`, encoding: 'utf-8' });
  return async function jsonBodyMiddleware(ctx, next) {
    try {
      await parse(ctx as never, async () => undefined);
    } catch (error) {
      if (error && typeof error === 'object' && 'status' in error) throw error;
      throw Object.assign(new UnreadableBodyError(), { cause: error });
    }
    return next();
  };
}
