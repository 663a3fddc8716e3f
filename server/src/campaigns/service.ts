// Campaigns: created by an organiser for their subtree with validated requirements, read by
// staff in scope; each cadre's tasks and each campaign's completion come from the evaluator.
import type { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/service.ts';
import type { Db, Prisma } from '../db/client.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { RequestMeta } from '../http/route.ts';
import { pageWindow, type PageInput } from '../http/schemas.ts';
import { authorize, inScope, organizationScopeWhere, scopeFor, type Permission } from '../policy.ts';
import { evaluateTasks, type TaskState } from './evaluate.ts';
import { ensureCampaignTasks } from './generate.ts';
import { notifyNewTasks } from './notify.ts';
import type { CreateCampaignBody } from './schemas.ts';
import { countsByOrganization, latestPeriodKey } from './task-rollup.ts';
import { applyQueuedAttempts } from '../rollups/attempt-queue.ts';

type Body = z.output<typeof CreateCampaignBody>;
const campaignInclude = { audience: true, requirements: { orderBy: { id: 'asc' } }, organization: { select: { path: true } } } as const;
type CampaignRow = NonNullable<Awaited<ReturnType<typeof findCampaign>>>;
const findCampaign = (db: Db, id: number) => db.campaign.findUnique({ where: { id }, include: campaignInclude });

export function presentCampaign(campaign: CampaignRow) {
  return {
    id: campaign.id, organizationId: campaign.organizationId, name: campaign.name, period: campaign.period,
    startsAt: campaign.startsAt.toISOString(), endsAt: campaign.endsAt.toISOString(),
    audience: { organizationIds: campaign.audience.flatMap((a) => a.organizationId ?? []), userIds: campaign.audience.flatMap((a) => a.userId ?? []), keyMinorityOnly: campaign.keyMinorityOnly },
    requirements: campaign.requirements.map((r) => ({ id: r.id, kind: r.kind, title: r.title, params: r.params as Record<string, unknown>, recurrence: r.recurrence, dueAt: r.dueAt?.toISOString() ?? null })),
  };
}

/** Everything a save must refuse with a 4xx, collected with field paths. */
export async function campaignProblems(db: Db, actor: Actor, body: Pick<Body, 'startsAt' | 'endsAt' | 'audience' | 'requirements'>) {
  const problems: Array<{ path: string; code: string; message: string }> = [];
  if (new Date(body.endsAt) <= new Date(body.startsAt)) problems.push({ path: 'body.endsAt', code: 'too_small', message: '结束时间应晚于开始时间' });
  const scope = scopeFor(actor, 'campaign.manage');
  const orgs = await db.organization.findMany({ where: { id: { in: body.audience.organizationIds } }, select: { id: true, path: true } });
  const users = await db.user.findMany({ where: { id: { in: body.audience.userIds } }, select: { id: true, organization: { select: { path: true } } } });
  for (const id of body.audience.organizationIds) if (!orgs.some((o) => o.id === id && inScope(scope, o.path))) problems.push({ path: 'body.audience.organizationIds', code: 'out_of_scope', message: `单位 ${id} 不存在或超出管辖范围` });
  for (const id of body.audience.userIds) if (!users.some((u) => u.id === id && inScope(scope, u.organization.path))) problems.push({ path: 'body.audience.userIds', code: 'out_of_scope', message: `人员 ${id} 不存在或超出管辖范围` });
  if (!body.audience.organizationIds.length && !body.audience.userIds.length) problems.push({ path: 'body.audience', code: 'too_small', message: '请指定参加人员或单位' });
  for (const [index, requirement] of body.requirements.entries()) {
    if (requirement.kind === 'exam') {
      const blueprint = await db.paperBlueprint.findUnique({ where: { id: Number(requirement.params.blueprintId) }, select: { organization: { select: { path: true } } } });
      if (!blueprint || !inScope(scopeFor(actor, 'exam.manage'), blueprint.organization.path)) problems.push({ path: `body.requirements.${index}.params.blueprintId`, code: 'unknown_blueprint', message: '试卷方案不存在或无权使用' });
    }
  }
  return problems;
}

export async function createCampaign(input: { db: Db; actor: Actor; meta: RequestMeta; body: Body; now: Date; dailyBudget: number }) {
  const { db, actor, body } = input;
  const organization = await db.organization.findUnique({ where: { id: body.organizationId } });
  if (!organization) throw new NotFoundError('单位不存在或无权访问');
  authorize(actor, 'campaign.manage', { organizationPath: organization.path });
  const problems = await campaignProblems(db, actor, body);
  if (problems.length) throw new ValidationError('活动设置有误', problems);
  const campaign = await db.campaign.create({
    data: {
      organizationId: organization.id, name: body.name, period: body.period, startsAt: new Date(body.startsAt), endsAt: new Date(body.endsAt),
      keyMinorityOnly: body.audience.keyMinorityOnly, createdById: actor.userId,
      audience: { createMany: { data: [...body.audience.organizationIds.map((organizationId) => ({ organizationId })), ...body.audience.userIds.map((userId) => ({ userId }))] } },
      requirements: { createMany: { data: body.requirements.map((r) => ({ kind: r.kind, title: r.title, params: r.params as object, recurrence: r.recurrence ?? null, dueAt: r.dueAt ? new Date(r.dueAt) : null })) } },
    },
  });
  await recordAudit(db, { actorId: actor.userId, action: 'campaign.create', subjectType: 'campaign', subjectId: campaign.id, organizationId: organization.id, meta: input.meta });
  // Tasks of a campaign already under way appear at once, not at the next run of the job.
  const created = await ensureCampaignTasks(db, input.now, campaign.id);
  await notifyNewTasks(db, created.map((t) => t.id), input.now, input.dailyBudget);
  return presentCampaign((await findCampaign(db, campaign.id))!);
}

export async function campaignInScopeOrThrow(db: Db, actor: Actor, id: number, permission: Permission) {
  const campaign = await findCampaign(db, id);
  if (!campaign) throw new NotFoundError('活动不存在或无权访问');
  authorize(actor, permission, { organizationPath: campaign.organization.path });
  return campaign;
}

export async function listCampaigns(db: Db, actor: Actor, page: PageInput) {
  const where = { organization: organizationScopeWhere(actor, 'campaign.review') };
  const [rows, total] = await Promise.all([db.campaign.findMany({ where, include: campaignInclude, orderBy: { startsAt: 'desc' }, ...pageWindow(page) }), db.campaign.count({ where })]);
  return { items: rows.map(presentCampaign), total, ...page };
}

const taskInclude = { requirement: { include: { campaign: { select: { id: true, name: true } } } } } as const;

export async function myTasks(db: Db, actor: Actor, now: Date, page: PageInput, state?: TaskState) {
  const tasks = await db.taskInstance.findMany({ where: { userId: actor.userId }, include: taskInclude, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }] });
  const evaluations = await evaluateTasks(db, tasks, now);
  const views = tasks.map((task) => {
    const evaluation = evaluations.get(task.id)!;
    return {
      id: task.id, campaign: task.requirement.campaign, requirement: { id: task.requirement.id, kind: task.requirement.kind, title: task.requirement.title },
      periodKey: task.periodKey, opensAt: task.opensAt.toISOString(), dueAt: task.dueAt.toISOString(), examId: task.examId, ...evaluation,
    };
  }).filter((view) => !state || view.state === state);
  const { skip, take } = pageWindow(page);
  return { items: views.slice(skip, skip + take), total: views.length, ...page };
}

