import type Koa from 'koa';
import { Prisma } from '../db/client.ts';
import { AppError, NotFoundError, RateLimitedError, statusByCode } from '../errors.ts';
import { NotReadyError } from '../system/service.ts';
import type { AppState } from '../http/state.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';

type Rendered = { status: number; code: string; message: string; details?: unknown; retryAfterSeconds?: number };

/** Seconds a client is asked to wait while the database is away (a restart takes a few). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Errors thrown by Koa's own machinery (body parser, router) carry an HTTP status and a type. */
function fromHttpError(error: { status?: number; type?: string; name?: string }): Rendered | null {
  // co-body (under @koa/bodyparser) rethrows JSON.parse's SyntaxError with status 400.
  if (error.type === 'entity.parse.failed' || (error.name === 'SyntaxError' && error.status === 400)) return { status: 400, code: 'invalid_json', message: '请求体不是合法的 JSON' };
  if (error.type === 'entity.too.large') return { status: 413, code: 'payload_too_large', message: '请求体过大' };
  if (error.type === 'encoding.unsupported' || error.status === 415) return { status: 415, code: 'unsupported_media_type', message: '不支持的请求体编码或类型' };
  if (error.status === 405) return { status: 405, code: 'method_not_allowed', message: '该接口不支持此请求方法' };
  if (error.status === 501) return { status: 405, code: 'method_not_allowed', message: '不支持此请求方法' };
  if (error.status === 400) return { status: 400, code: 'validation_failed', message: '请求格式不正确' };
  return null;
}

function render(error: unknown): Rendered | null {
  if (error instanceof RateLimitedError) {
    return { status: 429, code: error.code, message: error.message, details: error.details, retryAfterSeconds: error.retryAfterSeconds };
  }
  if (error instanceof NotReadyError) return { status: 503, code: error.code, message: error.message, retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS };
  if (isDatabaseUnavailable(error)) {
    return { status: 503, code: 'database_unavailable', message: '系统繁忙，数据库暂时不可用，请稍后重试（已保存的内容不会丢失）', retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS };
  }
  if (error instanceof AppError) {
    return { status: statusByCode[error.code] ?? 500, code: error.code, message: error.message, details: error.details };
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    // Branch on the code only: the metadata differs between the MySQL and SQLite adapters.
    if (error.code === 'P2025') return { status: 404, code: 'not_found', message: '记录不存在或无权访问' };
    if (error.code === 'P2002') return { status: 409, code: 'conflict', message: '数据与已有记录重复' };
    if (error.code === 'P2003') return { status: 409, code: 'conflict', message: '数据仍被其他记录引用，或引用的记录不存在' };
    return null;
  }
  if (error && typeof error === 'object' && 'status' in error) return fromHttpError(error as { status?: number; type?: string });
  return null;
}

/** The one place where errors become HTTP responses; unknown errors are logged, never shown. */
export function errorHandler(): Koa.Middleware<AppState> {
  return async function errorMiddleware(ctx, next) {
    try {
      await next();
      if (ctx.status === 404 && ctx.body == null) throw new NotFoundError('接口不存在');
    } catch (error) {
      const rendered = render(error) ?? { status: 500, code: 'internal_error', message: '服务器内部错误，请稍后重试' };
      if (rendered.code === 'database_unavailable') ctx.state.log.warn({ err: error }, 'database unavailable');
      else if (rendered.status >= 500) ctx.state.log.error({ err: error }, 'request failed');
      else ctx.state.log.debug({ code: rendered.code }, 'request refused');
      if (rendered.retryAfterSeconds !== undefined) ctx.set('Retry-After', String(rendered.retryAfterSeconds));
      ctx.status = rendered.status;
      ctx.body = { ok: false, error: { code: rendered.code, message: rendered.message, ...(rendered.details !== undefined ? { details: rendered.details } : {}) } };
    }
  };
}
