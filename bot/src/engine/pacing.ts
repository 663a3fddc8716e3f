// Sending like a person, so the WeChat account is not flagged as a bot: a minimum gap with
// jitter between messages, a daily cap per account, quiet hours on Beijing time for messages
// nobody asked for, and a per-contact flood limit on what comes in. The arithmetic is pure
// (time and randomness are passed in); Pacer applies it to a queue of sends.

export type PacingConfig = {
  /** Least time between two messages the bot sends. */
  minGapMs: number;
  /** Up to this much more, at random, so the rhythm is not mechanical. */
  jitterMs: number;
  /** Most messages per account and Beijing day. */
  dailyCap: number;
  /** Quiet hours on Beijing time, minutes after midnight; start > end wraps past midnight. */
  quietStartMinute: number;
  quietEndMinute: number;
};

const BEIJING_OFFSET_MS = 8 * 3_600_000; // China keeps UTC+8 all year
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** "22:00-07:30" → minutes after midnight; null when malformed. */
export function parseQuietHours(text: string): { start: number; end: number } | null {
  const match = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [h1, m1, h2, m2] = match.slice(1).map(Number) as [number, number, number, number];
  if (h1 > 23 || h2 > 23 || m1 > 59 || m2 > 59) return null;
  return { start: h1 * 60 + m1, end: h2 * 60 + m2 };
}

/** Minutes after midnight in Beijing. */
export function beijingMinute(now: number): number {
  return Math.floor(((now + BEIJING_OFFSET_MS) % DAY_MS) / MINUTE_MS);
}

/** The Beijing calendar day number (days since 1970-01-01 in Beijing). */
export function beijingDay(now: number): number {
  return Math.floor((now + BEIJING_OFFSET_MS) / DAY_MS);
}

export function isQuiet(now: number, config: Pick<PacingConfig, 'quietStartMinute' | 'quietEndMinute'>): boolean {
  const minute = beijingMinute(now);
  const { quietStartMinute: start, quietEndMinute: end } = config;
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** When the current quiet period ends (now, if it is not quiet). */
export function quietEndsAt(now: number, config: Pick<PacingConfig, 'quietStartMinute' | 'quietEndMinute'>): number {
  if (!isQuiet(now, config)) return now;
  const minute = beijingMinute(now);
  const untilEnd = (config.quietEndMinute - minute + 1440) % 1440;
  const startOfMinute = now - (now % MINUTE_MS);
  return startOfMinute + untilEnd * MINUTE_MS;
}

/** The earliest time the next message may go: the gap plus jitter after the last one. */
export function nextSendAt(lastSentAt: number | null, now: number, config: Pick<PacingConfig, 'minGapMs' | 'jitterMs'>, random: number): number {
  if (lastSentAt === null) return now;
  return Math.max(now, lastSentAt + config.minGapMs + Math.floor(random * config.jitterMs));
}

/** Messages counted per Beijing day; a new day starts from zero. */
export class DailyCounter {
  private day = -1;
  private count = 0;
  constructor(private readonly cap: number) {}

  remaining(now: number): number {
    if (beijingDay(now) !== this.day) return this.cap;
    return Math.max(0, this.cap - this.count);
  }

  record(now: number): void {
    const day = beijingDay(now);
    if (day !== this.day) {
      this.day = day;
      this.count = 0;
    }
    this.count++;
  }
}

export type FloodVerdict = 'ok' | 'warn' | 'drop';

/**
 * At most `limit` messages per contact in any `windowMs`. The first message over the limit gets
 * one warning; the rest are dropped silently until the window clears, so a flood costs the
 * account nothing.
 */
export class FloodLimiter {
  private readonly seen = new Map<string, { times: number[]; warned: boolean }>();
  constructor(private readonly limit: number, private readonly windowMs: number) {}

  check(contactId: string, now: number): FloodVerdict {
    const entry = this.seen.get(contactId) ?? { times: [], warned: false };
    entry.times = entry.times.filter((at) => now - at < this.windowMs);
    this.seen.set(contactId, entry);
    if (entry.times.length < this.limit) {
      entry.times.push(now);
      entry.warned = false;
      return 'ok';
    }
    if (entry.warned) return 'drop';
    entry.warned = true;
    return 'warn';
  }
}

export class DailyCapReached extends Error {
  constructor() {
    super('今日发送条数已达上限');
  }
}

export type PacerDeps = { now: () => number; sleep: (ms: number) => Promise<void>; random: () => number };

/**
 * Sends one message at a time, each at least the gap (plus jitter) after the previous one, and
 * refuses beyond the daily cap. Replies and unsolicited messages share it: the account's rhythm
 * is what WeChat watches.
 */
export class Pacer {
  private lastSentAt: number | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly counter: DailyCounter;

  constructor(private readonly config: PacingConfig, private readonly deps: PacerDeps) {
    this.counter = new DailyCounter(config.dailyCap);
  }

  remainingToday(): number {
    return this.counter.remaining(this.deps.now());
  }

  quietNow(): boolean {
    return isQuiet(this.deps.now(), this.config);
  }

  /** Runs `send` in its turn; rejects with DailyCapReached when the day's messages are used up. */
  send<T>(send: () => Promise<T>): Promise<T> {
    const turn = this.tail.then(async () => {
      if (this.counter.remaining(this.deps.now()) <= 0) throw new DailyCapReached();
      const at = nextSendAt(this.lastSentAt, this.deps.now(), this.config, this.deps.random());
      const wait = at - this.deps.now();
      if (wait > 0) await this.deps.sleep(wait);
      const result = await send();
      this.lastSentAt = this.deps.now();
      this.counter.record(this.lastSentAt);
      return result;
    });
    this.tail = turn.catch(() => undefined);
    return turn;
  }
}
