// A MariaDB server of the test's own: a temporary data directory, its own port and socket, no
// grant tables (any user may connect), so a test may stop and restart it without touching the
// machine's server on 3306.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';

export const MARIADBD = '/usr/sbin/mariadbd';
const INSTALL_DB = '/usr/bin/mariadb-install-db';

export type PrivateMariaDb = {
  /** `mysql://…/<database>` for DATABASE_URL. */
  url(database: string): string;
  start(): Promise<void>;
  /** A clean shutdown (SIGTERM), as a service restart does; resolves once the process has exited. */
  stop(): Promise<void>;
  destroy(): Promise<void>;
};

/** Why a private server cannot run here, or null when it can. */
export function privateMariaDbUnavailable(): string | null {
  if (!existsSync(MARIADBD) || !existsSync(INSTALL_DB)) return `${MARIADBD} is not installed`;
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    }).once('error', reject);
  });
}

/** Installs a fresh data directory (about half a second) and picks a free port. */
export async function createPrivateMariaDb(): Promise<PrivateMariaDb> {
  const dir = mkdtempSync(join(tmpdir(), 'xuefa-mariadb-'));
  // mariadbd refuses to run as root; as root it drops to the mysql user, which must own the directory.
  const asRoot = userInfo().uid === 0;
  const user = asRoot ? 'mysql' : userInfo().username;
  if (asRoot) execFileSync('chown', ['mysql:mysql', dir]);
  execFileSync(INSTALL_DB, [`--user=${user}`, `--datadir=${join(dir, 'data')}`, '--skip-test-db', '--auth-root-authentication-method=normal'], { stdio: 'ignore' });
  const port = await freePort();
  const socket = join(dir, 'mysqld.sock');
  let child: ChildProcess | null = null;

  async function waitUntilAnswering(): Promise<void> {
    for (let i = 0; i < 200; i++) {
      try {
        const connection = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root' });
        await connection.end();
        return;
      } catch {
        if (child?.exitCode !== null) throw new Error(`mariadbd exited with ${child?.exitCode}; see ${join(dir, 'error.log')}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    throw new Error(`mariadbd did not answer on port ${port} within 20 s`);
  }

  async function stop(): Promise<void> {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  }

  return {
    url: (database) => `mysql://root@127.0.0.1:${port}/${database}`,
    async start() {
      child = spawn(MARIADBD, [
        '--no-defaults', `--user=${user}`, `--datadir=${join(dir, 'data')}`, `--port=${port}`, '--bind-address=127.0.0.1',
        `--socket=${socket}`, `--pid-file=${join(dir, 'mysqld.pid')}`, `--log-error=${join(dir, 'error.log')}`,
        '--skip-grant-tables', '--skip-log-bin', '--innodb-buffer-pool-size=64M', '--max-connections=200',
      ], { stdio: 'ignore' });
      // A test process that dies must not leave its server running.
      const started = child;
      process.once('exit', () => started.kill('SIGKILL'));
      await waitUntilAnswering();
    },
    stop,
    async destroy() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
