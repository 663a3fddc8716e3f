import { z } from 'zod';
import type { Config } from '../env.ts';
import { defineRoute } from '../http/route.ts';
import { Timestamp } from '../http/schemas.ts';
import { presentUser, userSelect } from '../users/queries.ts';
import { UserView } from '../users/schemas.ts';
import { bindWechat, devLogin, loginStaff, loginWithWechat, type Session } from './service.ts';
import { revokeAccessToken } from './tokens.ts';
import { PERMISSIONS, permissionsOf } from '../policy.ts';

const SessionView = z.object({
  token: z.string().meta({ description: '访问令牌，放在 Authorization: Bearer 头中' }),
  expiresAt: Timestamp,
  user: UserView,
});

/** The signed-in person with what they may do, so a client shows only what will be allowed. */
const MeView = UserView.extend({
  permissions: z.array(z.enum(PERMISSIONS)).meta({ description: '本人在某一管辖范围内拥有的权限' }),
});

const presentSession = (session: Session) => ({ token: session.token, expiresAt: session.expiresAt.toISOString(), user: presentUser(session.user) });

const WechatLoginView = z.discriminatedUnion('status', [
  z.object({ status: z.literal('bound'), session: SessionView }),
  z.object({
    status: z.literal('unbound'),
    bindTicket: z.string().meta({ description: '10 分钟内用于 /api/auth/wechat/bind' }),
    expiresAt: Timestamp,
    bindMethods: z.array(z.enum(['invitation', 'identity'])),
  }),
]);

const BindBody = z.union([
  z.strictObject({ bindTicket: z.string().min(20).max(200), invitationCode: z.string().trim().min(4).max(20) }),
  z.strictObject({
    bindTicket: z.string().min(20).max(200),
    name: z.string().trim().min(2).max(50),
    phone: z.string().trim().regex(/^1\d{10}$/, { error: '手机号应为 11 位数字' }),
    organizationCode: z.string().trim().min(2).max(32),
  }),
]);

function bindMethods(config: Config): Array<'invitation' | 'identity'> {
  return config.WECHAT_BIND_MODE === 'both' ? ['invitation', 'identity'] : [config.WECHAT_BIND_MODE];
}

const loginRoutes = [
  defineRoute({
    method: 'post', path: '/api/auth/wechat/login', tag: '登录', summary: '小程序登录（wx.login 的 code）',
    access: { kind: 'public' }, rateLimit: 'login',
    body: z.strictObject({ code: z.string().trim().min(1).max(128) }), response: WechatLoginView,
    async handler({ body }, { deps, meta }) {
      const result = await loginWithWechat(deps, body.code, meta);
      return result.status === 'bound'
        ? { status: 'bound' as const, session: presentSession(result.session) }
        : { status: 'unbound' as const, bindTicket: result.bindTicket, expiresAt: result.expiresAt.toISOString(), bindMethods: bindMethods(deps.config) };
    },
  }),
  defineRoute({
    method: 'post', path: '/api/auth/wechat/bind', tag: '登录', summary: '首次登录绑定登记人员（邀请码，或姓名 + 手机号 + 单位代码）',
    access: { kind: 'public' }, rateLimit: 'login', body: BindBody, response: SessionView,
    handler: async ({ body }, { deps, meta }) => presentSession(await bindWechat(deps, body, meta)),
  }),
  defineRoute({
    method: 'post', path: '/api/auth/staff/login', tag: '登录', summary: '控制台登录（用户名 + 密码）',
    access: { kind: 'public' }, rateLimit: 'login',
    body: z.strictObject({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(128) }), response: SessionView,
    handler: async ({ body }, { deps, meta }) => presentSession(await loginStaff(deps, body.username, body.password, meta)),
  }),
  defineRoute({
    method: 'post', path: '/api/auth/logout', tag: '登录', summary: '退出登录（吊销当前令牌）',
    access: { kind: 'signed-in' }, response: z.object({ loggedOut: z.literal(true) }),
    async handler(_input, { deps, actor }) {
      await revokeAccessToken(deps.db, actor.tokenId);
      return { loggedOut: true as const };
    },
  }),
  defineRoute({
    method: 'get', path: '/api/me', tag: '登录', summary: '当前登录人员',
    access: { kind: 'signed-in' }, response: MeView,
    handler: async (_input, { deps, actor }) => ({
      ...presentUser(await deps.db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: userSelect })),
      permissions: permissionsOf(actor),
    }),
  }),
];

const devLoginRoute = defineRoute({
  method: 'post', path: '/api/auth/dev/login', tag: '登录', summary: '开发登录（仅非生产环境）',
  access: { kind: 'public' },
  body: z.union([
    z.strictObject({ userId: z.number().int().positive() }),
    z.strictObject({ username: z.string().trim().min(1).max(64) }),
    z.strictObject({ phone: z.string().trim().min(1).max(20) }),
  ]),
  response: SessionView,
  handler: async ({ body }, { deps, meta }) => presentSession(await devLogin(deps, body, meta)),
});

/** The development login exists only outside production: there it is not even routed. */
export function authRoutes(config: Config) {
  return config.devLoginEnabled ? [...loginRoutes, devLoginRoute] : loginRoutes;
}

