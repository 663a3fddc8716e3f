// The yardstick for the exam benchmark: a bare Koa app, in its own process, with one route of
// the same shape as an answer save (PUT, JSON body in, small JSON envelope out) and nothing
// behind it: Koa + @koa/router + @koa/bodyparser, no auth, no validation, no database.
import Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import type { Server } from 'node:http';

const app = new Koa();
const router = new Router();
router.put('/api/attempts/:id/answers/:ordinal', (ctx) => {
  const body = ctx.request.body as { response?: unknown; seq?: number } | undefined;
  ctx.body = { ok: true, data: { ordinal: Number(ctx.params.ordinal), seq: body?.seq ?? 0, savedAt: new Date().toISOString(), applied: true } };
});
app.use(bodyParser({ enableTypes: ['json'] }));
app.use(router.routes());

const server: Server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}`, pid: process.pid });
});

const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('disconnect', stop);
