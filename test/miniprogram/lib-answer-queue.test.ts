// The exam answer queue: stored before it is sent, sent one at a time in sequence order,
// retried with back-off, honest about its status, and never re-applying a stale answer.
// The server here is a model of the save rule (a sequence number at or below the stored one
// is a no-op); the journeys in exam.test.ts run the same queue against the real server.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { AnswerQueue, defaultBackoff, queueStatusText, storageKeyOf, type PendingAnswer, type QueueState, type SendOutcome, type Timers } from '../../miniprogram/lib/answer-queue.ts';

class MemoryStorage {
  readonly map = new Map<string, string>();
  getItem(key: string) { return this.map.get(key) ?? null; }
  setItem(key: string, value: string) { this.map.set(key, value); }
  removeItem(key: string) { this.map.delete(key); }
}

/** Timers the test moves by hand. */
class ManualTimers implements Timers {
  private queue: Array<{ at: number; run: () => void; handle: number }> = [];
  private now = 0;
  private next = 1;
  readonly delays: number[] = [];
  set(run: () => void, ms: number) { this.delays.push(ms); const handle = this.next++; this.queue.push({ at: this.now + ms, run, handle }); return handle; }
  clear(handle: unknown) { this.queue = this.queue.filter((t) => t.handle !== handle); }
  async advance(ms: number) {
    this.now += ms;
    for (const due of this.queue.filter((t) => t.at <= this.now)) { this.clear(due.handle); due.run(); }
    await settleMicrotasks();
  }
  get waiting() { return this.queue.length; }
}

const settleMicrotasks = () => new Promise((resolve) => setImmediate(resolve));

type Network = 'up' | 'down' | 'reply-lost';
/** The server's save rule: one stored (response, seq) per question; an older or equal seq changes nothing. */
class ModelServer {
  network: Network = 'up';
  readonly stored = new Map<number, { response: unknown; seq: number }>();
  readonly received: PendingAnswer[] = [];
  closedWith: string | null = null;
  async save(answer: PendingAnswer): Promise<SendOutcome> {
    await Promise.resolve();
    if (this.network === 'down') return { kind: 'unreachable', message: 'request:fail' };
    this.received.push(answer);
    if (this.closedWith) return { kind: 'closed', code: this.closedWith, message: '本次考试已交卷，答案不能再修改' };
    if (answer.response === 'Z') return { kind: 'rejected', message: '选项 Z 不存在' };
    const current = this.stored.get(answer.ordinal);
    const applied = !current || answer.seq > current.seq;
    if (applied) this.stored.set(answer.ordinal, { response: answer.response, seq: answer.seq });
    if (this.network === 'reply-lost') return { kind: 'unreachable', message: 'request:fail timeout' };
    return { kind: 'saved', applied };
  }
}

function setup(storage = new MemoryStorage(), server = new ModelServer(), attemptId = 7) {
  const timers = new ManualTimers();
  const states: QueueState[] = [];
  const rejected: Array<[number, string]> = [];
  const queue = new AnswerQueue({
    attemptId, storage, timers, send: (answer) => server.save(answer),
    onChange: (state) => states.push(state), onRejected: (answer, message) => rejected.push([answer.ordinal, message]),
  });
  return { queue, storage, server, timers, states, rejected };
}

const sending = suite('AnswerQueue sending');

sending('every answer is stored before it is sent, with increasing sequence numbers', async () => {
  const { queue, storage, server } = setup();
  queue.resume([]);
  queue.save(1, 'A');
  const stored = JSON.parse(storage.getItem(storageKeyOf(7))!);
  assert.equal(stored.pending, [{ ordinal: 1, response: 'A', seq: 1 }], 'in storage before any reply');
  queue.save(2, ['B', 'C']);
  await settleMicrotasks();
  assert.equal(server.received.map((a) => [a.ordinal, a.seq]), [[1, 1], [2, 2]]);
  assert.equal(JSON.parse(storage.getItem(storageKeyOf(7))!).pending, []);
  assert.is(queue.state.status, 'saved');
});

