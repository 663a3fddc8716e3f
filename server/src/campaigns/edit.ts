// Editing a campaign (PUT /api/campaigns/:id). The rule: an edit applies to the period under way
// and later ones, never rewrites a period that has ended, and never takes a finished task away.
// - Names, titles and the audience apply at once: people added get the period under way's tasks,
//   people taken out lose only their unfinished tasks of it.
// - A requirement's params and dates reach the unfinished tasks of the period under way. Tasks
//   already done, and tasks of ended periods, keep the terms they were held to (TaskInstance.heldTo).
// - Dates: a one-off's new due date, a new campaign end, or a new recurrence (whose next firing
//   then ends the period under way, after which its own periods follow) move that period's deadline.
// - A requirement that has tasks keeps its kind and its one-off or recurring nature, and stays.
// - 考: the period's exam is already published; a new blueprint, window or attempts count from the
//   next period's exam.
import type { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/service.ts';
import { Prisma, type Db, type Tx } from '../db/client.ts';
import { ValidationError } from '../errors.ts';
import type { RequestMeta } from '../http/route.ts';
import { audienceMembers, type AudienceSpec } from '../organizations/audience.ts';
import { evaluateTasks, type HeldTerms } from './evaluate.ts';
import { ensureCampaignTasks } from './generate.ts';
import { notifyNewTasks } from './notify.ts';
import { lockCadres } from '../rollups/lock-cadres.ts';
import { deleteCountedTasks, recountTasksInBatches } from './task-rollup.ts';
import { nextFiring } from './recurrence.ts';
import type { UpdateCampaignBody } from './schemas.ts';
import { campaignInScopeOrThrow, campaignProblems, presentCampaign } from './service.ts';

type Body = z.output<typeof UpdateCampaignBody>;
type Campaign = Awaited<ReturnType<typeof campaignInScopeOrThrow>>;
type Problem = { path: string; code: string; message: string };
type Timing = { recurrence: string | null; dueAt: Date | null };
type TaskUnderWay = { id: number; requirementId: number; userId: number; opensAt: Date; dueAt: Date; heldTo: unknown };

export async function updateCampaign(input: { db: Db; actor: Actor; meta: RequestMeta; id: number; body: Body; now: Date; dailyBudget: number }) {
  const { db, actor, body, now } = input;
  const campaign = await campaignInScopeOrThrow(db, actor, input.id, 'campaign.manage');
  const started = new Set((await db.taskInstance.groupBy({ by: ['requirementId'], where: { requirement: { campaignId: campaign.id } } })).map((g) => g.requirementId));
  const problems = [...await campaignProblems(db, actor, body), ...requirementChangeProblems(campaign, started, body.requirements)];
  if (problems.length) throw new ValidationError('活动设置有误', problems);

  const underWay = await db.taskInstance.findMany({ where: { requirement: { campaignId: campaign.id }, dueAt: { gt: now } }, include: { requirement: { select: { id: true, kind: true, params: true } } } });
  const evaluations = await evaluateTasks(db, underWay, now);
  const done = new Set(underWay.filter((t) => evaluations.get(t.id)!.state === 'done').map((t) => t.id));
  const removed = await membersTakenOut(db, campaign, body);
  const leaving = underWay.filter((t) => removed.has(t.userId) && !done.has(t.id));
  await db.$transaction(async (tx) => {
    // Those losing tasks are locked first, so no change of theirs recounts a task being deleted (task-rollup.ts).
    await lockCadres(tx, leaving.map((t) => t.userId));
    // Terms are kept from the rows as they were, before the requirements change.
    for (const requirement of campaign.requirements) {
      const edited = body.requirements.find((r) => r.id === requirement.id);
      if (edited) await holdTerms(tx, requirement, edited, underWay.filter((t) => t.requirementId === requirement.id && done.has(t.id)), now, new Date(body.endsAt));
    }
    await saveCampaign(tx, campaign, body);
    await redateUnderWay(tx, campaign.id, now);
    await deleteCountedTasks(tx, leaving.map((t) => t.id));
    await openExamsToAudience(tx, underWay, body.audience);
    await recordAudit(tx, { actorId: actor.userId, action: 'campaign.update', subjectType: 'campaign', subjectId: campaign.id, organizationId: campaign.organizationId, meta: input.meta });
  });
  // New terms and deadlines move the tasks under way between the roll-up's counts (task-rollup.ts).
  await recountTasksInBatches(db, { id: { in: underWay.map((t) => t.id) } });
  const created = await ensureCampaignTasks(db, now, campaign.id);
  await notifyNewTasks(db, created.map((t) => t.id), now, input.dailyBudget);
  return presentCampaign(await campaignInScopeOrThrow(db, actor, campaign.id, 'campaign.manage'));
}

function requirementChangeProblems(campaign: Campaign, started: Set<number>, edited: Body['requirements']): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<number>();
  for (const [index, requirement] of edited.entries()) {
    if (requirement.id === undefined) continue;
    const path = `body.requirements.${index}`;
    const existing = campaign.requirements.find((r) => r.id === requirement.id);
    if (!existing || seen.has(requirement.id)) problems.push({ path: `${path}.id`, code: 'unknown_requirement', message: `要求 ${requirement.id} 不属于此活动或重复出现` });
    seen.add(requirement.id);
    if (!existing || !started.has(existing.id)) continue;
    if (existing.kind !== requirement.kind) problems.push({ path: `${path}.kind`, code: 'requirement_started', message: `“${existing.title}”已生成任务，不能更改类型` });
    if (Boolean(existing.recurrence) !== Boolean(requirement.recurrence)) problems.push({ path: `${path}.recurrence`, code: 'requirement_started', message: `“${existing.title}”已生成任务，不能在一次性与周期之间切换` });
  }
  for (const existing of campaign.requirements) {
    if (started.has(existing.id) && !seen.has(existing.id)) problems.push({ path: 'body.requirements', code: 'requirement_started', message: `“${existing.title}”已生成任务，不能删除` });
  }
  return problems;
}

