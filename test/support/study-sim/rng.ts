// Seeded randomness, so every simulated session replays the same.
export type Rng = {
  next(): number;
  between(low: number, high: number): number;
  chance(p: number): boolean;
  /** Log-uniform in [low, high]: mostly short, now and then long, as people's pauses are. */
  logUniform(low: number, high: number): number;
  pick<T>(items: readonly T[]): T;
};

export function rng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (low, high) => low + next() * (high - low),
    chance: (p) => next() < p,
    logUniform: (low, high) => low * Math.exp(next() * Math.log(high / low)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
  };
}
