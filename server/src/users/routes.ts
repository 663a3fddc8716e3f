import { defineRoute } from '../http/route.ts';
import { IdParams } from '../http/schemas.ts';
import { presentUser } from './queries.ts';
import { CreateUserBody, InvitationView, ListUsersQuery, UpdateUserBody, UserView } from './schemas.ts';
import { createUser, getUserOrThrow, issueInvitation, listUsers, updateUser } from './service.ts';
import { peopleBulkRoutes } from './bulk-routes.ts';

export const userRoutes = [
  ...peopleBulkRoutes,
  defineRoute({
    method: 'get', path: '/api/users', tag: '人员', summary: '人员列表（本人管辖范围内）',
    access: { kind: 'permission', permission: 'user.read' }, query: ListUsersQuery, response: UserView, paginated: true,
    async handler({ query: { page, pageSize, ...filter } }, { deps, actor }) {
      const result = await listUsers({ db: deps.db, actor, page: { page, pageSize }, filter });
      return { ...result, items: result.items.map(presentUser) };
    },
  }),
  defineRoute({
    method: 'get', path: '/api/users/:id', tag: '人员', summary: '人员详情',
    access: { kind: 'permission', permission: 'user.read' }, params: IdParams, response: UserView,
    handler: async ({ params }, { deps, actor }) => presentUser(await getUserOrThrow(deps.db, actor, params.id)),
  }),
  defineRoute({
    method: 'post', path: '/api/users', tag: '人员', summary: '登记人员', status: 201,
    access: { kind: 'permission', permission: 'user.create' }, body: CreateUserBody, response: UserView,
    handler: async ({ body }, { deps, actor, meta }) => presentUser(await createUser({ db: deps.db, actor, meta, input: body })),
  }),
  defineRoute({
    method: 'patch', path: '/api/users/:id', tag: '人员', summary: '修改人员信息、角色或状态',
    access: { kind: 'permission', permission: 'user.update' }, params: IdParams, body: UpdateUserBody, response: UserView,
    handler: async ({ params, body }, { deps, actor, meta }) => presentUser(await updateUser({ db: deps.db, actor, meta, id: params.id, input: body })),
  }),
  defineRoute({
    method: 'post', path: '/api/users/:id/invitations', tag: '人员', summary: '发放微信绑定邀请码', status: 201,
    access: { kind: 'permission', permission: 'user.invite' }, params: IdParams, response: InvitationView,
    handler: ({ params }, { deps, actor, meta }) => issueInvitation({ db: deps.db, actor, meta, userId: params.id, now: deps.clock.now() }),
  }),
];
