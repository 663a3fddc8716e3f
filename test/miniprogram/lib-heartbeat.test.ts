// lib/heartbeat: what a study heartbeat reports, counted honestly without wx.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { HeartbeatCounter, scrollFraction } from '../../miniprogram/lib/heartbeat.ts';

function clockAt(start = Date.parse('2026-12-04T02:00:00Z')) {
  let now = start;
  return { now: () => now, advance: (ms: number) => { now += ms; } };
}

const counter = suite('HeartbeatCounter');

counter('numbers beats from 1, counts interactions and the gaps between them, then starts again', () => {
  const clock = clockAt();
  const beats = new HeartbeatCounter({ statute: 'xianfa', article: 3, scroll: 0 }, clock.now);
  beats.record('tap');
  clock.advance(1200);
  beats.record('tap');
  clock.advance(3400);
  beats.record('scroll');
  clock.advance(500);
  beats.record('key');
  const first = beats.next();
  assert.equal(first, {
    seq: 1, visibility: 'foreground', taps: 2, scrolls: 1, keys: 1, gapsMs: [1200, 3400, 500],
    position: { statute: 'xianfa', article: 3, scroll: 0 }, clientAt: '2026-12-04T02:00:05.100Z',
  });
  clock.advance(7000);
  beats.record('tap');
  const second = beats.next();
  assert.equal([second.seq, second.taps, second.scrolls, second.gapsMs], [2, 1, 0, [7000]], 'the gap across a beat belongs to the next one');
});

counter('scroll events each within 250 ms of the last are one gesture, however long it glides', () => {
  const clock = clockAt();
  const beats = new HeartbeatCounter({ statute: 'xianfa', article: 1, scroll: 0 }, clock.now);
  for (let i = 0; i < 120; i++) { beats.record('scroll'); clock.advance(16); }
  clock.advance(400);
  beats.record('scroll');
  const beat = beats.next();
  assert.equal([beat.scrolls, beat.gapsMs], [2, [16 * 119 + 16 + 400]], 'two gestures, timed from the first event of each');
});

counter('a beat during which the app was hidden reports background, even if it came back', () => {
  const beats = new HeartbeatCounter({ statute: 'xianfa', article: 1, scroll: 0 });
  beats.setVisibility('background');
  beats.setVisibility('foreground');
  assert.is(beats.next().visibility, 'background');
  assert.is(beats.next().visibility, 'foreground');
  beats.setVisibility('background');
  assert.is(beats.next().visibility, 'background');
  assert.is(beats.next().visibility, 'background', 'still hidden');
});

counter('moving keeps the position within the server limits', () => {
  const beats = new HeartbeatCounter({ statute: 'xianfa', article: 1, scroll: 0 });
  beats.moveTo({ article: 9, scroll: 1.7 });
  assert.equal(beats.next().position, { statute: 'xianfa', article: 9, scroll: 1 });
  beats.moveTo({ scroll: Number.NaN });
  assert.equal(beats.next().position, { statute: 'xianfa', article: 9, scroll: 0 });
});

counter('a beat that could not be sent gives its counts to the next, its sequence number stays used', () => {
  const clock = clockAt();
  const beats = new HeartbeatCounter({ statute: 'xianfa', article: 1, scroll: 0 }, clock.now);
  beats.record('tap');
  clock.advance(900);
  beats.record('tap');
  const lost = beats.next();
  clock.advance(2000);
  beats.record('scroll');
  beats.putBack(lost);
  const next = beats.next();
  assert.equal([next.seq, next.taps, next.scrolls, next.gapsMs], [2, 2, 1, [900, 2000]]);
});

counter('counts and gaps stop at the server limits', () => {
  const clock = clockAt();
  const beats = new HeartbeatCounter({ statute: 'xianfa', article: 1, scroll: 0 }, clock.now);
  for (let i = 0; i < 10_050; i++) { beats.record('tap'); clock.advance(1); }
  clock.advance(700_000);
  const beat = beats.next();
  assert.is(beat.taps, 10_000);
  assert.is(beat.gapsMs.length, 500);
});

counter.run();

const fraction = suite('scrollFraction');
fraction('0 at the top, 1 at the bottom, 1 when everything fits', () => {
  assert.is(scrollFraction(0, 3000, 1000), 0);
  assert.is(scrollFraction(1000, 3000, 1000), 0.5);
  assert.is(scrollFraction(2500, 3000, 1000), 1);
  assert.is(scrollFraction(0, 800, 1000), 1);
});
fraction.run();
