// Delivers what the server queued for the bot: reminders to people, the daily question and its
// summary to groups. Claims from /api/bot/notifications/claim, sends through the pacer, and
// acknowledges each one sent or failed (with the reason when a contact or group cannot be
// found). Nothing claimed is lost: an ack that cannot reach the server is kept and retried,
// and a message never acknowledged returns to the server's queue when its claim times out.
// Unsolicited messages wait out the quiet hours and stop at the daily cap.
import { ApiError, ServiceUnavailableError, type ClaimedNotification, type DailyRound, type XuefaApi } from '../api/client.ts';
import type { Logger } from '../engine/engine.ts';
import { formatDailyQuestion, formatDailySummary, type DailySummary } from '../engine/format.ts';
import { DailyCapReached, type Pacer } from '../engine/pacing.ts';

/** A contact or group the bot cannot reach; the message is acknowledged failed with this reason. */
export class UnreachableError extends Error {}

/** Where deliveries go; the Wechaty adapter implements it. */
export type Sender = {
  toContact(contactKey: string, text: string): Promise<void>;
  toRoom(roomKey: string, text: string): Promise<void>;
};

export type ReminderOptions = {
  api: XuefaApi;
  sender: Sender;
  pacer: Pacer;
  logger: Logger;
  pollMs: number;
  batch: number;
  /** Longest wait between polls while the server is unreachable. */
  maxBackoffMs?: number;
};

type Ack = { id: string; outcome: 'sent' | 'failed'; error?: string };
type Payload = Record<string, unknown>;

function delivery(item: ClaimedNotification): { to: 'room' | 'contact'; key: string | undefined; text: string } {
  const payload = (item.payload ?? {}) as Payload;
  if (item.kind === 'group_daily_question') {
    return { to: 'room', key: payload.roomKey as string, text: formatDailyQuestion(payload as unknown as NonNullable<DailyRound>) };
  }
  if (item.kind === 'group_daily_summary') return { to: 'room', key: payload.roomKey as string, text: formatDailySummary(payload as unknown as DailySummary) };
  const text = typeof payload.text === 'string' ? payload.text : typeof payload.title === 'string' ? payload.title : '您有一条学法提醒，请打开小程序查看。';
  return { to: 'contact', key: item.recipient.botContactKey, text };
}

export class ReminderLoop {
  private readonly pendingAcks: Ack[] = [];
  private timer: NodeJS.Timeout | null = null;
  private backoffMs = 0;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = true;

  constructor(private readonly options: ReminderOptions) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Acknowledgements still owed to the server (it was unreachable). */
  get unacknowledged(): number {
    return this.pendingAcks.length;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.pollOnce().then(
        () => { this.backoffMs = 0; },
        (error) => {
          // Back off while the server is away: doubling from the poll interval, up to the cap.
          this.backoffMs = Math.min(this.options.maxBackoffMs ?? 300_000, Math.max(this.options.pollMs, this.backoffMs * 2));
          if (!(error instanceof ServiceUnavailableError)) this.options.logger.error({ err: error }, 'reminder poll failed');
        },
      ).finally(() => this.schedule(this.backoffMs || this.options.pollMs));
    }, ms);
  }

  /** One round: settle owed acks, then claim and deliver what is due. */
  async pollOnce(): Promise<{ sent: number; failed: number }> {
    await this.flushAcks();
    const { pacer } = this.options;
    if (pacer.quietNow()) return { sent: 0, failed: 0 };
    const limit = Math.min(this.options.batch, pacer.remainingToday());
    if (limit <= 0) return { sent: 0, failed: 0 };
    const claimed = await this.options.api.claim(limit);
    let sent = 0, failed = 0;
    for (const item of claimed) {
      const ack = await this.deliver(item);
      if (!ack) continue;
      if (ack.outcome === 'sent') sent++; else failed++;
      this.pendingAcks.push(ack);
    }
    await this.flushAcks();
    return { sent, failed };
  }

  private async deliver(item: ClaimedNotification): Promise<Ack | null> {
    const target = delivery(item);
    if (!target.key) return { id: item.id, outcome: 'failed', error: target.to === 'room' ? '消息未指明群' : '该人员尚未在机器人绑定微信' };
    try {
      await (target.to === 'room' ? this.options.sender.toRoom(target.key, target.text) : this.options.sender.toContact(target.key, target.text));
      return { id: item.id, outcome: 'sent' };
    } catch (error) {
      // Over the cap: leave it claimed; it returns to the queue and goes out another day.
      if (error instanceof DailyCapReached) return null;
      const reason = error instanceof UnreachableError ? error.message : `发送失败：${(error as Error).message}`;
      this.options.logger.warn({ id: item.id, kind: item.kind, reason }, 'delivery failed');
      return { id: item.id, outcome: 'failed', error: reason };
    }
  }

  private async flushAcks(): Promise<void> {
    while (this.pendingAcks.length) {
      const ack = this.pendingAcks[0]!;
      try {
        await this.options.api.ack(ack.id, ack.outcome, ack.error);
      } catch (error) {
        // The server is away: keep the ack for the next round. Any other answer (the claim
        // timed out and went to another bot) settles nothing we can fix, so it is dropped.
        if (error instanceof ServiceUnavailableError) throw error;
        if (error instanceof ApiError) this.options.logger.warn({ id: ack.id, code: error.code }, 'ack refused');
        else throw error;
      }
      this.pendingAcks.shift();
    }
  }
}
