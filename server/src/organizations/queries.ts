import type { Prisma } from '../../generated/mysql/client.ts';

export const organizationSelect = {
  id: true, code: true, name: true, level: true, parentId: true, path: true,
} satisfies Prisma.OrganizationSelect;

export type OrganizationRow = Prisma.OrganizationGetPayload<{ select: typeof organizationSelect }>;
