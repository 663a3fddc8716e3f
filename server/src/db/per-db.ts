// Per-process state of the hot paths (caches, batch writers, loaders) belongs to one database
// client: tests open several clients in one process, and each must get its own.
import type { Db } from './client.ts';
import type { AppDeps } from '../deps.ts';

/** A value made on first use for each database client, and kept as long as the client lives. */
export function perDb<T>(create: (db: Db) => T): (db: Db) => T {
  const values = new WeakMap<Db, T>();
  return (db) => {
    let value = values.get(db);
    if (value === undefined) values.set(db, (value = create(db)));
    return value;
  };
}

/** The same, for values that also need the raw MySQL pool (null on SQLite) when they are made. */
export function perDeps<T>(create: (deps: Pick<AppDeps, 'db' | 'rawMysql'>) => T): (deps: Pick<AppDeps, 'db' | 'rawMysql'>) => T {
  const values = new WeakMap<Db, T>();
  return (deps) => {
    let value = values.get(deps.db);
    if (value === undefined) values.set(deps.db, (value = create(deps)));
    return value;
  };
}
