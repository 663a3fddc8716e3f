import type { Role } from '../../generated/mysql/enums.ts';

/** A role as it applies: organiser and bureau grants reach one subtree; admin reaches all. */
export type RoleScope = { role: Role; scopeOrganizationId: number | null; scopePath: string | null };

/** The signed-in user making a request, with everything authorisation needs. */
export type Actor = {
  userId: number;
  name: string;
  organizationId: number;
  organizationPath: string;
  roles: RoleScope[];
  tokenId: number;
};
