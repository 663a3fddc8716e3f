// The yardstick of the benchmarks: a bare Koa app, in its own process, with one route of the
// shape of an answer save (PUT) and one of a study heartbeat (POST) — JSON body in, small JSON
// envelope out — and nothing behind them: Koa + @koa/router + @koa/bodyparser, no auth, no
// validation, no database. It shows what this machine's HTTP stack alone can answer.
import Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import type { Server } from 'node:http';

const app = new Koa();
const router = new Router();
router.put('/api/attempts/:id/answers/:ordinal', (ctx) => {
  const body = ctx.request.body as { seq?: number } | undefined;
  ctx.body = { ok: true, data: { ordinal: Number(ctx.params.ordinal), seq: body?.seq ?? 0, savedAt: new Date().toISOString(), applied: true } };
});
router.post('/api/study/sessions/:id/heartbeats', (ctx) => {
  const body = ctx.request.body as { seq?: number } | undefined;
  ctx.body = { ok: true, data: { accepted: true, serverAt: new Date().toISOString(), presenceCheck: null, seq: body?.seq ?? 0 } };
});
app.use(bodyParser({ enableTypes: ['json'] }));
app.use(router.routes());

const server: Server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}`, pid: process.pid });
});

// Keep-alive connections from a load driver would otherwise hold close() open.
const stop = () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('disconnect', stop);
