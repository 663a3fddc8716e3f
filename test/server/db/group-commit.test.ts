// The group commit under the hot write paths: batching, order per key, the in-flight limit,
// failures reaching exactly the rows of the failed batch, and drain.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { GroupCommit } from '../../../server/src/db/group-commit.ts';

type Row = { key: number; value: string };

/** A commit whose batches are recorded and finish only when the test says so. */
function controlledCommit() {
  const batches: Row[][] = [];
  const finishers: Array<(error?: Error) => void> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const commit = (rows: Row[]) => new Promise<string[]>((resolve, reject) => {
    batches.push(rows);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    finishers.push((error) => {
      inFlight--;
      if (error) reject(error);
      else resolve(rows.map((r) => `${r.value} ok`));
    });
  });
  return { batches, finishers, commit, maxInFlight: () => maxInFlight };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

const test = suite('GroupCommit');

test('rows submitted in one turn share a batch; each gets its own outcome', async () => {
  const c = controlledCommit();
  const group = new GroupCommit(c.commit, { maxBatch: 10, maxInFlight: 2 });
  const outcomes = [1, 2, 3].map((key) => group.submit({ key, value: `v${key}` }));
  await turn();
  assert.equal(c.batches.map((b) => b.map((r) => r.key)), [[1, 2, 3]]);
  c.finishers[0]!();
  assert.equal(await Promise.all(outcomes), ['v1 ok', 'v2 ok', 'v3 ok']);
});

test('no more batches in flight than allowed; the rest wait and go together', async () => {
  const c = controlledCommit();
  const group = new GroupCommit(c.commit, { maxBatch: 2, maxInFlight: 1 });
  const all = [1, 2, 3, 4, 5].map((key) => group.submit({ key, value: `v${key}` }));
  await turn();
  assert.equal(c.batches.length, 1);
  c.finishers[0]!();
  await turn(); await turn();
  assert.equal(c.batches.map((b) => b.map((r) => r.key)), [[1, 2], [3, 4]], 'batches are cut at maxBatch');
  c.finishers[1]!();
  await turn(); await turn();
  c.finishers[2]!();
  assert.equal((await Promise.all(all)).length, 5);
  assert.is(c.maxInFlight(), 1);
});

test('rows of one key are written one after another, in order, never in one batch or two batches at once', async () => {
  const c = controlledCommit();
  const group = new GroupCommit(c.commit, { maxBatch: 10, maxInFlight: 4, keyOf: (row: Row) => row.key });
  const all = [group.submit({ key: 7, value: 'a' }), group.submit({ key: 8, value: 'x' }), group.submit({ key: 7, value: 'b' }), group.submit({ key: 7, value: 'c' })];
  await turn();
  assert.equal(c.batches.map((b) => b.map((r) => r.value)), [['a', 'x']]);
  await turn();
  assert.is(c.batches.length, 1, 'b waits while a is in flight, even with room for more batches');
  c.finishers[0]!();
  await turn(); await turn();
  assert.equal(c.batches.map((b) => b.map((r) => r.value)), [['a', 'x'], ['b']]);
  c.finishers[1]!();
  await turn(); await turn();
  c.finishers[2]!();
  assert.equal(await Promise.all(all), ['a ok', 'x ok', 'b ok', 'c ok']);
  assert.equal(c.batches.map((b) => b.map((r) => r.value)), [['a', 'x'], ['b'], ['c']]);
});

test('a failed batch is written again row by row: only the row the database refuses fails', async () => {
  const written: string[][] = [];
  const group = new GroupCommit(async (rows: Row[]) => {
    written.push(rows.map((r) => r.value));
    if (rows.some((r) => r.value === 'bad')) throw new Error('CONSTRAINT `response` failed');
    return rows.map((r) => `${r.value} ok`);
  }, { maxBatch: 10, maxInFlight: 1 });
  const settled = await Promise.allSettled(['a', 'bad', 'c'].map((value, key) => group.submit({ key, value })));
  assert.equal(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message)), ['a ok', 'CONSTRAINT `response` failed', 'c ok']);
  assert.equal(written, [['a', 'bad', 'c'], ['a'], ['bad'], ['c']], 'the batch, then each row alone, in order');
});

test('a batch that failed because the database is unreachable is not split: every row fails at once', async () => {
  let statements = 0;
  const unreachable = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' });
  const group = new GroupCommit(async (rows: Row[]) => { statements++; throw unreachable; }, { maxBatch: 10, maxInFlight: 1 });
  const settled = await Promise.allSettled([1, 2, 3].map((key) => group.submit({ key, value: `v${key}` })));
  assert.equal(settled.map((s) => s.status), ['rejected', 'rejected', 'rejected']);
  assert.is(statements, 1);
});

test('if the database goes away during the row-by-row retry, the rows left fail at once', async () => {
  let statements = 0;
  const unreachable = Object.assign(new Error('Connection lost'), { code: 'PROTOCOL_CONNECTION_LOST' });
  const group = new GroupCommit(async (rows: Row[]) => {
    statements++;
    if (rows.length > 1) throw new Error('CONSTRAINT failed');
    if (rows[0]!.value === 'b') throw unreachable;
    return rows.map((r) => `${r.value} ok`);
  }, { maxBatch: 10, maxInFlight: 1 });
  const settled = await Promise.allSettled(['a', 'b', 'c', 'd'].map((value, key) => group.submit({ key, value })));
  assert.equal(settled.map((s) => s.status), ['fulfilled', 'rejected', 'rejected', 'rejected']);
  assert.is(statements, 3, 'the batch, a, b; not c and d');
});

test('a failed batch rejects its own rows only; later rows are still written', async () => {
  const c = controlledCommit();
  const group = new GroupCommit(c.commit, { maxBatch: 10, maxInFlight: 1 });
  const first = Promise.allSettled([group.submit({ key: 1, value: 'a' }), group.submit({ key: 2, value: 'b' })]);
  await turn();
  const later = group.submit({ key: 3, value: 'c' });
  c.finishers[0]!(new Error('disk full'));
  await turn();
  c.finishers[1]!(new Error('disk full'));
  await turn();
  c.finishers[2]!(new Error('disk full'));
  assert.equal((await first).map((s) => s.status), ['rejected', 'rejected']);
  assert.equal(c.batches.map((b) => b.map((r) => r.value)), [['a', 'b'], ['a'], ['b']], 'the later row waited for the retries');
  await turn(); await turn();
  c.finishers[3]!();
  assert.is(await later, 'c ok');
});

test('drain resolves once every submitted row has been written', async () => {
  const c = controlledCommit();
  const group = new GroupCommit(c.commit, { maxBatch: 1, maxInFlight: 1 });
  const written: string[] = [];
  for (const key of [1, 2, 3]) void group.submit({ key, value: `v${key}` }).then((v) => written.push(v));
  let drained = false;
  const draining = group.drain().then(() => { drained = true; });
  for (let i = 0; i < 3; i++) {
    await turn(); await turn();
    assert.is(drained, false);
    c.finishers[i]!();
  }
  await draining;
  assert.equal(written, ['v1 ok', 'v2 ok', 'v3 ok']);
});

test.run();
