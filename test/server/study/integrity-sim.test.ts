// The detector on simulated sessions played through the server's presence-check rules: a few of
// each kind, so a change that starts accusing readers or paying bots fails here, not only in
// bench:integrity (which runs thousands and prints the figures).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfig } from '../../../server/src/env.ts';
import { BEHAVIOURS } from '../../support/study-sim/behaviours.ts';
import { loadMaterial } from '../../support/study-sim/material.ts';
import { simulate } from '../../support/study-sim/simulate.ts';

const test = suite('integrity: simulated readers and cheaters');
const env = loadConfig({ ...process.env, NODE_ENV: 'test' });
const config = { rate: env.PRESENCE_CHECK_RATE, minSpacingMs: env.PRESENCE_MIN_SPACING_SECONDS * 1000 };
const material = loadMaterial();
const kind = (name: string) => BEHAVIOURS.find((behaviour) => behaviour.kind.startsWith(name))!;
const run = (name: string, count: number) => Array.from({ length: count }, (_, n) => simulate(kind(name), material, config, 77 + n));

test('the same seed plays the same session', () => {
  assert.equal(simulate(kind('guesser'), material, config, 5), simulate(kind('guesser'), material, config, 5));
});

test('careful readers who get one check in five wrong are not accused and keep their time', () => {
  const outcomes = run('honest: slow, careful', 12);
  assert.equal(outcomes.filter((o) => o.serious).length, 0);
  const credit = outcomes.reduce((sum, o) => sum + o.creditedSeconds, 0) / outcomes.reduce((sum, o) => sum + o.trueSeconds, 0);
  assert.ok(credit > 0.93, `credit ÷ true time ${credit.toFixed(3)}`);
});

for (const name of ['guesser', 'look-up bot', 'clicker, human-like gaps', 'two devices', 'scroller, back and forth', 'idle tab, a tap']) {
  test(`${name}: keeps under a tenth of the time claimed, with a serious flag`, () => {
    const outcomes = run(name, 6);
    const kept = outcomes.reduce((sum, o) => sum + o.creditedSeconds, 0) / outcomes.reduce((sum, o) => sum + o.claimedSeconds, 0);
    assert.ok(kept < 0.1, `kept ${kept.toFixed(3)}`);
    assert.ok(outcomes.every((o) => o.serious), outcomes.map((o) => o.kinds.join('+')).join(' | '));
  });
}

test.run();
