// The load driver of the heartbeat benchmark, in its own process (so its CPU is not the
// server's and not the orchestrator's): a lean HTTP/1.1 client over a fixed number of
// keep-alive TCP connections (net sockets, hand-written requests, a minimal response parser
// that needs Content-Length). Driven over IPC by heartbeats.ts, one phase at a time:
//
//   open    requests scheduled at `rate`/s (0: all at once), `count` of them; a request
//           waits client-side for a free connection, so latency is reported both from the
//           moment it was due ("from schedule", what the learner sees) and from when it went out
//   closed  every connection sends the next learner's heartbeat as soon as the previous one is
//           answered, for `seconds`
//
// Learners are taken in rotation; each learner's seq increments by one per heartbeat sent.
// Every heartbeat answered 200 {accepted: true} is recorded as (learner, seq), for the
// durability check against the database at the end. HB_DEBUG=1 prints progress to stderr every 2 s.
import net from 'node:net';
import hdr from 'hdr-histogram-js';
import { heartbeatBody } from './heartbeats-rows.ts';

export type Learner = { sessionId: number; token: string };
/** `fromLearner` resets the rotation; `learners` limits it to the first n learners (default all). */
export type PhaseSpec =
  /** `rate` per second; 0: all `count` at once. */
  | { kind: 'open'; name: string; rate: number; count: number; fromLearner?: number; learners?: number }
  | { kind: 'closed'; name: string; seconds: number; fromLearner?: number; learners?: number };
export type Percentiles = { n: number; p50: number; p95: number; p99: number; max: number; mean: number };
export type PhaseResult = {
  name: string; kind: PhaseSpec['kind']; sent: number; accepted: number; failed: number;
  failures: Record<string, { count: number; sample: string }>;
  /** From the phase's start to its last answer. */
  durationMs: number;
  /** Accepted heartbeats per 100 ms since the phase's start. */
  perTick: number[];
  fromSend: Percentiles; fromSchedule: Percentiles | null;
  maxBacklog: number; driverCpuSeconds: number;
};
export type DriverRequest =
  | { type: 'init'; url: string; learners: Learner[]; connections: number }
  | { type: 'phase'; spec: PhaseSpec }
  | { type: 'acks' };
export type DriverReply =
  | { type: 'ready'; pid: number }
  | { type: 'connected'; connections: number }
  | { type: 'phase-done'; result: PhaseResult }
  | { type: 'acks'; acked: number[][] }
  | { type: 'error'; message: string };

const TICK_MS = 100;
const newHistogram = () => hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3 });
type Histogram = ReturnType<typeof newHistogram>;
const percentiles = (h: Histogram): Percentiles => ({
  n: h.totalCount, p50: h.getValueAtPercentile(50) / 1000, p95: h.getValueAtPercentile(95) / 1000,
  p99: h.getValueAtPercentile(99) / 1000, max: h.maxValue / 1000, mean: h.mean / 1000,
});

type Job = { learner: number; seq: number; dueAt: number };
type Phase = {
  spec: PhaseSpec; t0: number; endAt: number; inFlight: number; sent: number; accepted: number; failed: number;
  failures: Map<string, { count: number; sample: string }>; perTick: number[];
  fromSend: Histogram; fromSchedule: Histogram; lastAnswerAt: number; cpu: NodeJS.CpuUsage;
  queue: Job[]; head: number; scheduled: number; maxBacklog: number; done: (result: PhaseResult) => void;
};

let learners: Learner[] = [];
let seqs: Int32Array;
let acked: number[][] = [];
let cursor = 0;
let rotation = 0;
let host = '';
let port = 0;
let phase: Phase | null = null;
const connections: Connection[] = [];
const idle: Connection[] = [];

function nextJob(dueAt: number): Job {
  const learner = cursor++ % rotation;
  return { learner, seq: ++seqs[learner]!, dueAt };
}

class Connection {
  private socket!: net.Socket;
  private buffer: Buffer | null = null;
  private job: Job | null = null;
  private sentAt = 0;
  private connected: Promise<void>;

