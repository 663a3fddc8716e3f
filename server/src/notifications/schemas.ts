import { z } from 'zod';
import { Timestamp } from '../http/schemas.ts';

export const ChannelSchema = z.enum(['bot', 'wechat_subscribe']).meta({ description: 'bot：微信机器人；wechat_subscribe：小程序订阅消息' });
export const StatusSchema = z.enum(['pending', 'claimed', 'sent', 'failed', 'cancelled']);

export const NotificationIdParams = z.object({
  id: z.string().regex(/^[1-9][0-9]{0,17}$/, { error: '应为通知 id（正整数）' }).transform((value) => BigInt(value))
    .meta({ description: '通知 id（64 位整数，以字符串表示）' }),
});

export const BotClaimBody = z.object({
  botId: z.string().trim().min(1).max(64).meta({ description: '机器人实例标识，确认时须一致' }),
  limit: z.number().int().min(1).max(100).default(20).meta({ description: '最多领取条数（1–100）' }),
});

export const ClaimedNotificationView = z.object({
  id: z.string().meta({ description: '通知 id（64 位整数，以字符串表示）' }),
  userId: z.number().int(),
  kind: z.string(),
  payload: z.unknown(),
  attempts: z.number().int().meta({ description: '第几次投递（含本次）' }),
  recipient: z.object({
    name: z.string(),
    wechatOpenid: z.string().optional().meta({ description: '小程序 openid（已绑定微信时）' }),
    botContactKey: z.string().optional().meta({ description: '机器人联系人标识（已在机器人绑定时）' }),
  }),
});

export const BotAckBody = z.object({
  botId: z.string().trim().min(1).max(64),
  outcome: z.enum(['sent', 'failed']),
  error: z.string().max(2000).optional().meta({ description: '失败原因（outcome 为 failed 时）' }),
});

export const AckView = z.object({
  id: z.string(),
  status: z.enum(['sent', 'pending', 'failed', 'cancelled']).meta({ description: 'pending 表示稍后重试' }),
  availableAt: Timestamp.nullable().meta({ description: '下次重试时间（重试时）' }),
});

export const MyNotificationView = z.object({
  id: z.string().meta({ description: '消息 id（64 位整数，以字符串表示）' }),
  kind: z.string(),
  payload: z.unknown(),
  status: z.enum(['pending', 'sent', 'failed', 'cancelled']).meta({ description: '任一渠道送达即为 sent；仍在投递为 pending' }),
  channels: z.array(z.object({ channel: ChannelSchema, status: StatusSchema })),
  createdAt: Timestamp,
});
