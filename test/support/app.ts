// Starts the real server (migrations, demo seed, Koa on a random port) on a fresh test
// database, wired to a fake WeChat server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../server/src/env.ts';
import { startServer, type Running } from '../../server/src/server.ts';
import { ManualClock } from '../../server/src/clock.ts';
import type { Dialect } from '../../server/src/db/migrations.ts';
import { createTestDatabase } from './databases.ts';
import { startFakeWechat, type FakeWechat } from './fake-wechat.ts';
import { apiClient, type Call } from './http.ts';

export type TestApp = {
  dialect: Dialect;
  running: Running;
  wechat: FakeWechat;
  /** The server's clock: starts at the real time, moves only when a test moves it. */
  clock: ManualClock;
  call: Call;
  /** Signs in through the development login and returns the token. */
  tokenFor(who: { username?: string; phone?: string; userId?: number }): Promise<string>;
  close(): Promise<void>;
};

export async function startTestApp(dialect: Dialect, env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase(dialect);
  const wechat = await startFakeWechat();
  // Uploaded files go to a store of this app's own, removed with it.
  const fileStore = mkdtempSync(join(tmpdir(), 'xuefa-files-'));
  const config = loadConfig({
    NODE_ENV: 'test', PORT: '0', DATABASE_URL: database.url, WECHAT_API_BASE_URL: wechat.baseUrl,
    SEED_DEMO: 'true', LOAD_BANK: 'none', SCHEDULER: 'false', LOGIN_RATE_PER_MINUTE: '1000', DB_POOL_SIZE: '4', FILE_STORE_DIR: fileStore, ...env,
  });
  const clock = new ManualClock();
  const running = await startServer(config, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), { clock });
  const call = apiClient(running.url);
  return {
    dialect, running, wechat, call, clock,
    async tokenFor(who) {
      const response = await call('POST', '/api/auth/dev/login', { body: who });
      if (response.status !== 200) throw new Error(`dev login ${JSON.stringify(who)} failed: ${JSON.stringify(response.body)}`);
      return response.body.data.token;
    },
    async close() {
      await running.close();
      await wechat.close();
      await database.drop();
      rmSync(fileStore, { recursive: true, force: true });
    },
  };
}
