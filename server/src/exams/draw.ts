// Drawing a per-cadre paper: for each rule, questions not yet on the paper, the ones this
// cadre has never seen first, in random order; then the optional question and option shuffles.
import { randomInt } from 'node:crypto';

export type Candidate = { questionId: number; versionId: number; type: 'single' | 'multiple' | 'judge' | 'fill'; statuteId: number | null; optionKeys: string[] };
export type DrawnItem = Candidate & { optionMap: Record<string, string> | null };

export function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** Picks `count` from the pool, skipping questions already drawn; null when the pool is too small. */
export function pickFrom(pool: Candidate[], count: number, taken: Set<number>, seen: Set<number> | null): Candidate[] | null {
  const open = pool.filter((c) => !taken.has(c.questionId));
  if (open.length < count) return null;
  const ordered = seen
    ? [...shuffled(open.filter((c) => !seen.has(c.questionId))), ...shuffled(open.filter((c) => seen.has(c.questionId)))]
    : shuffled(open);
  const picked = ordered.slice(0, count);
  for (const c of picked) taken.add(c.questionId);
  return picked;
}

/** Shown key → the question's own key, e.g. {A: 'C', B: 'A', C: 'D', D: 'B'}. */
export function optionShuffle(optionKeys: string[]): Record<string, string> {
  const order = shuffled(optionKeys);
  return Object.fromEntries(order.map((original, i) => ['ABCDEFGH'[i]!, original]));
}

export function arrangePaper(items: Candidate[], options: { shuffleQuestions: boolean; shuffleOptions: boolean }): DrawnItem[] {
  const ordered = options.shuffleQuestions ? shuffled(items) : items;
  return ordered.map((item) => ({
    ...item,
    optionMap: options.shuffleOptions && item.optionKeys.length ? optionShuffle(item.optionKeys) : null,
  }));
}
