import { z } from 'zod';
import { defineRoute } from '../http/route.ts';
import { PageQuery } from '../http/schemas.ts';
import { ackForBot, claimForBot } from './bot.ts';
import { AckView, BotAckBody, BotClaimBody, ClaimedNotificationView, MyNotificationView, NotificationIdParams } from './schemas.ts';
import { listMyNotifications } from './service.ts';

// The bot has no user token: the router checks its X-Bot-Key header before anything else.
const bot = { kind: 'bot' } as const;

export const notificationRoutes = [
  defineRoute({
    method: 'post', path: '/api/bot/notifications/claim', tag: '通知', access: bot, body: BotClaimBody, response: z.array(ClaimedNotificationView),
    summary: '机器人领取待发送的消息（请求头 X-Bot-Key；超时未确认的消息会重新领取）',
    handler: ({ body }, { deps }) => claimForBot({ deps, botId: body.botId, limit: body.limit }),
  }),
  defineRoute({
    method: 'post', path: '/api/bot/notifications/:id/ack', tag: '通知', access: bot, params: NotificationIdParams, body: BotAckBody, response: AckView,
    summary: '机器人确认发送结果（仅领取者可确认；失败的稍后重试）',
    handler: ({ params, body }, { deps }) => ackForBot({ deps, id: params.id, botId: body.botId, outcome: body.outcome, error: body.error }),
  }),
  defineRoute({
    method: 'get', path: '/api/my/notifications', tag: '通知', summary: '我的消息（最新在前）',
    access: { kind: 'signed-in' }, query: PageQuery, response: MyNotificationView, paginated: true,
    handler: ({ query }, { deps, actor }) => listMyNotifications(deps.db, actor, query),
  }),
];
