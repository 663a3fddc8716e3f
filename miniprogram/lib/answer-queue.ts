// Every exam answer is kept on the phone before it is sent, so nothing a cadre answered is lost
// to a dead network or a killed app: each answer gets the next sequence number of the attempt,
// is written to storage at once, and is sent one at a time in sequence order (so the answers to
// one question reach the server in the order they were given). The server ignores a sequence
// number it has already stored or passed, so resending after a lost reply is safe, and a queued
// answer older than what the server holds is dropped instead of being sent.
// Plain TS: the page passes wx storage and the send function.
import type { AnswerResponse } from './answer-format';

/** The subset of a synchronous key-value store the queue needs (wx storage on the phone, a Map in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type PendingAnswer = { ordinal: number; response: AnswerResponse; seq: number };

/** What became of one send, as the exam service classifies the server's reply. */
export type SendOutcome =
  /** Stored, or (applied: false) the server already had this sequence number or a newer one. */
  | { kind: 'saved'; applied: boolean }
  /** 409: the attempt was submitted or its time is over; nothing more can be saved. */
  | { kind: 'closed'; code: string; message: string }
  /** 4xx: this answer can never be saved as it is (bad format, no such question). */
  | { kind: 'rejected'; message: string }
  /** No reply, a timeout or a server error: the same answer is sent again later. */
  | { kind: 'unreachable'; message: string };

export type QueueStatus = 'saved' | 'saving' | 'offline' | 'closed';
export type QueueState = { status: QueueStatus; pending: number; closed: { code: string; message: string } | null };

export type Timers = { set(run: () => void, ms: number): unknown; clear(handle: unknown): void };

export type AnswerQueueOptions = {
  attemptId: number;
  storage: KeyValueStorage;
  send: (answer: PendingAnswer) => Promise<SendOutcome>;
  onChange?: (state: QueueState) => void;
  onRejected?: (answer: PendingAnswer, message: string) => void;
  timers?: Timers;
  /** Wait before retry number `failures` (1, 2, …). */
  backoff?: (failures: number) => number;
};

type Persisted = { nextSeq: number; pending: PendingAnswer[] };

const MAX_BACKOFF_MS = 30_000;
/** 1 s, 2 s, 4 s … at most 30 s between tries, so a phone back online is noticed soon without hammering a dead network. */
export const defaultBackoff = (failures: number) => Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (failures - 1));
const realTimers: Timers = { set: (run, ms) => setTimeout(run, ms), clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>) };

export const storageKeyOf = (attemptId: number) => `xuefa.exam-answers.${attemptId}`;

export class AnswerQueue {
  private nextSeq = 1;
  private pending: PendingAnswer[] = [];
  private inFlight: PendingAnswer | null = null;
  private failures = 0;
  private retryTimer: unknown = null;
  private closed: QueueState['closed'] = null;
  private disposed = false;
  private settledWaiters: Array<(state: QueueState) => void> = [];
  private readonly timers: Timers;
  private readonly backoff: (failures: number) => number;

  constructor(private readonly options: AnswerQueueOptions) {
    this.timers = options.timers ?? realTimers;
    this.backoff = options.backoff ?? defaultBackoff;
    const stored = readPersisted(options.storage, options.attemptId);
    if (stored) ({ nextSeq: this.nextSeq, pending: this.pending } = stored);
  }

  /**
   * Reconciles with the attempt as the server has it (at start or resume) and starts sending:
   * queued answers the server already holds (same or newer sequence) are dropped, later answers
   * get numbers above every stored one. Returns each question's response as the cadre last gave it.
   */
  resume(serverItems: Array<{ ordinal: number; seq: number; response: unknown }>): Record<number, unknown> {
    const serverSeq = new Map(serverItems.map((item) => [item.ordinal, item.seq]));
    this.pending = this.pending.filter((answer) => answer.seq > (serverSeq.get(answer.ordinal) ?? 0));
    this.nextSeq = Math.max(this.nextSeq, ...serverItems.map((item) => item.seq + 1));
    this.persist();
    const responses: Record<number, unknown> = Object.fromEntries(serverItems.map((item) => [item.ordinal, item.response]));
    for (const answer of this.pending) responses[answer.ordinal] = answer.response;
    this.pump();
    return responses;
  }

  /** Queues an answer (stored at once) and sends it as soon as the ones before it are through. False once the attempt is closed. */
  save(ordinal: number, response: AnswerResponse): boolean {
    if (this.closed || this.disposed) return false;
    // An answer not yet on its way is replaced: the server would ignore it after the newer one anyway.
    this.pending = this.pending.filter((answer) => answer.ordinal !== ordinal || answer === this.inFlight);
    this.pending.push({ ordinal, response, seq: this.nextSeq++ });
    this.persist();
    this.emit();
    this.pump();
    return true;
  }

