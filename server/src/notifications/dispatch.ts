// Delivers wechat_subscribe messages: claims due rows like any deliverer, sends each as a
// mini-program subscribe message through the WeChat client, and records the outcome. Claims
// make concurrent runs (the next firing on another instance) safe; a send that succeeded just
// before a crash is repeated once the claim times out, so delivery is at least once.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import type { SubscribeMessage } from '../wechat/client.ts';
import { claimNotifications, settleNotification, type ClaimedRow, type Settlement } from './claims.ts';

/** Rows claimed at a time, and batches per run: at most 500 messages per firing. */
const BATCH_SIZE = 50;
const MAX_BATCHES = 10;

/** This process's claimer name in claimedBy. */
export const DISPATCH_INSTANCE_ID = (() => {
  const suffix = `/${process.pid}/${randomBytes(3).toString('hex')}`;
  return `dispatch:${hostname().slice(0, 64 - 'dispatch:'.length - suffix.length)}${suffix}`;
})();

/**
 * What a message needs to go out as a subscribe message, under `payload.subscribe`: the values
 * of the template's keys (e.g. `{ thing1: '宪法学习', time2: '2025-03-31 18:00' }`), the page the
 * card opens, and which configured template to use.
 */
export const SubscribePayload = z.object({
  template: z.enum(['task']).default('task'),
  page: z.string().min(1).max(256).optional(),
  data: z.record(z.string().min(1).max(32), z.union([z.string(), z.number()])),
});

export type DispatchSummary = { claimed: number; sent: number; retried: number; failed: number; cancelled: number };

/** The template id a payload asks for, from configuration. */
function templateIdFor(deps: AppDeps, template: z.output<typeof SubscribePayload>['template']): string {
  switch (template) {
    case 'task': return deps.config.WECHAT_TEMPLATE_TASK;
  }
}

async function deliver(deps: AppDeps, row: ClaimedRow, openid: string | undefined): Promise<Settlement> {
  if (!openid) return { outcome: 'cancelled', error: '未绑定微信' };
  const parsed = SubscribePayload.safeParse((row.payload as { subscribe?: unknown } | null)?.subscribe);
  if (!parsed.success) return { outcome: 'failed', error: `消息缺少订阅消息内容（payload.subscribe）：${parsed.error.issues[0]?.message ?? ''}` };
  const message: SubscribeMessage = { openid, templateId: templateIdFor(deps, parsed.data.template), page: parsed.data.page, data: parsed.data.data };
  const result = await deps.wechat.sendSubscribeMessage(message);
  if (result.ok) return { outcome: 'sent' };
  return { outcome: result.retryable ? 'retry' : 'failed', error: result.message };
}

/** Sends the due subscribe messages; tests call this directly with the time they like. */
export async function runNotificationDispatch(deps: AppDeps, now: Date, options: { instanceId?: string } = {}): Promise<DispatchSummary> {
  const claimedBy = options.instanceId ?? DISPATCH_INSTANCE_ID;
  const summary: DispatchSummary = { claimed: 0, sent: 0, retried: 0, failed: 0, cancelled: 0 };
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const rows = await claimNotifications(deps.db, {
      channel: 'wechat_subscribe', limit: BATCH_SIZE, claimedBy, now, claimTimeoutMs: deps.config.NOTIFY_CLAIM_TIMEOUT_SECONDS * 1000,
    });
    if (!rows.length) break;
    summary.claimed += rows.length;
    const identities = await deps.db.wechatIdentity.findMany({
      where: { userId: { in: [...new Set(rows.map((row) => row.userId))] } }, select: { userId: true, openid: true },
    });
    const openidOf = new Map(identities.map((identity) => [identity.userId, identity.openid]));
    for (const row of rows) {
      const settlement = await deliver(deps, row, openidOf.get(row.userId));
      const settled = await settleNotification(deps.db, row, settlement, deps.clock.now());
      if (!settled) continue; // the claim timed out during the send and belongs to someone else now
      if (settled.status === 'sent') summary.sent++;
      else if (settled.status === 'pending') summary.retried++;
      else if (settled.status === 'failed') summary.failed++;
      else summary.cancelled++;
    }
    if (rows.length < BATCH_SIZE) break;
  }
  if (summary.claimed) deps.logger.info(summary, 'subscribe messages dispatched');
  return summary;
}
