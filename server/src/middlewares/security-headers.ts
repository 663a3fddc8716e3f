import type Koa from 'koa';
import helmet from 'koa-helmet';

/**
 * helmet's security headers, which are the same for every response: helmet computes them once
 * here (it sets them synchronously on the response it is given), and each request then gets
 * them as one block instead of running helmet's dozen middlewares again.
 */
export function securityHeaders(): Koa.Middleware {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: unknown) => { headers[name] = String(value); },
    removeHeader: (name: string) => { delete headers[name]; },
    getHeader: (name: string) => headers[name],
  };
  void helmet()({ req: {}, res } as unknown as Koa.Context, () => Promise.resolve());
  const entries = Object.entries(headers);
  if (!entries.length) throw new Error('helmet set no headers');
  return async function securityHeadersMiddleware(ctx, next) {
    // Straight onto the response (nothing is sent yet): Koa's ctx.set adds checks of its own per header.
    for (const [name, value] of entries) ctx.res.setHeader(name, value);
    await next();
  };
}