sending('one answer is on its way at a time, in sequence order', async () => {
  const storage = new MemoryStorage();
  let inFlight = 0; let most = 0;
  const order: number[] = [];
  const queue = new AnswerQueue({ attemptId: 1, storage, send: async (answer) => {
    inFlight++; most = Math.max(most, inFlight); order.push(answer.seq);
    await new Promise((resolve) => setTimeout(resolve, 2));
    inFlight--; return { kind: 'saved', applied: true };
  } });
  queue.resume([]);
  for (let ordinal = 1; ordinal <= 5; ordinal++) queue.save(ordinal, 'A');
  const state = await queue.settle();
  assert.is(state.status, 'saved');
  assert.is(most, 1);
  assert.equal(order, [1, 2, 3, 4, 5]);
});

sending('a newer answer to a question waiting in the queue replaces it; the one already on its way is not touched', async () => {
  const { queue, server, timers } = setup();
  queue.resume([]);
  server.network = 'down';
  queue.save(3, 'A'); // goes out at once and fails
  await settleMicrotasks();
  queue.save(3, 'B');
  queue.save(3, 'C');
  assert.equal(queue.unsent.map((a) => [a.ordinal, a.response, a.seq]), [[3, 'C', 3]]);
  server.network = 'up';
  await timers.advance(1000);
  assert.equal(server.received.map((a) => a.response), ['C']);
  assert.equal(server.stored.get(3), { response: 'C', seq: 3 });
});

sending('an answer replaced while on its way is not sent again when that send fails', async () => {
  const { queue, server, timers } = setup();
  queue.resume([]);
  server.network = 'down';
  queue.save(3, 'A'); // on its way
  queue.save(3, 'B'); // replaces it while it is out
  await settleMicrotasks();
  assert.equal(queue.unsent.map((a) => [a.ordinal, a.response, a.seq]), [[3, 'B', 2]]);
  server.network = 'up';
  await timers.advance(1000);
  assert.equal(server.received.map((a) => a.response), ['B']);
});

sending.run();

// ---

const offline = suite('AnswerQueue offline');

offline('a dead network shows 离线 with the count, retries with growing back-off, then sends everything in order', async () => {
  const { queue, server, timers, states } = setup();
  queue.resume([]);
  server.network = 'down';
  queue.save(1, 'A');
  queue.save(2, true);
  queue.save(4, ['甲', '乙']);
  await settleMicrotasks();
  assert.equal(queue.state, { status: 'offline', pending: 3, closed: null });
  assert.is(queueStatusText(queue.state), '离线 · 3 题待保存');
  await timers.advance(1000);
  await timers.advance(2000);
  await timers.advance(4000);
  assert.equal(timers.delays, [1000, 2000, 4000, 8000]);
  assert.equal(server.received, [], 'nothing arrived while down');
  server.network = 'up';
  await timers.advance(8000);
  assert.equal(server.received.map((a) => [a.ordinal, a.seq]), [[1, 1], [2, 2], [4, 3]]);
  assert.is(queue.state.status, 'saved');
  assert.ok(states.some((s) => s.status === 'saving'), 'saving was shown while sending');
  assert.is(states.at(-1)!.status, 'saved');
});

offline('back-off stops growing at 30 seconds', () => {
  assert.equal([1, 2, 3, 5, 6, 10].map(defaultBackoff), [1000, 2000, 4000, 16_000, 30_000, 30_000]);
});

offline('retryNow sends at once instead of waiting out the back-off', async () => {
  const { queue, server, timers } = setup();
  queue.resume([]);
  server.network = 'down';
  queue.save(1, 'A');
  await settleMicrotasks();
  server.network = 'up';
  queue.retryNow();
  await settleMicrotasks();
  assert.is(queue.state.status, 'saved');
  assert.is(timers.waiting, 0, 'the pending retry was cancelled');
});

offline('a reply lost after the server stored the answer is resent and is a no-op there', async () => {
  const { queue, server, timers } = setup();
  queue.resume([]);
  server.network = 'reply-lost';
  queue.save(1, 'A');
  await settleMicrotasks();
  assert.is(queue.state.status, 'offline');
  server.network = 'up';
  await timers.advance(1000);
  assert.equal(server.received.map((a) => a.seq), [1, 1], 'the same sequence number twice');
  assert.equal(server.stored.get(1), { response: 'A', seq: 1 });
  assert.is(queue.state.status, 'saved');
});

offline('settle reports offline when the try fails, saved when it succeeds', async () => {
  const { queue, server } = setup();
  queue.resume([]);
  server.network = 'down';
  queue.save(1, 'A');
  assert.is((await queue.settle()).status, 'offline');
  server.network = 'up';
  assert.is((await queue.settle()).status, 'saved');
});

