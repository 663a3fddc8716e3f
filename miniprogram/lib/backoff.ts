// Back-off between retries: 0.5 s, 1 s, 2 s … capped at 8 s, with ±20 % jitter so phones that lost
// the network together do not all come back in the same instant.
export function backoffDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(8000, 500 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}
