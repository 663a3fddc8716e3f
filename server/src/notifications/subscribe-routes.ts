// The mini-program asks for subscribe-message consent with the template ids this server sends
// with (WECHAT_TEMPLATE_TASK …), so the ids live in the server's configuration only.
import { z } from 'zod';
import { defineRoute } from '../http/route.ts';

const SubscribeTemplatesView = z.object({
  templates: z.array(z.object({
    kind: z.enum(['task']).meta({ description: 'task 任务提醒（新任务、截止前 7 天与 1 天）' }),
    templateId: z.string(),
    title: z.string(),
  })),
});

export const subscribeRoutes = [
  defineRoute({
    method: 'get', path: '/api/my/subscribe-templates', tag: '通知', summary: '订阅消息模板（小程序请求订阅授权时使用）',
    access: { kind: 'signed-in' }, response: SubscribeTemplatesView,
    handler: async (_input, { deps }) => ({ templates: [{ kind: 'task' as const, templateId: deps.config.WECHAT_TEMPLATE_TASK, title: '任务提醒' }] }),
  }),
];
