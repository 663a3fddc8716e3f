// Exam time from the server's clock, never the phone's: the phone's clock may be minutes off,
// so each server response that carries the server's time gives an estimate of the offset
// (server − phone), corrected for the round trip; the sample with the shortest round trip is
// the most precise and is kept. Plain TS: no `wx`.

/** One exchange with the server: the phone's clock when the request left and when the reply came, and the server's time in the reply. */
export type ClockSample = { sentAt: number; receivedAt: number; serverTime: number };

/** Offset (server − phone, ms) from one exchange, assuming the server stamped its time halfway through the round trip. */
export function offsetOf(sample: ClockSample): number {
  return sample.serverTime - (sample.sentAt + sample.receivedAt) / 2;
}

/** The server's time from a reply: a `serverNow` field (ms precision) is preferred to the HTTP Date header (s precision). */
export function serverTimeOf(reply: { serverNow?: string | null; dateHeader?: string | null }): number | null {
  for (const text of [reply.serverNow, reply.dateHeader]) {
    const time = text ? Date.parse(text) : NaN;
    if (Number.isFinite(time)) return time;
  }
  return null;
}

export class ServerClock {
  private best: { roundTrip: number; offset: number } | null = null;

  /**
   * Keeps the sample if its round trip is the shortest seen so far, or if it contradicts the kept
   * one (their error bounds do not overlap: a clock was set meanwhile). A sample from a clock that
   * went back during the request is ignored.
   */
  observe(sample: ClockSample): void {
    const roundTrip = sample.receivedAt - sample.sentAt;
    if (roundTrip < 0) return;
    const offset = offsetOf(sample);
    const contradicts = this.best !== null && Math.abs(offset - this.best.offset) > (roundTrip + this.best.roundTrip) / 2;
    if (!this.best || roundTrip <= this.best.roundTrip || contradicts) this.best = { roundTrip, offset };
  }

  /** server − phone in ms (0 before any sample). */
  get offset(): number {
    return this.best?.offset ?? 0;
  }

  /** How far the estimate may be off: half the round trip it came from. */
  get uncertainty(): number {
    return this.best ? this.best.roundTrip / 2 : Infinity;
  }

  /** The server's time now, from the phone's clock. */
  now(phoneNow: number): number {
    return phoneNow + this.offset;
  }
}

/** Whole seconds left until the deadline on the server's clock; never negative. Rounded up, so 0 means the time is really over. */
export function secondsLeft(deadline: string | number, serverNow: number): number {
  const end = typeof deadline === 'number' ? deadline : Date.parse(deadline);
  return Math.max(0, Math.ceil((end - serverNow) / 1000));
}

/** "1:05:09" or "05:09". */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const two = (n: number) => String(n).padStart(2, '0');
  const hours = Math.floor(s / 3600);
  const rest = `${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
  return hours ? `${hours}:${rest}` : rest;
}

export type CountdownPhase = 'normal' | 'warning' | 'critical' | 'over';

/** How urgent the countdown looks: the last 5 minutes warn, the last minute is critical. */
export function countdownPhase(seconds: number): CountdownPhase {
  if (seconds <= 0) return 'over';
  if (seconds <= 60) return 'critical';
  if (seconds <= 300) return 'warning';
  return 'normal';
}
