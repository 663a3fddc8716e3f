// A requirement's current period: one-off requirements have a single period from the campaign's
// start to their due date; recurring ones start a period at each firing, due at the next
// firing or at the campaign's end, whichever is sooner.
import { nextFiring, previousFiring } from './recurrence.ts';

export type Period = { key: string; opensAt: Date; dueAt: Date };
type RequirementTiming = { recurrence: string | null; dueAt: Date | null };
type CampaignSpan = { startsAt: Date; endsAt: Date };

/** YYYY-MM-DD of an instant in Asia/Shanghai (periods are named by their local start date). */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function currentPeriod(requirement: RequirementTiming, campaign: CampaignSpan, now: Date): Period | null {
  if (now < campaign.startsAt || now >= campaign.endsAt) return null;
  if (!requirement.recurrence) return { key: 'once', opensAt: campaign.startsAt, dueAt: requirement.dueAt! };
  const start = previousFiring(requirement.recurrence, now);
  if (!start || start < campaign.startsAt) return null;
  const next = nextFiring(requirement.recurrence, start);
  const dueAt = next && next < campaign.endsAt ? next : campaign.endsAt;
  return { key: shanghaiDate(start), opensAt: start, dueAt };
}
