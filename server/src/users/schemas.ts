import { z } from 'zod';
import { Role, UserStatus } from '../../generated/mysql/enums.ts';
import { OrgLevelSchema } from '../organizations/schemas.ts';
import { PageQuery, Timestamp, RecordId } from '../http/schemas.ts';

export const RoleSchema = z.enum(Role).meta({ description: 'cadre 干部、organiser 组织者、bureau 司法局审核员、admin 管理员' });
export const UserStatusSchema = z.enum(UserStatus);

const Phone = z.string().trim().regex(/^1\d{10}$/, { error: '手机号应为 11 位数字' });

export const RoleGrantSchema = z.strictObject({
  role: RoleSchema,
  scopeOrganizationId: z.number().int().positive().optional().meta({ description: '组织者、审核员的管辖单位，默认本人单位' }),
});

export const UserView = z.object({
  id: z.number().int(),
  name: z.string(),
  phone: z.string().nullable(),
  position: z.string().nullable(),
  rank: z.string().nullable(),
  isKeyMinority: z.boolean().meta({ description: '是否“关键少数”（领导干部）' }),
  status: UserStatusSchema,
  organization: z.object({ id: z.number().int(), code: z.string(), name: z.string(), level: OrgLevelSchema }),
  roles: z.array(z.object({ role: RoleSchema, scopeOrganizationId: z.number().int().nullable() })),
  username: z.string().nullable(),
  wechatBound: z.boolean(),
});

export const ListUsersQuery = PageQuery.extend({
  organizationId: RecordId.optional().meta({ description: '只看该单位及其下级' }),
  isKeyMinority: z.stringbool().optional(),
  role: RoleSchema.optional(),
  status: UserStatusSchema.optional(),
  wechatBound: z.enum(['yes', 'no']).optional().meta({ description: 'yes：已绑定微信；no：尚未绑定' }),
  q: z.string().trim().min(1).max(50).optional().meta({ description: '按姓名或手机号搜索' }),
  examId: RecordId.optional().meta({ description: '只看该考试的考试对象（例如为其延长时间）；须能查看该考试' }),
});

export const CreateUserBody = z.strictObject({
  name: z.string().trim().min(2).max(50),
  phone: Phone.optional(),
  position: z.string().trim().max(100).optional(),
  rank: z.string().trim().max(50).optional(),
  isKeyMinority: z.boolean().default(false),
  organizationId: z.number().int().positive(),
  roles: z.array(RoleGrantSchema).min(1).max(4).default([{ role: 'cadre' }]),
  username: z.string().trim().regex(/^[A-Za-z0-9_.-]{3,64}$/, { error: '用户名应为 3–64 位字母、数字或 _ . -' }).optional(),
  password: z.string().min(10, { error: '密码至少 10 位' }).max(128).optional(),
});

export const UpdateUserBody = z.strictObject({
  name: z.string().trim().min(2).max(50).optional(),
  phone: Phone.optional(),
  position: z.string().trim().max(100).optional(),
  rank: z.string().trim().max(50).optional(),
  isKeyMinority: z.boolean().optional(),
  organizationId: z.number().int().positive().optional(),
  status: UserStatusSchema.optional(),
  roles: z.array(RoleGrantSchema).min(1).max(4).optional(),
}).refine((body) => Object.keys(body).length > 0, { error: '至少修改一项' });

export const InvitationView = z.object({
  userId: z.number().int(),
  code: z.string().meta({ description: '邀请码，仅此一次显示' }),
  expiresAt: Timestamp,
});
