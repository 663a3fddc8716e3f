// Reads uvu's closing lines; kept apart from test/run.ts so the arithmetic has its own test.
export type Counts = { passed: number; failed: number; skipped: number };

/** uvu prints `Total: N` (tests that ran, skipped ones excluded), `Passed: N` and `Skipped: N`. */
export function countsFrom(output: string, exitCode: number): Counts {
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const count = (label: string) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(plain)?.[1] ?? NaN);
  const total = count('Total'), passed = count('Passed'), skipped = count('Skipped');
  if (Number.isNaN(total) || Number.isNaN(passed)) return { passed: 0, failed: 1, skipped: 0 };
  let failed = total - passed;
  if (exitCode !== 0 && failed === 0) failed = 1; // a crash outside any test still fails the run
  return { passed, failed, skipped: Number.isNaN(skipped) ? 0 : skipped };
}

