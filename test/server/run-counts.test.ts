import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { countsFrom } from '../support/uvu-counts.ts';

test('a clean run counts its passes and no failure', () => {
  assert.equal(countsFrom('  Total:     12\n  Passed:    12\n  Skipped:   0\n  Duration:  1ms', 0), { passed: 12, failed: 0, skipped: 0 });
});

test('skipped tests are not counted as failures (uvu leaves them out of Total)', () => {
  assert.equal(countsFrom('  Total:     10\n  Passed:    10\n  Skipped:   3\n', 0), { passed: 10, failed: 0, skipped: 3 });
});

test('four failures are four', () => {
  assert.equal(countsFrom('  Total:     10\n  Passed:    6\n  Skipped:   1\n', 1), { passed: 6, failed: 4, skipped: 1 });
});

test('a crash outside any test, or no summary at all, is a failure', () => {
  assert.equal(countsFrom('  Total:     2\n  Passed:    2\n', 1).failed, 1);
  assert.equal(countsFrom('Error: cannot find module', 1), { passed: 0, failed: 1, skipped: 0 });
});

test.run();