  /** Tries again now instead of waiting out the back-off (the network came back, the page was shown again). */
  retryNow(): void {
    if (this.retryTimer === null) return;
    this.timers.clear(this.retryTimer);
    this.retryTimer = null;
    this.pump();
  }

  /** Tries what is queued now and resolves once it is all sent, or a try failed (offline), or saving is over (closed). */
  settle(): Promise<QueueState> {
    this.retryNow();
    if (this.idle) return Promise.resolve(this.state);
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  /** Nothing on its way: sent out, waiting to retry, closed or disposed. */
  private get idle(): boolean {
    return !this.inFlight && (this.retryTimer !== null || !this.pending.length || this.closed !== null || this.disposed);
  }

  get state(): QueueState {
    const pending = this.pending.length;
    const status: QueueStatus = this.closed ? 'closed' : !pending ? 'saved' : this.failures ? 'offline' : 'saving';
    return { status, pending, closed: this.closed };
  }

  /** Answers not yet confirmed by the server, oldest first. */
  get unsent(): PendingAnswer[] {
    return [...this.pending];
  }

  /** Stops timers (the page is gone); what is queued stays in storage for the next page. */
  dispose(): void {
    this.disposed = true;
    if (this.retryTimer !== null) this.timers.clear(this.retryTimer);
    this.retryTimer = null;
    this.settledWaiters.splice(0).forEach((resolve) => resolve(this.state));
  }

  /** Forgets the attempt's queue (after it was submitted and its result shown). */
  clear(): void {
    this.dispose();
    this.pending = [];
    this.options.storage.removeItem(storageKeyOf(this.options.attemptId));
  }

  private async pump(): Promise<void> {
    if (this.inFlight || this.retryTimer !== null || this.closed || this.disposed) return;
    const answer = this.pending[0];
    if (!answer) return this.emit();
    this.inFlight = answer;
    this.emit();
    const outcome = await this.options.send(answer).catch((error: unknown): SendOutcome => ({ kind: 'unreachable', message: String(error) }));
    this.inFlight = null;
    if (this.disposed) return;
    this.handle(answer, outcome);
  }

  private handle(answer: PendingAnswer, outcome: SendOutcome): void {
    switch (outcome.kind) {
      case 'saved':
      case 'rejected':
        this.failures = 0;
        this.pending = this.pending.filter((other) => other !== answer);
        this.persist();
        if (outcome.kind === 'rejected') this.options.onRejected?.(answer, outcome.message);
        return void this.pump();
      case 'closed':
        this.closed = { code: outcome.code, message: outcome.message };
        return this.emit();
      case 'unreachable':
        this.failures++;
        // Replaced while it was on its way: only the newer answer is worth sending again.
        if (this.pending.some((other) => other.ordinal === answer.ordinal && other.seq > answer.seq)) {
          this.pending = this.pending.filter((other) => other !== answer);
          this.persist();
        }
        this.retryTimer = this.timers.set(() => {
          this.retryTimer = null;
          this.pump();
        }, this.backoff(this.failures));
        return this.emit();
    }
  }

  private persist(): void {
    const value: Persisted = { nextSeq: this.nextSeq, pending: this.pending };
    try {
      this.options.storage.setItem(storageKeyOf(this.options.attemptId), JSON.stringify(value));
    } catch {
      // A full storage must not stop the exam: the answer is still queued in memory and sent.
    }
  }

  private emit(): void {
    const state = this.state;
    this.options.onChange?.(state);
    if (this.idle) this.settledWaiters.splice(0).forEach((resolve) => resolve(state));
  }
}

function readPersisted(storage: KeyValueStorage, attemptId: number): Persisted | null {
  try {
    const text = storage.getItem(storageKeyOf(attemptId));
    const value = text ? (JSON.parse(text) as Persisted) : null;
    return value && Number.isInteger(value.nextSeq) && Array.isArray(value.pending) ? value : null;
  } catch {
    return null; // unreadable leftovers are ignored; the server's saved answers are the fallback
  }
}

/** Words for the status line above the paper. */
export function queueStatusText(state: QueueState): string {
  switch (state.status) {
    case 'saved': return '已保存';
    case 'saving': return '保存中';
    case 'offline': return `离线 · ${state.pending} 题待保存`;
    case 'closed': return '考试已结束，答案不能再保存';
  }
}
