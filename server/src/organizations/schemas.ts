import { z } from 'zod';
import { OrgLevel } from '../../generated/mysql/enums.ts';
import { PageQuery, RecordId } from '../http/schemas.ts';

export const OrgLevelSchema = z.enum(OrgLevel).meta({ description: '层级：province 省、city 市、county 县区、unit 单位' });

export const OrganizationView = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  level: OrgLevelSchema,
  parentId: z.number().int().nullable(),
});

export const ListOrganizationsQuery = PageQuery.extend({
  parentId: RecordId.optional(),
  level: OrgLevelSchema.optional(),
  q: z.string().trim().min(1).max(50).optional().meta({ description: '按名称或代码搜索' }),
});

export const CreateOrganizationBody = z.strictObject({
  code: z.string().trim().regex(/^[A-Za-z0-9-]{2,32}$/, { error: '单位代码应为 2–32 位字母、数字或短横线' }),
  name: z.string().trim().min(2).max(100),
  level: OrgLevelSchema,
  parentId: z.number().int().positive().optional(),
});
