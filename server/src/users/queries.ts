import type { Prisma } from '../../generated/mysql/client.ts';

export const userSelect = {
  id: true, name: true, phone: true, position: true, rank: true, isKeyMinority: true, status: true, organizationId: true,
  organization: { select: { id: true, code: true, name: true, level: true, path: true } },
  roles: { select: { role: true, scopeOrganizationId: true }, orderBy: { role: 'asc' } },
  credential: { select: { username: true } },
  wechat: { select: { id: true } },
} satisfies Prisma.UserSelect;

export type UserRow = Prisma.UserGetPayload<{ select: typeof userSelect }>;

/** The API's view of a person: no credentials, only whether WeChat and console access exist. */
export function presentUser(user: UserRow) {
  return {
    id: user.id, name: user.name, phone: user.phone, position: user.position, rank: user.rank,
    isKeyMinority: user.isKeyMinority, status: user.status,
    organization: { id: user.organization.id, code: user.organization.code, name: user.organization.name, level: user.organization.level },
    roles: user.roles,
    username: user.credential?.username ?? null,
    wechatBound: user.wechat !== null,
  };
}
