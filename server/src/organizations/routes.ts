import { defineRoute } from '../http/route.ts';
import { IdParams } from '../http/schemas.ts';
import { CreateOrganizationBody, ListOrganizationsQuery, OrganizationView, UpdateOrganizationBody } from './schemas.ts';
import { createOrganization, getOrganizationOrThrow, listOrganizations } from './service.ts';
import { updateOrganization } from './update.ts';

export const organizationRoutes = [
  defineRoute({
    method: 'get', path: '/api/organizations', tag: '组织', summary: '单位列表（本人管辖范围内）',
    access: { kind: 'permission', permission: 'org.read' }, query: ListOrganizationsQuery, response: OrganizationView, paginated: true,
    handler: ({ query: { page, pageSize, ...filter } }, { deps, actor }) => listOrganizations({ db: deps.db, actor, page: { page, pageSize }, filter }),
  }),
  defineRoute({
    method: 'get', path: '/api/organizations/:id', tag: '组织', summary: '单位详情',
    access: { kind: 'permission', permission: 'org.read' }, params: IdParams, response: OrganizationView,
    handler: ({ params }, { deps, actor }) => getOrganizationOrThrow(deps.db, actor, params.id),
  }),
  defineRoute({
    method: 'post', path: '/api/organizations', tag: '组织', summary: '新增单位', status: 201,
    access: { kind: 'permission', permission: 'org.create' }, body: CreateOrganizationBody, response: OrganizationView,
    handler: ({ body }, { deps, actor, meta }) => createOrganization({ db: deps.db, actor, meta, input: body }),
  }),
  defineRoute({
    method: 'patch', path: '/api/organizations/:id', tag: '组织', summary: '修改单位（名称、代码、层级，或移到另一上级单位之下）',
    access: { kind: 'permission', permission: 'org.create' }, params: IdParams, body: UpdateOrganizationBody, response: OrganizationView,
    handler: ({ params, body }, { deps, actor, meta }) => updateOrganization({ db: deps.db, actor, meta, id: params.id, input: body }),
  }),
];
