// Child processes, /proc readings and the measured code's version, shared by the benchmarks.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Child<M> = { process: ChildProcess; pid: number; ready: M };

/** Spawns `node --import tsx script` with IPC and waits for its `{type: 'ready'}` message. */
export function startChild<M extends { type: string }>(script: string, env: NodeJS.ProcessEnv, nodeFlags: string[] = []): Promise<Child<M>> {
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', script], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    const onMessage = (message: M) => {
      if (message.type !== 'ready') return;
      child.off('message', onMessage);
      resolve({ process: child, pid: child.pid!, ready: message });
    };
    child.on('message', onMessage);
    child.once('exit', (code, signal) => reject(new Error(`${script} exited (${code ?? signal}) before it was ready`)));
  });
}

/** Sends a message and, if `reply` is given, waits for the first message of that type (or an `error`). */
export function ask<M extends { type: string }>(child: Child<M>, message: unknown, reply?: M['type'], timeoutMs = 15 * 60_000): Promise<M | null> {
  child.process.send(message as never);
  if (!reply) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { cleanup(); reject(new Error(`no '${reply}' from pid ${child.pid} within ${timeoutMs / 1000} s`)); }, timeoutMs);
    const onExit = (code: number | null) => { cleanup(); reject(new Error(`pid ${child.pid} exited (${code}) while waiting for '${reply}'`)); };
    const onMessage = (m: M) => {
      if (m.type === 'error') { cleanup(); reject(new Error(`child ${child.pid}: ${(m as unknown as { message: string }).message}`)); }
      if (m.type === reply) { cleanup(); resolve(m); }
    };
    const cleanup = () => { clearTimeout(timer); child.process.off('message', onMessage); child.process.off('exit', onExit); };
    child.process.on('message', onMessage);
    child.process.once('exit', onExit);
  });
}

export function stopChild(child: { process: ChildProcess } | null, timeoutMs = 30_000): Promise<void> {
  if (!child || child.process.exitCode !== null || child.process.signalCode) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.process.kill('SIGKILL'), timeoutMs);
    child.process.once('exit', () => { clearTimeout(timer); resolve(); });
    child.process.kill('SIGTERM');
  });
}

/** VmRSS and VmHWM (the kernel's peak RSS) of a process, in kB. */
export function memoryOf(pid: number): { rss: number; hwm: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: field('VmRSS'), hwm: field('VmHWM') };
  } catch {
    return { rss: NaN, hwm: NaN };
  }
}

const TICKS = 100; // USER_HZ on Linux

/** CPU seconds (user + system) a process has used so far. */
export function cpuOf(pid: number | null): number {
  if (!pid) return NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return NaN;
  }
}

/** CPU seconds the whole machine has been busy (all CPUs, everything but idle and iowait). */
export function machineBusy(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  return (total - fields[3]! - fields[4]!) / TICKS;
}

export const cpuCount = () => readFileSync('/proc/cpuinfo', 'utf8').split('\n').filter((l) => l.startsWith('processor')).length;

export function findPid(commands: string[], port?: number): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!commands.includes(readFileSync(`/proc/${entry}/comm`, 'utf8').trim())) continue;
      // A server started with --port=N (a private one beside the machine's) is told apart by it.
      const ports = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter((arg) => arg.startsWith('--port=')).map((arg) => Number(arg.slice(7)));
      if (port === undefined || (ports.length ? ports.includes(port) : port === 3306)) return Number(entry);
    } catch { /* gone */ }
  }
  return null;
}

/** The commit measured, and whether server/ differs from it (read-only git). */
export function codeVersion(): string {
  try {
    const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
    const git = (...argv: string[]) => execFileSync('git', argv, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = git('status', '--porcelain', '--', 'server').split('\n').filter(Boolean).length;
    return `commit ${git('rev-parse', '--short', 'HEAD')}${dirty ? ` + ${dirty} uncommitted change(s) under server/` : ''}`;
  } catch {
    return 'not a git checkout';
  }
}
