// The pacing arithmetic: gap with jitter, daily cap by Beijing day, quiet hours across midnight,
// the flood limit, and the pacer applying them in order.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  beijingMinute, DailyCapReached, DailyCounter, FloodLimiter, isQuiet, nextSendAt, Pacer, parseQuietHours, quietEndsAt, type PacingConfig,
} from '../../../bot/src/engine/pacing.ts';
import { loadBotConfig } from '../../../bot/src/config.ts';

/** Beijing wall-clock time as epoch ms. */
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`).getTime();
const quiet = { quietStartMinute: 22 * 60, quietEndMinute: 7 * 60 + 30 };

const gaps = suite('nextSendAt');
gaps('the first message goes at once; later ones wait the gap plus jitter scaled by the random draw', () => {
  const config = { minGapMs: 3000, jitterMs: 4000 };
  assert.is(nextSendAt(null, 1000, config, 0.9), 1000);
  assert.is(nextSendAt(10_000, 10_500, config, 0), 13_000);
  assert.is(nextSendAt(10_000, 10_500, config, 0.5), 15_000);
  assert.is(nextSendAt(10_000, 10_500, config, 0.999), 16_996);
  assert.is(nextSendAt(10_000, 60_000, config, 0.5), 60_000, 'a long-past message makes no wait');
});
gaps.run();

// ---

const quietHours = suite('quiet hours');
quietHours('22:00–07:30 Beijing time wraps past midnight', () => {
  assert.equal(parseQuietHours('22:00-07:30'), { start: 1320, end: 450 });
  assert.equal(['21:59', '22:00', '23:59', '00:00', '07:29', '07:30', '12:00'].map((t) => isQuiet(at(`2026-03-02 ${t}`), quiet)),
    [false, true, true, true, true, false, false]);
  assert.is(beijingMinute(at('2026-03-02 07:30')), 450);
});
quietHours('a daytime window, an empty window and malformed settings', () => {
  const lunch = { quietStartMinute: 12 * 60, quietEndMinute: 13 * 60 };
  assert.equal(['11:59', '12:30', '13:00'].map((t) => isQuiet(at(`2026-03-02 ${t}`), lunch)), [false, true, false]);
  assert.is(isQuiet(at('2026-03-02 03:00'), { quietStartMinute: 0, quietEndMinute: 0 }), false);
  assert.equal(['25:00-07:00', '22:00', 'abc', '22:61-07:00'].map(parseQuietHours), [null, null, null, null]);
});
quietHours('the quiet period ends at 07:30 the next morning', () => {
  assert.is(quietEndsAt(at('2026-03-02 23:10'), quiet), at('2026-03-03 07:30'));
  assert.is(quietEndsAt(at('2026-03-03 06:00'), quiet), at('2026-03-03 07:30'));
  assert.is(quietEndsAt(at('2026-03-03 09:00'), quiet), at('2026-03-03 09:00'));
});
quietHours.run();

// ---

const counter = suite('DailyCounter');
counter('counts to the cap and starts again at Beijing midnight, not UTC midnight', () => {
  const daily = new DailyCounter(2);
  daily.record(at('2026-03-02 07:59'));
  daily.record(at('2026-03-02 08:01')); // 00:01 UTC: still the same Beijing day
  assert.is(daily.remaining(at('2026-03-02 20:00')), 0);
  assert.is(daily.remaining(at('2026-03-03 00:00')), 2);
});
counter.run();

// ---

const flood = suite('FloodLimiter');
flood('the limit per window, one warning, then silence until the window clears; contacts are separate', () => {
  const limiter = new FloodLimiter(3, 60_000);
  assert.equal([0, 1, 2, 3, 4, 5].map((i) => limiter.check('a', i * 1000)), ['ok', 'ok', 'ok', 'warn', 'drop', 'drop']);
  assert.is(limiter.check('b', 5000), 'ok');
  assert.is(limiter.check('a', 61_000), 'ok', 'the first message has left the window');
});
flood.run();

// ---

const pacer = suite('Pacer');
pacer('sends one at a time, sleeping out the gap, and refuses past the daily cap', async () => {
  let clock = at('2026-03-02 10:00');
  const sleeps: number[] = [];
  const config: PacingConfig = { minGapMs: 2000, jitterMs: 1000, dailyCap: 3, ...quiet };
  const paced = new Pacer(config, { now: () => clock, sleep: async (ms) => { sleeps.push(ms); clock += ms; }, random: () => 0.5 });
  const order: number[] = [];
  await Promise.all([1, 2, 3].map((n) => paced.send(async () => { order.push(n); })));
  assert.equal(order, [1, 2, 3]);
  assert.equal(sleeps, [2500, 2500]);
  assert.is(paced.remainingToday(), 0);
  let refused = 0;
  await paced.send(async () => undefined).catch((error) => { if (error instanceof DailyCapReached) refused++; });
  assert.is(refused, 1);
  clock = at('2026-03-02 23:00');
  assert.is(paced.quietNow(), true);
});
pacer.run();

// ---

const configuration = suite('loadBotConfig');
configuration('documented defaults, and a batch that could not be sent before the claim times out is refused', () => {
  const config = loadBotConfig({ BOT_API_KEY: 'key-12345678' });
  assert.equal(config.pacing, { minGapMs: 3000, jitterMs: 4000, dailyCap: 300, quietStartMinute: 1320, quietEndMinute: 450 });
  assert.is(config.XUEFA_API_URL, 'http://127.0.0.1:3000');
  let message = '';
  try { loadBotConfig({ BOT_API_KEY: 'key-12345678', BOT_CLAIM_BATCH: '20' }); } catch (error) { message = (error as Error).message; }
  assert.match(message, 'BOT_CLAIM_BATCH: 每批最多需 140 秒发完');
});
configuration.run();
