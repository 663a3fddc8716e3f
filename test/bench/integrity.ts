// bench:integrity — thousands of simulated study sessions (test/support/study-sim), honest and
// cheating, replayed through the pure detector with the server's own presence-check rules. Prints,
// per kind: flagged %, serious-flag %, credit kept ÷ claimed, and for honest readers credit ÷ true
// study time, each against its target with PASS or MISS.
// Usage: npm run bench:integrity [-- sessionsPerKind]
import { loadConfig } from '../../server/src/env.ts';
import { BEHAVIOURS } from '../support/study-sim/behaviours.ts';
import { loadMaterial } from '../support/study-sim/material.ts';
import { simulate, type Outcome } from '../support/study-sim/simulate.ts';

const PER_KIND = Number(process.argv[2] ?? 200);
const HONEST_MAX_SERIOUS = 0.01;
const HONEST_CREDIT_WITHIN = 0.05;
const CHEATER_MAX_KEPT = 0.10;

const env = loadConfig({ ...process.env, NODE_ENV: 'test' });
const config = { rate: env.PRESENCE_CHECK_RATE, minSpacingMs: env.PRESENCE_MIN_SPACING_SECONDS * 1000 };
const material = loadMaterial();

const pct = (value: number) => `${(value * 100).toFixed(1)} %`;
const sum = (outcomes: Outcome[], key: 'claimedSeconds' | 'trueSeconds' | 'creditedSeconds') => outcomes.reduce((total, outcome) => total + outcome[key], 0);

console.log(`bench:integrity — ${PER_KIND} sessions per kind, checks at rate ${config.rate} per beat, ${config.minSpacingMs / 1000} s apart at least; material ${material.slug} (${material.total} characters)\n`);
console.log(['kind'.padEnd(52), 'flagged', 'serious', 'kept÷claimed', 'credit÷true', 'verdict', 'flags seen'].join('  '));
const started = performance.now();
let misses = 0;
const honestAll: Outcome[] = [];
BEHAVIOURS.forEach((behaviour, index) => {
  const outcomes = Array.from({ length: PER_KIND }, (_, n) => simulate(behaviour, material, config, 1_000_003 * (index + 1) + n));
  const flagged = outcomes.filter((o) => o.flagged).length / outcomes.length;
  const serious = outcomes.filter((o) => o.serious).length / outcomes.length;
  const kept = sum(outcomes, 'creditedSeconds') / sum(outcomes, 'claimedSeconds');
  const ofTrue = behaviour.honest ? sum(outcomes, 'creditedSeconds') / sum(outcomes, 'trueSeconds') : null;
  if (behaviour.honest) honestAll.push(...outcomes);
  const pass = behaviour.honest ? serious <= HONEST_MAX_SERIOUS : kept <= CHEATER_MAX_KEPT;
  if (!pass) misses++;
  const seen = [...new Set(outcomes.flatMap((o) => o.kinds))].join(',');
  console.log([behaviour.kind.padEnd(52), pct(flagged).padStart(7), pct(serious).padStart(7), pct(kept).padStart(12), (ofTrue === null ? '' : pct(ofTrue)).padStart(11), (pass ? 'PASS' : 'MISS').padStart(7), seen].join('  '));
});
const honestSerious = honestAll.filter((o) => o.serious).length / honestAll.length;
const honestCredit = sum(honestAll, 'creditedSeconds') / sum(honestAll, 'trueSeconds');
const creditPass = Math.abs(honestCredit - 1) <= HONEST_CREDIT_WITHIN;
if (!creditPass || honestSerious > HONEST_MAX_SERIOUS) misses++;
console.log(`\nhonest, all kinds: ${pct(honestSerious)} with a serious flag (target ≤ ${pct(HONEST_MAX_SERIOUS)}), credit ${pct(honestCredit)} of true study time (target within ${pct(HONEST_CREDIT_WITHIN)}): ${honestSerious <= HONEST_MAX_SERIOUS && creditPass ? 'PASS' : 'MISS'}`);
console.log(`cheaters: each kind keeps ≤ ${pct(CHEATER_MAX_KEPT)} of the time claimed`);
console.log(`${BEHAVIOURS.length * PER_KIND} sessions in ${((performance.now() - started) / 1000).toFixed(1)} s; ${misses ? `${misses} MISS` : 'all PASS'}`);
