// What a study heartbeat reports, counted without wx: sequence number, visibility, interaction
// counts and the gaps between interactions since the last beat, reading position and the client
// clock. The server decides credit from these; the client only observes honestly.
export type Visibility = 'foreground' | 'background';
export type ReadingPosition = { statute: string; article: number; scroll: number };
export type HeartbeatPayload = {
  seq: number;
  visibility: Visibility;
  taps: number;
  scrolls: number;
  keys: number;
  gapsMs: number[];
  position: ReadingPosition;
  clientAt: string;
};
export type Interaction = 'tap' | 'scroll' | 'key';

/** The server's limits (study/schemas.ts HeartbeatBody). */
const MAX_COUNT = 10_000;
const MAX_GAPS = 500;
const MAX_GAP_MS = 600_000;
/** Scroll events fire many times a second while a finger drags or a fling glides: events each
 *  within 250 ms of the last are one gesture, however long it lasts, so only gestures are counted
 *  and timed (the server reads the gaps between gestures, and a glide is as even as a script). */
const SCROLL_MERGE_MS = 250;

export class HeartbeatCounter {
  private seq = 0;
  private counts = { tap: 0, scroll: 0, key: 0 };
  private gaps: number[] = [];
  private lastInteractionAt: number | null = null;
  private lastScrollAt = -Infinity;
  private visibility: Visibility = 'foreground';
  private hiddenSinceLastBeat = false;

  constructor(private position: ReadingPosition, private readonly now: () => number = Date.now) {}

  record(kind: Interaction): void {
    const at = this.now();
    if (kind === 'scroll') {
      const sameGesture = at - this.lastScrollAt < SCROLL_MERGE_MS;
      this.lastScrollAt = at;
      if (sameGesture) return;
    }
    this.counts[kind] = Math.min(MAX_COUNT, this.counts[kind] + 1);
    if (this.lastInteractionAt !== null && this.gaps.length < MAX_GAPS) this.gaps.push(Math.min(MAX_GAP_MS, at - this.lastInteractionAt));
    this.lastInteractionAt = at;
  }

  moveTo(position: Partial<ReadingPosition>): void {
    this.position = { ...this.position, ...position, scroll: clampFraction(position.scroll ?? this.position.scroll) };
  }

  setVisibility(visibility: Visibility): void {
    this.visibility = visibility;
    if (visibility === 'background') this.hiddenSinceLastBeat = true;
  }

  /** The next heartbeat; counters restart. A beat during which the app was hidden reports background. */
  next(): HeartbeatPayload {
    this.seq += 1;
    const payload: HeartbeatPayload = {
      seq: this.seq,
      visibility: this.hiddenSinceLastBeat ? 'background' : this.visibility,
      taps: this.counts.tap, scrolls: this.counts.scroll, keys: this.counts.key,
      gapsMs: this.gaps,
      position: { ...this.position },
      clientAt: new Date(this.now()).toISOString(),
    };
    this.counts = { tap: 0, scroll: 0, key: 0 };
    this.gaps = [];
    this.hiddenSinceLastBeat = this.visibility === 'background';
    return payload;
  }

  /** A beat that could not be sent: its counts go into the next one (its sequence number stays used). */
  putBack(payload: HeartbeatPayload): void {
    this.counts.tap = Math.min(MAX_COUNT, this.counts.tap + payload.taps);
    this.counts.scroll = Math.min(MAX_COUNT, this.counts.scroll + payload.scrolls);
    this.counts.key = Math.min(MAX_COUNT, this.counts.key + payload.keys);
    this.gaps = [...payload.gapsMs, ...this.gaps].slice(0, MAX_GAPS);
    if (payload.visibility === 'background') this.hiddenSinceLastBeat = true;
  }
}

function clampFraction(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.max(0, Math.min(1, Math.round(value * 1000) / 1000));
}

/** Scroll fraction of a page: 0 at the top, 1 at the bottom. */
export function scrollFraction(scrollTop: number, scrollHeight: number, viewportHeight: number): number {
  const range = scrollHeight - viewportHeight;
  return range > 0 ? clampFraction(scrollTop / range) : 1;
}

/** Seconds left to answer a presence check, by the server's deadline and the phone's clock offset. */
export function secondsLeft(expiresAt: string, serverOffsetMs: number, now: number = Date.now()): number {
  return Math.max(0, Math.ceil((new Date(expiresAt).getTime() - (now + serverOffsetMs)) / 1000));
}