offline.run();

// ---

const killed = suite('AnswerQueue across a killed app');

killed('answers queued when the app died are sent by the next page, with their own sequence numbers', async () => {
  const storage = new MemoryStorage();
  const server = new ModelServer();
  const first = setup(storage, server);
  first.queue.resume([]);
  first.queue.save(1, 'A'); // sent
  await settleMicrotasks();
  server.network = 'down';
  first.queue.save(2, 'B');
  first.queue.save(3, false);
  await settleMicrotasks();
  first.queue.dispose(); // the app is killed

  server.network = 'up';
  const second = setup(storage, server);
  const responses = second.queue.resume([{ ordinal: 1, seq: 1, response: 'A' }, { ordinal: 2, seq: 0, response: null }, { ordinal: 3, seq: 0, response: null }]);
  assert.equal(responses, { 1: 'A', 2: 'B', 3: false }, 'the page shows what the cadre answered');
  await settleMicrotasks();
  assert.equal([...server.stored].map(([ordinal, v]) => [ordinal, v.response, v.seq]), [[1, 'A', 1], [2, 'B', 2], [3, false, 3]]);
  second.queue.save(4, 'D');
  await settleMicrotasks();
  assert.is(server.stored.get(4)!.seq, 4, 'numbering continues after the stored answers');
});

killed('a queued answer older than the server holds is dropped, not sent', async () => {
  const storage = new MemoryStorage();
  const server = new ModelServer();
  const first = setup(storage, server);
  first.queue.resume([]);
  server.network = 'down';
  first.queue.save(1, 'A'); // seq 1, never arrives
  await settleMicrotasks();
  first.queue.dispose();
  // Meanwhile the server got a newer answer to question 1 (another device), seq 5.
  server.network = 'up';
  server.stored.set(1, { response: 'C', seq: 5 });
  const second = setup(storage, server);
  const responses = second.queue.resume([{ ordinal: 1, seq: 5, response: 'C' }]);
  assert.equal(responses, { 1: 'C' });
  await settleMicrotasks();
  assert.equal(server.received, []);
  second.queue.save(1, 'D');
  await settleMicrotasks();
  assert.equal(server.stored.get(1), { response: 'D', seq: 6 });
});

killed('unreadable storage is ignored; the server\'s answers are used', () => {
  const storage = new MemoryStorage();
  storage.setItem(storageKeyOf(7), '{not json');
  const { queue } = setup(storage);
  assert.equal(queue.resume([{ ordinal: 1, seq: 2, response: 'B' }]), { 1: 'B' });
});

killed('clear forgets the attempt', () => {
  const { queue, storage } = setup();
  queue.resume([]);
  queue.save(1, 'A');
  queue.clear();
  assert.is(storage.getItem(storageKeyOf(7)), null);
});

killed.run();

// ---

const refusals = suite('AnswerQueue refusals');

refusals('a closed attempt stops the queue and refuses new answers', async () => {
  const { queue, server, states } = setup();
  queue.resume([]);
  server.closedWith = 'deadline_passed';
  queue.save(1, 'A');
  queue.save(2, 'B');
  await settleMicrotasks();
  assert.is(queue.state.status, 'closed');
  assert.is(queue.state.closed!.code, 'deadline_passed');
  assert.is(server.received.length, 1, 'nothing more is sent');
  assert.is(queue.save(3, 'C'), false);
  assert.is(states.at(-1)!.status, 'closed');
});

refusals('a rejected answer is reported and dropped; the rest go on', async () => {
  const { queue, server, rejected } = setup();
  queue.resume([]);
  queue.save(1, 'Z');
  queue.save(2, 'B');
  await settleMicrotasks();
  assert.equal(rejected, [[1, '选项 Z 不存在']]);
  assert.equal(server.stored.get(2), { response: 'B', seq: 2 });
  assert.is(queue.state.status, 'saved');
});

refusals('a send that throws counts as unreachable', async () => {
  const storage = new MemoryStorage();
  const timers = new ManualTimers();
  const queue = new AnswerQueue({ attemptId: 1, storage, timers, send: () => Promise.reject(new Error('boom')) });
  queue.resume([]);
  queue.save(1, 'A');
  await settleMicrotasks();
  assert.is(queue.state.status, 'offline');
  assert.is(queue.unsent.length, 1);
});

refusals.run();
