// Creates each active campaign's current task instances for everyone in its audience (and, for
// exam requirements, the period's exam). Run by the recurrence job; safe to run any number of
// times: the unique (requirement, person, period) key keeps one task each.
import type { Db } from '../db/client.ts';
import { audienceMembers } from '../organizations/audience.ts';
import { currentPeriod, type Period } from './periods.ts';
import { createCountedTasks, type NewTasks } from './task-rollup.ts';

export type GeneratedTask = { id: number; userId: number; requirementId: number; dueAt: Date };

export async function ensureCampaignTasks(db: Db, now: Date, campaignId?: number): Promise<GeneratedTask[]> {
  const campaigns = await db.campaign.findMany({ where: { startsAt: { lte: now }, endsAt: { gt: now }, ...(campaignId ? { id: campaignId } : {}) }, include: { audience: true, requirements: true } });
  const created: GeneratedTask[] = [];
  for (const campaign of campaigns) {
    const members = await audienceMembers(db, campaign);
    for (const requirement of campaign.requirements) {
      const period = await periodUnderWay(db, requirement, campaign, now);
      if (!period || !members.length) continue;
      const examId = requirement.kind === 'exam' ? await ensurePeriodExam(db, campaign, requirement, period) : null;
      created.push(...await ensureTasks(db, requirement, members, period, examId));
    }
  }
  return created;
}

/**
 * The period a requirement is in. Normally the one its timing derives; but after an edit changed
 * a recurrence, the period already generated runs on to the new expression's next firing
 * (edit.ts), and stays the period until then, so an edit never opens a second, overlapping one.
 */
async function periodUnderWay(db: Db, requirement: Parameters<typeof currentPeriod>[0] & { id: number }, campaign: Parameters<typeof currentPeriod>[1], now: Date): Promise<Period | null> {
  const derived = currentPeriod(requirement, campaign, now);
  const running = await db.taskInstance.findFirst({
    where: { requirementId: requirement.id, opensAt: { lte: now }, dueAt: { gt: now }, ...(derived ? { periodKey: { not: derived.key } } : {}) },
    orderBy: { dueAt: 'desc' }, select: { periodKey: true, opensAt: true, dueAt: true },
  });
  return running ? { key: running.periodKey, opensAt: running.opensAt, dueAt: running.dueAt } : derived;
}

/** The period's missing tasks, created already counted in the task roll-up (task-rollup.ts). */
async function ensureTasks(db: Db, requirement: NewTasks['requirement'], members: number[], period: Period, examId: number | null): Promise<GeneratedTask[]> {
  const existing = new Set((await db.taskInstance.findMany({ where: { requirementId: requirement.id, periodKey: period.key }, select: { userId: true } })).map((t) => t.userId));
  return createCountedTasks(db, { requirement, period, examId, userIds: members.filter((id) => !existing.has(id)) });
}

type CampaignRow = { id: number; organizationId: number; name: string; keyMinorityOnly: boolean; audience: Array<{ organizationId: number | null; userId: number | null }> };

/** The exam of an exam requirement's period, created once with the campaign's audience. */
async function ensurePeriodExam(db: Db, campaign: CampaignRow, requirement: { id: number; title: string; params: unknown }, period: Period): Promise<number> {
  const linked = await db.taskInstance.findFirst({ where: { requirementId: requirement.id, periodKey: period.key, examId: { not: null } }, select: { examId: true } });
  if (linked?.examId) return linked.examId;
  const params = requirement.params as { blueprintId: number; windowDays: number; attemptsAllowed: number };
  const closesAt = new Date(Math.min(period.opensAt.getTime() + params.windowDays * 86_400_000, period.dueAt.getTime()));
  const exam = await db.exam.create({
    data: {
      organizationId: campaign.organizationId, blueprintId: params.blueprintId, title: `${campaign.name}：${requirement.title}（${period.key}）`,
      opensAt: period.opensAt, closesAt, keyMinorityOnly: campaign.keyMinorityOnly, attemptsAllowed: params.attemptsAllowed, scoring: 'best', graceSeconds: 0,
      reviewAfterSubmit: { score: true, correctness: false, keys: false, explanations: false },
      reviewAfterClose: { score: true, correctness: true, keys: true, explanations: true },
      audience: { createMany: { data: campaign.audience.map((a) => ({ organizationId: a.organizationId, userId: a.userId })) } },
    },
  });
  return exam.id;
}
