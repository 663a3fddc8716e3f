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

const OrgCode = z.string().trim().regex(/^[A-Za-z0-9-]{2,32}$/, { error: '单位代码应为 2–32 位字母、数字或短横线' });
const OrgName = z.string().trim().min(2).max(100);

export const CreateOrganizationBody = z.strictObject({
  code: OrgCode,
  name: OrgName,
  level: OrgLevelSchema,
  parentId: z.number().int().positive().optional(),
});

export const UpdateOrganizationBody = z.strictObject({
  code: OrgCode.optional(),
  name: OrgName.optional(),
  level: OrgLevelSchema.optional(),
  parentId: z.number().int().positive().optional().meta({ description: '移到另一上级单位之下（须在本人管辖范围内，且不能是本单位或其下级）' }),
}).refine((body) => Object.keys(body).length > 0, { error: '至少修改一项' });
