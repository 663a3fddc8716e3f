import Koa from 'koa';
import pino from 'pino';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Prisma } from '../../../server/src/db/client.ts';
import { ConflictError, RateLimitedError } from '../../../server/src/errors.ts';
import type { AppState } from '../../../server/src/http/state.ts';
import { errorHandler } from '../../../server/src/middlewares/errors.ts';
import { requestContext } from '../../../server/src/middlewares/request-context.ts';
import { apiClient } from '../../support/http.ts';

type Context = { url: string; close(): Promise<void>; logged: unknown[] };

/** An app whose only route throws whatever the test puts in `toThrow`. */
let toThrow: unknown;

const errors = suite<Context>('errorHandler', {} as Context);
errors.before(async (context) => {
  context.logged = [];
  const logger = pino({ level: 'error' }, { write: (line: string) => { context.logged.push(JSON.parse(line)); } });
  const app = new Koa<AppState>();
  app.use(requestContext(logger));
  app.use(errorHandler());
  app.use(() => { throw toThrow; });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  context.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  context.close = () => new Promise((resolve) => server.close(() => resolve()));
});
errors.after(({ close }) => close());

errors('Prisma "record not found" becomes 404 not_found', async ({ url }) => {
  toThrow = new Prisma.PrismaClientKnownRequestError('No record was found', { code: 'P2025', clientVersion: '7' });
  const response = await apiClient(url)('GET', '/');
  assert.is(response.status, 404);
  assert.is(response.body.error.code, 'not_found');
});

errors('Prisma unique violation becomes 409 conflict', async ({ url }) => {
  toThrow = new Prisma.PrismaClientKnownRequestError('Unique constraint failed', { code: 'P2002', clientVersion: '7' });
  const response = await apiClient(url)('GET', '/');
  assert.is(response.status, 409);
  assert.is(response.body.error.code, 'conflict');
});

errors('typed errors keep their code, message and details', async ({ url }) => {
  toThrow = new ConflictError('单位代码已存在', { field: 'code' });
  const response = await apiClient(url)('GET', '/');
  assert.equal(response.body, { ok: false, error: { code: 'conflict', message: '单位代码已存在', details: { field: 'code' } } });
  toThrow = new RateLimitedError(7);
  const limited = await apiClient(url)('GET', '/');
  assert.is(limited.status, 429);
  assert.is(limited.headers.get('retry-after'), '7');
});

errors('an unknown error is a 500 that is logged but never shown', async ({ url, logged }) => {
  toThrow = new Error('connection string mysql://root:secret@db');
  const response = await apiClient(url)('GET', '/', { headers: { 'x-request-id': 'req-500' } });
  assert.is(response.status, 500);
  assert.is(response.body.error.code, 'internal_error');
  assert.not.match(JSON.stringify(response.body), /secret/);
  const entry = logged.find((line) => (line as { requestId?: string; msg?: string }).requestId === 'req-500' && (line as { msg: string }).msg === 'request failed') as { err: { message: string } };
  assert.ok(entry, 'the failure is logged with its request id');
  assert.match(entry.err.message, /connection string/);
});

errors.run();
