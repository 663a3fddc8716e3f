// Who an audience reaches (a campaign's, an exam's): the 关键少数 (or every cadre) of its
// organisation subtrees, plus the people named. Read afresh each time, so people who join
// later are included.
import type { Db } from '../db/client.ts';

export type AudienceSpec = { keyMinorityOnly: boolean; audience: Array<{ organizationId: number | null; userId: number | null }> };

export async function audienceMembers(db: Db, spec: AudienceSpec): Promise<number[]> {
  const orgIds = spec.audience.flatMap((a) => a.organizationId ?? []);
  const userIds = spec.audience.flatMap((a) => a.userId ?? []);
  const orgs = await db.organization.findMany({ where: { id: { in: orgIds } }, select: { path: true } });
  const cadres = { status: 'active', roles: { some: { role: 'cadre' } } } as const;
  // Unsorted reads, sorted here: Prisma splits a long id list into several statements only when
  // it need not sort across them, and a make-up for a thousand people went past SQLite's limit.
  const [named, inSubtrees] = await Promise.all([
    userIds.length ? db.user.findMany({ where: { ...cadres, id: { in: userIds } }, select: { id: true } }) : [],
    orgs.length ? db.user.findMany({
      where: { ...cadres, ...(spec.keyMinorityOnly ? { isKeyMinority: true } : {}), OR: orgs.map((o) => ({ organization: { path: { startsWith: o.path } } })) },
      select: { id: true },
    }) : [],
  ]);
  return [...new Set([...named, ...inSubtrees].map((p) => p.id))].sort((a, b) => a - b);
}
