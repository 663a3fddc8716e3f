// Whether an error means "the database cannot be reached right now" (restart, failover, network;
// on SQLite, locked by another writer for the whole busy timeout) rather than "this statement is
// wrong". The first is answered 503 with Retry-After and never
// splits a batch into single rows (each would fail the same way); the second is a request's own.

/** Socket and protocol codes of mysql2 and Node for a connection that is gone or never came. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR', 'PROTOCOL_ENQUEUE_AFTER_QUIT', 'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_SERVER_SHUTDOWN', 'ER_CON_COUNT_ERROR', 'ER_CONNECTION_KILLED',
]);

/**
 * MySQL server errnos (1053 shutdown in progress, 1040 too many connections, 1927 connection
 * killed, 2002/2003/2006/2013 client-side "gone away") and the mariadb connector's own
 * (45001 closed, 45009 socket closed, 45012 connect timeout, 45013 command on closed
 * connection, 45019 socket error, 45026 socket timeout, 45028 no pool connection in time).
 */
const UNAVAILABLE_ERRNOS = new Set([1040, 1053, 1927, 2002, 2003, 2006, 2013, 45001, 45009, 45012, 45013, 45019, 45026, 45028, 45061]);

/**
 * Prisma's own codes for an unreachable or closed server, and for an operation that timed out
 * (P1008: on SQLite, a write that waited its whole busy timeout behind another writer).
 */
const PRISMA_UNAVAILABLE = new Set(['P1001', 'P1002', 'P1008', 'P1017']);

/** SQLite: the database stayed locked by another writer (a long import) for the whole busy timeout. */
const SQLITE_BUSY = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_TIMEOUT', 'SQLITE_LOCKED']);

type Inspectable = { code?: unknown; errno?: unknown; originalCode?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown }; name?: unknown };

/** Looks through the error, its causes and Prisma's wrapped driver error. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length) {
    const current = pending.pop();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const e = current as Inspectable;
    if (e.name === 'PrismaClientInitializationError') return true;
    if (typeof e.code === 'string' && (CONNECTION_CODES.has(e.code) || PRISMA_UNAVAILABLE.has(e.code) || SQLITE_BUSY.has(e.code))) return true;
    if (typeof e.originalCode === 'string' && SQLITE_BUSY.has(e.originalCode)) return true;
    const errno = typeof e.errno === 'number' ? e.errno : typeof e.code === 'number' ? e.code : Number(e.originalCode);
    if (UNAVAILABLE_ERRNOS.has(errno)) return true;
    pending.push(e.cause, e.meta?.driverAdapterError);
  }
  return false;
}
