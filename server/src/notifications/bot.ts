// The delivery API of the Wechaty bot, a separate process that polls for bot-channel messages,
// sends them in chat and reports back. It authenticates with a shared key, not a user token.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AppDeps } from '../deps.ts';
import type { Config } from '../env.ts';
import { AppError, NotFoundError, UnauthenticatedError } from '../errors.ts';
import { claimNotifications, settleNotification, type SettledStatus } from './claims.ts';

/**
 * Refuses the call unless it carries the configured bot key. Both sides are hashed first, so
 * the comparison takes the same time whatever the presented key's length or content.
 */
export function assertBotKey(config: Pick<Config, 'BOT_API_KEY'>, presented: string | undefined): void {
  if (!config.BOT_API_KEY) throw new AppError('bot_api_disabled', '机器人接口未启用：服务器未配置 BOT_API_KEY');
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  if (!presented || !timingSafeEqual(digest(presented), digest(config.BOT_API_KEY))) {
    throw new UnauthenticatedError('机器人密钥缺失或不正确', 'bot_key_invalid');
  }
}

export type ClaimForBotOptions = { deps: AppDeps; botId: string; limit: number };

/** Hands the bot due bot-channel messages, each with what it needs to find the recipient. */
export async function claimForBot({ deps, botId, limit }: ClaimForBotOptions) {
  const claimed = await claimNotifications(deps.db, {
    channel: 'bot', limit, claimedBy: botId, now: deps.clock.now(), claimTimeoutMs: deps.config.NOTIFY_CLAIM_TIMEOUT_SECONDS * 1000,
  });
  if (!claimed.length) return [];
  const users = await deps.db.user.findMany({
    where: { id: { in: [...new Set(claimed.map((row) => row.userId))] } },
    select: { id: true, name: true, wechat: { select: { openid: true } } },
  });
  const byId = new Map(users.map((user) => [user.id, user]));
  // The bot finds a person's chat by the key it wrote into the contact's remark at binding.
  const contacts = await deps.db.botContact.findMany({ where: { userId: { in: users.map((user) => user.id) } }, select: { userId: true, contactKey: true } });
  const contactKeys = new Map(contacts.map((contact) => [contact.userId, contact.contactKey]));
  return claimed.map((row) => {
    const user = byId.get(row.userId);
    const botContactKey = contactKeys.get(row.userId);
    return {
      id: String(row.id), userId: row.userId, kind: row.kind, payload: row.payload, attempts: row.attempts,
      recipient: { name: user?.name ?? '', ...(user?.wechat ? { wechatOpenid: user.wechat.openid } : {}), ...(botContactKey ? { botContactKey } : {}) },
    };
  });
}

export type AckForBotOptions = { deps: AppDeps; id: bigint; botId: string; outcome: 'sent' | 'failed'; error?: string };

/**
 * Records the bot's delivery outcome. Only the bot holding the claim may answer; a failure goes
 * back to the queue with a growing delay until the attempts are used up. Repeating a "sent"
 * answer is harmless, so the bot may retry an ack whose response it lost.
 */
export async function ackForBot({ deps, id, botId, outcome, error }: AckForBotOptions): Promise<{ id: string; status: SettledStatus; availableAt: string | null }> {
  const row = await deps.db.notificationOutbox.findFirst({ where: { id, channel: 'bot' }, select: { status: true, claimedBy: true, attempts: true } });
  if (!row) throw new NotFoundError('通知不存在');
  if (row.status === 'sent' && row.claimedBy === botId && outcome === 'sent') return { id: String(id), status: 'sent', availableAt: null };
  const notHeld = () => new AppError('notification_not_claimed', '该通知不在此机器人的领取中（可能已超时被重新分配或已确认）');
  if (row.status !== 'claimed' || row.claimedBy !== botId) throw notHeld();
  const settled = await settleNotification(
    deps.db, { id, claimedBy: botId, attempts: row.attempts },
    outcome === 'sent' ? { outcome: 'sent' } : { outcome: 'retry', error: error?.trim() || '机器人发送失败' },
    deps.clock.now(),
  );
  if (!settled) throw notHeld();
  return { id: String(id), status: settled.status, availableAt: settled.availableAt?.toISOString() ?? null };
}