/**
 * Who is listed with the figures: the cadres of the unit drilled into (`organizationId` itself, not
 * its sub-units), everyone in the subtree (a circular that names people), or no one.
 */
export type CompletionPeople = 'unit' | 'subtree' | 'none';

/**
 * Completion of each requirement's latest period. The units' figures come from the task roll-up
 * (task-rollup.ts), over the actor's scope or the subtree of `organizationId`; the people listed
 * are judged from their evidence, as their own task list is. A county's people are tens of thousands
 * of rows, so by default only a drill-down into one unit lists them.
 */
export async function campaignCompletion(db: Db, actor: Actor, campaignId: number, now: Date, organizationId?: number, listed: CompletionPeople = 'unit') {
  const campaign = await campaignInScopeOrThrow(db, actor, campaignId, 'campaign.review');
  const subtree = { AND: [organizationScopeWhere(actor, 'campaign.review'), organizationId ? { path: { contains: `/${organizationId}/` } } : {}] };
  const [units] = await Promise.all([db.organization.findMany({ where: subtree, select: { id: true, name: true } }), applyQueuedAttempts(db)]);
  const peopleWhere = listed === 'subtree' ? subtree : listed === 'unit' && organizationId && units.some((u) => u.id === organizationId) ? { id: organizationId } : null;
  const requirements = [];
  for (const requirement of campaign.requirements) {
    const periodKey = await latestPeriodKey(db, requirement.id);
    const counts = periodKey ? await countsByOrganization(db, requirement.id, periodKey, units.map((u) => u.id)) : new Map<number, { people: number; done: number }>();
    const byOrganization = units.flatMap((unit) => {
      const count = counts.get(unit.id);
      return count?.people ? [{ organizationId: unit.id, organizationName: unit.name, ...count, rate: Math.round((count.done / count.people) * 1000) / 1000 }] : [];
    }).sort((a, b) => b.rate - a.rate || a.organizationId - b.organizationId);
    const people = periodKey && peopleWhere ? await peopleOf(db, requirement.id, periodKey, peopleWhere, now) : [];
    requirements.push({ id: requirement.id, title: requirement.title, kind: requirement.kind, periodKey, byOrganization, people });
  }
  return { campaignId: campaign.id, requirements };
}

/** A period's tasks of the cadres in these organisations, each judged from its evidence. */
async function peopleOf(db: Db, requirementId: number, periodKey: string, organization: Prisma.OrganizationWhereInput, now: Date) {
  const tasks = await db.taskInstance.findMany({
    where: { requirementId, periodKey, user: { organization } },
    include: { ...taskInclude, user: { select: { name: true, organizationId: true, organization: { select: { name: true } } } } },
    orderBy: [{ userId: 'asc' }],
  });
  const evaluations = await evaluateTasks(db, tasks, now);
  return tasks.map((t) => ({ userId: t.userId, name: t.user.name, organizationId: t.user.organizationId, organizationName: t.user.organization.name, ...evaluations.get(t.id)! }));
}

