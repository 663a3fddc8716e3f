import type Koa from 'koa';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../env.ts';
import { RateLimitedError } from '../errors.ts';

/**
 * Per-IP throttle on login endpoints. It is per instance on purpose: it only blunts bursts.
 * The guard that must hold across instances, the account lock-out, lives in the database.
 */
export function loginRateLimit(config: Config): Koa.Middleware {
  const limiter = new RateLimiterMemory({ keyPrefix: 'login', points: config.LOGIN_RATE_PER_MINUTE, duration: 60 });
  return async function loginRateLimitMiddleware(ctx, next) {
    try {
      await limiter.consume(ctx.ip);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      throw new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)), '登录尝试过于频繁，请稍后再试');
    }
    return next();
  };
}