  constructor() { this.connected = this.open(); }

  ready(): Promise<void> { return this.connected; }

  private open(): Promise<void> {
    this.buffer = null;
    this.socket = net.connect({ host, port, noDelay: true });
    this.socket.setKeepAlive(true);
    this.socket.setTimeout(120_000, () => this.socket.destroy(new Error('no answer in 120 s')));
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('error', () => { /* reported through 'close' */ });
    this.socket.on('close', () => {
      if (stopping) return;
      const job = this.job;
      this.job = null;
      this.connected = this.open();
      this.connected.catch(() => { /* the next request on it fails and is counted */ });
      if (job) finish(this, job, this.sentAt, 0, 'connection closed');
    });
    return new Promise((resolve, reject) => { this.socket.once('connect', resolve); this.socket.once('error', reject); });
  }

  send(job: Job): void {
    const learner = learners[job.learner]!;
    const body = heartbeatBody(job.learner, job.seq, new Date().toISOString());
    this.job = job;
    this.sentAt = performance.now();
    this.socket.write(
      `POST /api/study/sessions/${learner.sessionId}/heartbeats HTTP/1.1\r\nHost: ${host}:${port}\r\nAuthorization: Bearer ${learner.token}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`, 'latin1');
  }

  close(): void { this.socket.destroy(); }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const buffer: Buffer | null = this.buffer;
      if (!buffer) return;
      const headerEnd: number = buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const head = buffer.toString('latin1', 0, headerEnd);
      const length = /\r\ncontent-length: *(\d+)/i.exec(head);
      if (!length) { this.socket.destroy(new Error(`response without Content-Length: ${head.slice(0, 200)}`)); return; }
      const end: number = headerEnd + 4 + Number(length[1]);
      if (buffer.length < end) return;
      const status = Number(head.slice(9, 12));
      const body = buffer.toString('utf8', headerEnd + 4, end);
      this.buffer = end === buffer.length ? null : buffer.subarray(end);
      const job = this.job;
      this.job = null;
      if (job) finish(this, job, this.sentAt, status, body);
    }
  }
}

let stopping = false;

function finish(connection: Connection, job: Job, sentAt: number, status: number, body: string): void {
  const p = phase;
  if (!p) return;
  const now = performance.now();
  p.inFlight--;
  p.lastAnswerAt = now;
  if (status === 200 && body.includes('"accepted":true')) {
    p.accepted++;
    acked[job.learner]!.push(job.seq);
    p.fromSend.recordValue(Math.max(1, Math.round((now - sentAt) * 1000)));
    if (p.spec.kind === 'open') p.fromSchedule.recordValue(Math.max(1, Math.round((now - job.dueAt) * 1000)));
    const tick = Math.floor((now - p.t0) / TICK_MS);
    p.perTick[tick] = (p.perTick[tick] ?? 0) + 1;
  } else {
    p.failed++;
    const key = status ? `HTTP ${status}` : body;
    const entry = p.failures.get(key) ?? { count: 0, sample: body.slice(0, 300) };
    entry.count++;
    p.failures.set(key, entry);
  }
  feed(connection, now);
}

/** Gives the connection its next request, or parks it; ends the phase when nothing is left. */
function feed(connection: Connection, now: number): void {
  const p = phase!;
  let job: Job | null = null;
  if (p.spec.kind === 'open') {
    if (p.head < p.queue.length) {
      job = p.queue[p.head]!;
      p.queue[p.head++] = undefined as unknown as Job;
      if (p.head > 65_536 && p.head * 2 > p.queue.length) { p.queue = p.queue.slice(p.head); p.head = 0; }
    }
  } else if (now < p.endAt) {
    job = nextJob(now);
  }
  if (job) {
    p.inFlight++;
    p.sent++;
    connection.send(job);
    return;
  }
  idle.push(connection);
  const allScheduled = p.spec.kind === 'closed' || p.scheduled >= p.spec.count;
  if (allScheduled && p.inFlight === 0 && p.head >= p.queue.length) endPhase();
}

