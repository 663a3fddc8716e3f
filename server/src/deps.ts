import type { Logger } from 'pino';
import type { Clock } from './clock.ts';
import type { Db } from './db/client.ts';
import type { RawMysql } from './db/raw-mysql.ts';
import type { Config } from './env.ts';
import type { WechatClient } from './wechat/client.ts';

/** Everything the services need from the outside world, built once at start. */
export type AppDeps = {
  db: Db;
  dialect: 'mysql' | 'sqlite';
  /** mysql2 pool for raw MySQL hot paths; null on SQLite. */
  rawMysql: RawMysql | null;
  config: Config;
  wechat: WechatClient;
  logger: Logger;
  clock: Clock;
};
