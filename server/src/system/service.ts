import { AppError } from '../errors.ts';
import type { AppDeps } from '../deps.ts';

export class NotReadyError extends AppError {
  constructor() { super('not_ready', '数据库暂不可用'); }
}

/** A probe must answer quickly: a pool waiting for a database that is away would hold it for seconds. */
const READY_TIMEOUT_MS = 2_000;

/** Throws NotReadyError unless the database answers a trivial query in time. */
export async function assertDatabaseReady(deps: Pick<AppDeps, 'db'>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('readiness probe timed out')), READY_TIMEOUT_MS); });
  try {
    await Promise.race([deps.db.$queryRawUnsafe('SELECT 1'), timeout]);
  } catch (cause) {
    throw Object.assign(new NotReadyError(), { cause });
  } finally {
    clearTimeout(timer);
  }
}