function endPhase(): void {
  const p = phase!;
  phase = null;
  const cpu = process.cpuUsage(p.cpu);
  const perTick = Array.from({ length: p.perTick.length }, (_, i) => p.perTick[i] ?? 0);
  p.done({
    name: p.spec.name, kind: p.spec.kind, sent: p.sent, accepted: p.accepted, failed: p.failed,
    failures: Object.fromEntries(p.failures), durationMs: p.lastAnswerAt - p.t0, perTick,
    fromSend: percentiles(p.fromSend), fromSchedule: p.spec.kind === 'open' ? percentiles(p.fromSchedule) : null,
    maxBacklog: p.maxBacklog, driverCpuSeconds: (cpu.user + cpu.system) / 1e6,
  });
}

function runPhase(spec: PhaseSpec): Promise<PhaseResult> {
  if (spec.fromLearner !== undefined) cursor = spec.fromLearner;
  rotation = Math.min(learners.length, spec.learners ?? learners.length);
  return new Promise((resolve) => {
    const t0 = performance.now();
    const p: Phase = {
      spec, t0, endAt: spec.kind === 'closed' ? t0 + spec.seconds * 1000 : Infinity, inFlight: 0, sent: 0, accepted: 0, failed: 0,
      failures: new Map(), perTick: [], fromSend: newHistogram(), fromSchedule: newHistogram(), lastAnswerAt: t0, cpu: process.cpuUsage(),
      queue: [], head: 0, scheduled: 0, maxBacklog: 0, done: resolve,
    };
    phase = p;
    const parked = idle.splice(0);
    if (spec.kind === 'closed') {
      for (const connection of parked) feed(connection, t0);
      return;
    }
    // Open loop: release what is due every millisecond, hand it to free connections.
    const pump = () => {
      if (phase !== p) return;
      const now = performance.now();
      const due = spec.rate === 0 ? spec.count : Math.min(spec.count, Math.floor(((now - t0) * spec.rate) / 1000) + 1);
      while (p.scheduled < due) {
        p.queue.push(nextJob(spec.rate === 0 ? t0 : t0 + (p.scheduled * 1000) / spec.rate));
        p.scheduled++;
      }
      p.maxBacklog = Math.max(p.maxBacklog, p.queue.length - p.head);
      const free = idle.splice(0);
      for (const connection of free) feed(connection, now);
      if (phase === p && p.scheduled < spec.count) setTimeout(pump, 1);
    };
    idle.push(...parked);
    pump();
  });
}

const reply = (message: DriverReply) => process.send!(message);

if (process.env.HB_DEBUG === '1') {
  setInterval(() => {
    const p = phase;
    if (p) console.error(`[driver] ${p.spec.name}: sent ${p.sent} accepted ${p.accepted} failed ${p.failed} in flight ${p.inFlight} backlog ${p.queue.length - p.head} idle ${idle.length}`);
  }, 2000).unref();
}

process.on('message', async (message: DriverRequest) => {
  try {
    if (message.type === 'init') {
      const url = new URL(message.url);
      host = url.hostname;
      port = Number(url.port);
      learners = message.learners;
      seqs = new Int32Array(learners.length);
      acked = learners.map(() => []);
      for (let i = 0; i < message.connections; i++) connections.push(new Connection());
      await Promise.all(connections.map((c) => c.ready()));
      idle.push(...connections);
      reply({ type: 'connected', connections: connections.length });
    } else if (message.type === 'phase') {
      reply({ type: 'phase-done', result: await runPhase(message.spec) });
    } else if (message.type === 'acks') {
      reply({ type: 'acks', acked });
    }
  } catch (error) {
    reply({ type: 'error', message: (error as Error).stack ?? String(error) });
  }
});

const stop = () => {
  stopping = true;
  for (const connection of connections) connection.close();
  process.exit(0);
};
process.once('disconnect', stop);
process.once('SIGTERM', stop);
reply({ type: 'ready', pid: process.pid });
