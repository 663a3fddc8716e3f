import type { Logger } from 'pino';
import type { Clock } from './clock.ts';
import type { Db } from './db/client.ts';
import type { Config } from './env.ts';
import type { WechatClient } from './wechat/client.ts';

/** Everything the services need from the outside world, built once at start. */
export type AppDeps = {
  db: Db;
  dialect: 'mysql' | 'sqlite';
  config: Config;
  wechat: WechatClient;
  logger: Logger;
  clock: Clock;
};
