// Who an audience reaches (a campaign's, an exam's): the 关键少数 (or every cadre) of its
// organisation subtrees, plus the people named. Read afresh each time, so people who join
// later are included.
import type { Db } from '../db/client.ts';

export type AudienceSpec = { keyMinorityOnly: boolean; audience: Array<{ organizationId: number | null; userId: number | null }> };

export async function audienceMembers(db: Db, spec: AudienceSpec): Promise<number[]> {
  const orgIds = spec.audience.flatMap((a) => a.organizationId ?? []);
  const orgs = await db.organization.findMany({ where: { id: { in: orgIds } }, select: { path: true } });
  const people = await db.user.findMany({
    where: {
      status: 'active', roles: { some: { role: 'cadre' } },
      OR: [
        { id: { in: spec.audience.flatMap((a) => a.userId ?? []) } },
        ...orgs.map((o) => ({ organization: { path: { startsWith: o.path } }, ...(spec.keyMinorityOnly ? { isKeyMinority: true } : {}) })),
      ],
    },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  return people.map((p) => p.id);
}
