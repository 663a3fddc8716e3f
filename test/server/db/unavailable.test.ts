// Which errors mean "the database is away" (503, and a batch is not split row by row) and which
// are a statement's own fault. The shapes are those seen from mysql2 and from Prisma's MariaDB
// adapter with the server stopped (test/server/resilience/database-restart.test.ts sees them live).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Prisma } from '../../../server/src/db/client.ts';
import { isDatabaseUnavailable } from '../../../server/src/db/unavailable.ts';

const test = suite('isDatabaseUnavailable');

test('mysql2 socket and protocol errors', () => {
  assert.ok(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED', errno: -111 })));
  assert.ok(isDatabaseUnavailable(Object.assign(new Error('Connection lost: The server closed the connection.'), { code: 'PROTOCOL_CONNECTION_LOST' })));
  assert.ok(isDatabaseUnavailable(Object.assign(new Error('Server shutdown in progress'), { code: 'ER_SERVER_SHUTDOWN', errno: 1053 })));
});

test("Prisma's wrapped driver error: the pool found no connection in time", () => {
  const error = new Prisma.PrismaClientKnownRequestError('Raw query failed. Code: `45028`.', {
    code: 'P2010', clientVersion: '7',
    meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { originalCode: '45028', kind: 'mysql', code: 45028, cause: 'connect ECONNREFUSED 127.0.0.1:33999' } } },
  });
  assert.ok(isDatabaseUnavailable(error));
});

test('SQLite locked by another writer for the whole busy timeout (P1008 around SQLITE_BUSY)', () => {
  const error = new Prisma.PrismaClientKnownRequestError('Operation has timed out', {
    code: 'P1008', clientVersion: '7',
    meta: { modelName: 'JobRun', driverAdapterError: { name: 'DriverAdapterError', cause: { originalCode: 'SQLITE_BUSY', originalMessage: 'database is locked', kind: 'SocketTimeout' } } },
  });
  assert.ok(isDatabaseUnavailable(error));
  assert.ok(isDatabaseUnavailable({ name: 'DriverAdapterError', cause: { originalCode: 'SQLITE_BUSY', kind: 'SocketTimeout' } }));
});

test("a statement's own failure is not an outage", () => {
  assert.not.ok(isDatabaseUnavailable(Object.assign(new Error('CONSTRAINT `attempt_items.response` failed'), { code: 'ER_CONSTRAINT_FAILED', errno: 4025 })));
  assert.not.ok(isDatabaseUnavailable(new Prisma.PrismaClientKnownRequestError('Unique constraint failed', { code: 'P2002', clientVersion: '7' })));
  assert.not.ok(isDatabaseUnavailable(new TypeError('x is undefined')));
  assert.not.ok(isDatabaseUnavailable({ name: 'DriverAdapterError', cause: { originalCode: 'SQLITE_CONSTRAINT_CHECK', kind: 'sqlite' } }));
  assert.not.ok(isDatabaseUnavailable(null));
  const cyclic: { cause?: unknown } = {};
  cyclic.cause = cyclic;
  assert.not.ok(isDatabaseUnavailable(cyclic), 'a cause cycle ends');
});

test.run();