/** Who leaves the audience with this edit. */
async function membersTakenOut(db: Db, campaign: Campaign, body: Body): Promise<Set<number>> {
  const after = new Set(await audienceMembers(db, audienceSpec(body.audience)));
  return new Set((await audienceMembers(db, campaign)).filter((id) => !after.has(id)));
}

function audienceSpec(audience: Body['audience']): AudienceSpec {
  return {
    keyMinorityOnly: audience.keyMinorityOnly,
    audience: [...audience.organizationIds.map((organizationId) => ({ organizationId, userId: null })), ...audience.userIds.map((userId) => ({ organizationId: null, userId }))],
  };
}

/** The end of the period under way under a requirement's (new) timing. */
function periodEnd(timing: Timing, endsAt: Date, now: Date): Date {
  if (!timing.recurrence) return timing.dueAt!;
  const next = nextFiring(timing.recurrence, now);
  return next && next < endsAt ? next : endsAt;
}

/**
 * Keeps the old terms on the tasks the edit must not touch: ended periods' tasks when the params
 * change (their dates never do), done tasks of the period under way when its params or dates do.
 */
async function holdTerms(tx: Tx, requirement: Campaign['requirements'][number], edited: Body['requirements'][number], doneUnderWay: TaskUnderWay[], now: Date, endsAt: Date) {
  const paramsChange = canonicalJson(requirement.params) !== canonicalJson(edited.params);
  const newEnd = periodEnd({ recurrence: edited.recurrence ?? null, dueAt: edited.dueAt ? new Date(edited.dueAt) : null }, endsAt, now);
  if (paramsChange) {
    const held: HeldTerms = { params: requirement.params };
    await tx.taskInstance.updateMany({ where: { requirementId: requirement.id, dueAt: { lte: now }, heldTo: { equals: Prisma.DbNull } }, data: { heldTo: held as Prisma.InputJsonValue } });
  }
  const toHold = doneUnderWay.filter((t) => !t.heldTo && (paramsChange || t.dueAt.getTime() !== newEnd.getTime()));
  for (const task of toHold) {
    const held: HeldTerms = { params: requirement.params, opensAt: task.opensAt.toISOString(), dueAt: task.dueAt.toISOString() };
    await tx.taskInstance.update({ where: { id: task.id }, data: { heldTo: held as Prisma.InputJsonValue } });
  }
}

async function saveCampaign(tx: Tx, campaign: Campaign, body: Body) {
  await tx.campaign.update({
    where: { id: campaign.id },
    data: { name: body.name, period: body.period, startsAt: new Date(body.startsAt), endsAt: new Date(body.endsAt), keyMinorityOnly: body.audience.keyMinorityOnly },
  });
  await tx.campaignAudience.deleteMany({ where: { campaignId: campaign.id } });
  await tx.campaignAudience.createMany({ data: audienceSpec(body.audience).audience.map((a) => ({ campaignId: campaign.id, ...a })) });
  const kept = new Set(body.requirements.flatMap((r) => r.id ?? []));
  // Only requirements without tasks can be missing here (requirementChangeProblems).
  await tx.campaignRequirement.deleteMany({ where: { campaignId: campaign.id, id: { notIn: [...kept] } } });
  for (const requirement of body.requirements) {
    const data = { kind: requirement.kind, title: requirement.title, params: requirement.params as Prisma.InputJsonValue, recurrence: requirement.recurrence ?? null, dueAt: requirement.dueAt ? new Date(requirement.dueAt) : null };
    if (requirement.id) await tx.campaignRequirement.update({ where: { id: requirement.id }, data });
    else await tx.campaignRequirement.create({ data: { ...data, campaignId: campaign.id } });
  }
}

/** Moves the deadline of the period under way to what the saved timing and campaign end say. */
async function redateUnderWay(tx: Tx, campaignId: number, now: Date) {
  const campaign = await tx.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { endsAt: true, requirements: { select: { id: true, recurrence: true, dueAt: true } } } });
  for (const requirement of campaign.requirements) {
    const dueAt = periodEnd(requirement, campaign.endsAt, now);
    await tx.taskInstance.updateMany({ where: { requirementId: requirement.id, dueAt: { gt: now, not: dueAt } }, data: { dueAt } });
  }
}

/** The period under way's exams take in the units and people the edit added (none is taken out: attempts stay). */
async function openExamsToAudience(tx: Tx, underWay: Array<{ examId: number | null }>, audience: Body['audience']) {
  const examIds = [...new Set(underWay.flatMap((t) => t.examId ?? []))];
  for (const examId of examIds) {
    const present = await tx.examAudience.findMany({ where: { examId }, select: { organizationId: true, userId: true } });
    const missing = audienceSpec(audience).audience.filter((a) => !present.some((p) => p.organizationId === a.organizationId && p.userId === a.userId));
    if (missing.length) await tx.examAudience.createMany({ data: missing.map((a) => ({ examId, ...a })) });
  }
}

/** JSON with object keys sorted, so equal params compare equal whatever order they were written in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => (inner && typeof inner === 'object' && !Array.isArray(inner)
    ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
    : inner));
}
