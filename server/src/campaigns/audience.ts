// Who a campaign reaches: the 关键少数 (or everyone) of its organisation subtrees, plus the
// people named. Read afresh whenever tasks are generated, so people who join later get the
// current period's tasks.
import type { Db } from '../db/client.ts';

export type CampaignAudienceSpec = { keyMinorityOnly: boolean; audience: Array<{ organizationId: number | null; userId: number | null }> };

export async function audienceMembers(db: Db, campaign: CampaignAudienceSpec): Promise<number[]> {
  const orgIds = campaign.audience.flatMap((a) => a.organizationId ?? []);
  const orgs = await db.organization.findMany({ where: { id: { in: orgIds } }, select: { path: true } });
  const people = await db.user.findMany({
    where: {
      status: 'active', roles: { some: { role: 'cadre' } },
      OR: [
        { id: { in: campaign.audience.flatMap((a) => a.userId ?? []) } },
        ...orgs.map((o) => ({ organization: { path: { startsWith: o.path } }, ...(campaign.keyMinorityOnly ? { isKeyMinority: true } : {}) })),
      ],
    },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  return people.map((p) => p.id);
}
