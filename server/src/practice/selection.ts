// Choosing which questions to serve. Pure functions: the randomness is passed in, so tests of
// callers need not depend on it, and the daily pick is a hash, so every server agrees on it.
import { createHash } from 'node:crypto';

type Random = () => number;

/** Fisher–Yates on a copy. */
export function shuffle<T>(items: readonly T[], random: Random = Math.random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** `count` ids, the least answered first; ties are broken at random so a topic does not repeat in id order. */
export function pickLeastAnswered(ids: readonly number[], answered: Map<number, number>, count: number, random: Random = Math.random): number[] {
  const times = (id: number) => answered.get(id) ?? 0;
  // Array.prototype.sort is stable, so the shuffle decides among questions answered equally often.
  return shuffle(ids, random).sort((a, b) => times(a) - times(b)).slice(0, count);
}

export function pickRandom(ids: readonly number[], count: number, random: Random = Math.random): number[] {
  return shuffle(ids, random).slice(0, count);
}

// Cadres live on Beijing time: "today" turns at midnight there, not at midnight UTC.
const shanghaiDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in Asia/Shanghai, as YYYY-MM-DD. */
export function shanghaiDate(now: Date): string {
  return shanghaiDay.format(now);
}

/** The day's question for an organisation: a hash of date and organisation over the sorted ids. */
export function dailyPick(sortedIds: readonly number[], date: string, organizationId: number): number | null {
  if (!sortedIds.length) return null;
  const digest = createHash('sha256').update(`${date}:${organizationId}`).digest();
  return sortedIds[digest.readUInt32BE(0) % sortedIds.length]!;
}
