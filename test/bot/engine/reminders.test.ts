// The reminders loop against a scripted server and sender: what it claims, how it acks, and
// that nothing claimed is lost while the server is away or the day's messages are used up.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ServiceUnavailableError, type XuefaApi } from '../../../bot/src/api/client.ts';
import { Pacer } from '../../../bot/src/engine/pacing.ts';
import { ReminderLoop, UnreachableError, type Sender } from '../../../bot/src/plugins/reminders.ts';

const silent = { warn() {}, error() {}, info() {} };
const noon = Date.parse('2026-03-02T04:00:00Z'); // 12:00 in Beijing
const night = Date.parse('2026-03-02T15:00:00Z'); // 23:00 in Beijing

function setup(options: { now?: number; dailyCap?: number } = {}) {
  const queue = [
    { id: '1', userId: 1, kind: 'task_reminder', payload: { text: '提醒一' }, attempts: 1, recipient: { name: '甲', botContactKey: 'xf0000000000000001' } },
    { id: '2', userId: 2, kind: 'task_reminder', payload: { text: '提醒二' }, attempts: 1, recipient: { name: '乙', botContactKey: 'xf0000000000000002' } },
  ];
  const acks: Array<[string, string, string | undefined]> = [];
  const claims: number[] = [];
  const server = { down: false, failAcks: 0 };
  const api = {
    async claim(limit: number) { if (server.down) throw new ServiceUnavailableError(); claims.push(limit); return queue.splice(0, limit); },
    async ack(id: string, outcome: string, error?: string) {
      if (server.down || server.failAcks-- > 0) throw new ServiceUnavailableError(); acks.push([id, outcome, error]); return { id, status: outcome, availableAt: null }; },
  } as unknown as XuefaApi;
  const delivered: string[] = [];
  const sender: Sender = {
    async toContact(key, text) {
      if (key.endsWith('2')) throw new UnreachableError('找不到备注为 xf0000000000000002 的微信联系人');
      await pacer.send(async () => { delivered.push(text); });
    },
    async toRoom() { throw new Error('unused'); },
  };
  const pacer = new Pacer({ minGapMs: 0, jitterMs: 0, dailyCap: options.dailyCap ?? 100, quietStartMinute: 22 * 60, quietEndMinute: 450 }, { now: () => options.now ?? noon, sleep: async () => undefined, random: () => 0 });
  const loop = new ReminderLoop({ api, sender, pacer, logger: silent, pollMs: 1000, batch: 10 });
  return { loop, acks, claims, delivered, server, queue };
}

const reminders = suite('ReminderLoop.pollOnce');
reminders('delivers, acks sent, and acks an unreachable contact failed with the reason', async () => {
  const { loop, acks, delivered } = setup();
  assert.equal(await loop.pollOnce(), { sent: 1, failed: 1 });
  assert.equal(delivered, ['提醒一']);
  assert.equal(acks, [['1', 'sent', undefined], ['2', 'failed', '找不到备注为 xf0000000000000002 的微信联系人']]);
});
reminders('quiet hours: nothing is claimed at 23:00 Beijing time', async () => {
  const { loop, claims } = setup({ now: night });
  assert.equal(await loop.pollOnce(), { sent: 0, failed: 0 });
  assert.equal(claims, []);
});
reminders('the daily cap limits the claim to what may still be sent', async () => {
  const { loop, claims } = setup({ dailyCap: 1 });
  await loop.pollOnce();
  assert.equal(claims, [1]);
});
reminders('an ack the server cannot take is kept and sent on the next round', async () => {
  const { loop, acks, server } = setup();
  server.failAcks = 1;
  let unavailable = 0;
  await loop.pollOnce().catch((error) => { if (error instanceof ServiceUnavailableError) unavailable++; });
  assert.is(unavailable, 1);
  assert.is(loop.unacknowledged, 2);
  await loop.pollOnce();
  assert.equal(acks.map(([id, outcome]) => [id, outcome]), [['1', 'sent'], ['2', 'failed']]);
  assert.is(loop.unacknowledged, 0);
});
reminders.run();
