import { z } from 'zod';
import { OrgLevel } from '../../generated/mysql/enums.ts';
import { defineRoute } from '../http/route.ts';
import { IdParams, PageQuery } from '../http/schemas.ts';
import { createOrganization, getOrganizationOrThrow, listOrganizations } from './service.ts';

export const OrgLevelSchema = z.enum(OrgLevel).meta({ description: '层级：province 省、city 市、county 县区、unit 单位' });

export const OrganizationView = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  level: OrgLevelSchema,
  parentId: z.number().int().nullable(),
});

const ListQuery = PageQuery.extend({
  parentId: z.coerce.number().int().positive().optional(),
  level: OrgLevelSchema.optional(),
  q: z.string().trim().min(1).max(50).optional().meta({ description: '按名称或代码搜索' }),
});

const CreateBody = z.strictObject({
  code: z.string().trim().regex(/^[A-Za-z0-9-]{2,32}$/, { error: '单位代码应为 2–32 位字母、数字或短横线' }),
  name: z.string().trim().min(2).max(100),
  level: OrgLevelSchema,
  parentId: z.number().int().positive().optional(),
});

export const organizationRoutes = [
  defineRoute({
    method: 'get', path: '/api/organizations', tag: '组织', summary: '单位列表（本人管辖范围内）',
    access: { kind: 'permission', permission: 'org.read' }, query: ListQuery, response: OrganizationView, paginated: true,
    handler: ({ query: { page, pageSize, ...filter } }, { deps, actor }) => listOrganizations({ db: deps.db, actor, page: { page, pageSize }, filter }),
  }),
  defineRoute({
    method: 'get', path: '/api/organizations/:id', tag: '组织', summary: '单位详情',
    access: { kind: 'permission', permission: 'org.read' }, params: IdParams, response: OrganizationView,
    handler: ({ params }, { deps, actor }) => getOrganizationOrThrow(deps.db, actor, params.id),
  }),
  defineRoute({
    method: 'post', path: '/api/organizations', tag: '组织', summary: '新增单位', status: 201,
    access: { kind: 'permission', permission: 'org.create' }, body: CreateBody, response: OrganizationView,
    handler: ({ body }, { deps, actor, meta }) => createOrganization({ db: deps.db, actor, meta, input: body }),
  }),
];
