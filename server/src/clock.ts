// Server time is the only clock for exams and study credit. Services ask the clock, never
// `new Date()`, so tests can move time forward without waiting.
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and advance. */
export class ManualClock implements Clock {
  constructor(private current = new Date()) {}
  now(): Date { return new Date(this.current); }
  set(at: Date): void { this.current = new Date(at); }
  advance(milliseconds: number): void { this.current = new Date(this.current.getTime() + milliseconds); }
}

/** "2027-03-31 18:00" in Beijing time (China keeps UTC+8 all year), for messages. */
export function shanghaiMinute(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
