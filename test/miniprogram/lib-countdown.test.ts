// The exam countdown runs on the server's clock, estimated from replies and their round trips.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { countdownPhase, formatCountdown, offsetOf, secondsLeft, ServerClock, serverTimeOf } from '../../miniprogram/lib/countdown.ts';

const offset = suite('server clock offset');

offset('a phone 5 minutes slow is corrected by the offset, halfway through the round trip', () => {
  // The phone says 10:00:00.000 when it sends and 10:00:00.400 when the reply comes; the server stamped 10:05:00.200.
  const sentAt = Date.parse('2027-03-01T02:00:00.000Z');
  const sample = { sentAt, receivedAt: sentAt + 400, serverTime: Date.parse('2027-03-01T02:05:00.200Z') };
  assert.is(offsetOf(sample), 5 * 60_000);
  const clock = new ServerClock();
  clock.observe(sample);
  assert.is(clock.now(sentAt + 1000), Date.parse('2027-03-01T02:05:01.000Z'));
  assert.is(clock.uncertainty, 200);
});

offset('the sample with the shortest round trip wins', () => {
  const clock = new ServerClock();
  clock.observe({ sentAt: 0, receivedAt: 4000, serverTime: 10_000 }); // slow reply: offset 8000 ± 2000
  assert.is(clock.offset, 8000);
  clock.observe({ sentAt: 5000, receivedAt: 5100, serverTime: 12_950 }); // fast reply: offset 7900 ± 50
  assert.is(clock.offset, 7900);
  clock.observe({ sentAt: 6000, receivedAt: 9000, serverTime: 15_500 }); // slower and consistent (8000 ± 1500): ignored
  assert.is(clock.offset, 7900);
});

offset('a sample that contradicts the kept one (a clock was set) replaces it, even with a longer round trip', () => {
  const clock = new ServerClock();
  clock.observe({ sentAt: 0, receivedAt: 100, serverTime: 50 }); // offset 0 ± 50
  clock.observe({ sentAt: 1000, receivedAt: 1400, serverTime: 601_200 }); // offset 600 000 ± 200: the phone was set back 10 minutes
  assert.is(clock.offset, 600_000);
  clock.observe({ sentAt: 2000, receivedAt: 2300, serverTime: 602_180 }); // consistent and more precise
  assert.is(clock.offset, 600_030);
});

offset('without a sample the phone clock is used; a clock that went back gives no sample', () => {
  const clock = new ServerClock();
  assert.is(clock.now(1234), 1234);
  clock.observe({ sentAt: 5000, receivedAt: 4000, serverTime: 0 });
  assert.is(clock.offset, 0);
});

offset('server time comes from serverNow, else the Date header', () => {
  assert.is(serverTimeOf({ serverNow: '2027-03-01T02:05:00.250Z', dateHeader: 'Mon, 01 Mar 2027 02:05:00 GMT' }), Date.parse('2027-03-01T02:05:00.250Z'));
  assert.is(serverTimeOf({ dateHeader: 'Mon, 01 Mar 2027 02:05:00 GMT' }), Date.parse('2027-03-01T02:05:00Z'));
  assert.is(serverTimeOf({ serverNow: 'nonsense' }), null);
});

offset.run();

// ---

const remaining = suite('remaining time');

remaining('counts whole seconds up to the deadline and never below zero', () => {
  const deadline = '2027-03-01T03:00:00.000Z';
  const at = (iso: string) => secondsLeft(deadline, Date.parse(iso));
  assert.is(at('2027-03-01T02:30:00.000Z'), 1800);
  assert.is(at('2027-03-01T02:59:59.001Z'), 1, 'a part second left still shows 1');
  assert.is(at('2027-03-01T03:00:00.000Z'), 0);
  assert.is(at('2027-03-01T03:10:00.000Z'), 0);
});

remaining('formats as mm:ss, with hours when needed', () => {
  assert.is(formatCountdown(309), '05:09');
  assert.is(formatCountdown(3909), '1:05:09');
  assert.is(formatCountdown(0), '00:00');
});

remaining('the last five minutes warn and the last minute is critical', () => {
  assert.is(countdownPhase(301), 'normal');
  assert.is(countdownPhase(300), 'warning');
  assert.is(countdownPhase(60), 'critical');
  assert.is(countdownPhase(0), 'over');
});

remaining.run();
