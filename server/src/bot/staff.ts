// Organiser commands in chat: remind those who have not started an open exam, and a campaign's
// completion by unit. They run with the person's own staff roles, inside their scope; a cadre
// gets 403 like any other staff-only operation.
import type { AppDeps } from '../deps.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { shanghaiMinute } from '../clock.ts';
import { campaignCompletion } from '../campaigns/service.ts';
import { enqueueNotifications } from '../notifications/outbox.ts';
import { audienceMembers } from '../organizations/audience.ts';
import { organizationScopeWhere, requirePermission } from '../policy.ts';
import { shanghaiDate } from '../practice/selection.ts';
import { auditBotAction, contactActor } from './contacts.ts';

type Deps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

export const EXAM_REMINDER_KIND = 'exam_bot_reminder';

/** Of the rows matching a name, the exact match, or the only one; several → ask to be precise. */
function pickByName<T>(rows: T[], nameOf: (row: T) => string, wanted: string, what: string): T {
  const exact = rows.filter((row) => nameOf(row) === wanted);
  if (exact.length === 1) return exact[0]!;
  if (rows.length === 1) return rows[0]!;
  if (!rows.length) throw new NotFoundError(`没有找到名称含“${wanted}”的${what}，或不在您的管理范围内`);
  throw new ValidationError(`有多个${what}名称含“${wanted}”：${rows.slice(0, 5).map(nameOf).join('、')}，请发送完整名称`);
}

/**
 * Queues a chat reminder to everyone in an open exam's audience who has not started it. Once
 * per person and Beijing day, so repeating the command does not repeat the reminder.
 */
export async function remindExamNonStarters(deps: Deps, contactKey: string, examTitle: string) {
  const { actor } = await contactActor(deps, contactKey, 'own-roles');
  requirePermission(actor, 'exam.manage');
  const now = deps.clock.now();
  const exams = await deps.db.exam.findMany({
    where: { title: { contains: examTitle }, opensAt: { lte: now }, closesAt: { gt: now }, organization: organizationScopeWhere(actor, 'exam.manage') },
    include: { audience: true, attempts: { select: { userId: true } } },
    orderBy: { id: 'asc' },
  });
  const exam = pickByName(exams, (e) => e.title, examTitle, '正在进行的考试');
  const started = new Set(exam.attempts.map((a) => a.userId));
  const notStarted = (await audienceMembers(deps.db, exam)).filter((userId) => !started.has(userId));
  const text = `提醒：考试“${exam.title}”正在进行，将于 ${shanghaiMinute(exam.closesAt)} 结束，您尚未参加，请抓紧时间在小程序中作答。`;
  const result = await enqueueNotifications(deps.db, notStarted.map((userId) => ({
    userId, kind: EXAM_REMINDER_KIND, dedupeKey: `exam:${exam.id}:bot-remind:${shanghaiDate(now)}:${userId}`, channels: ['bot'],
    payload: { examId: exam.id, title: exam.title, closesAt: exam.closesAt.toISOString(), text },
  })), now, { dailyBudget: deps.config.NOTIFY_DAILY_BUDGET });
  await auditBotAction(deps, actor, 'exam.remind', { examId: exam.id, notStarted: notStarted.length, queued: result.queued });
  return { examTitle: exam.title, notStarted: notStarted.length, queued: result.queued };
}

/** A campaign's completion by unit, for the organiser's or reviewer's scope. */
export async function campaignProgress(deps: Deps, contactKey: string, name: string) {
  const { actor } = await contactActor(deps, contactKey, 'own-roles');
  requirePermission(actor, 'campaign.review');
  const campaigns = await deps.db.campaign.findMany({
    where: { name: { contains: name }, organization: organizationScopeWhere(actor, 'campaign.review') },
    select: { id: true, name: true }, orderBy: { id: 'desc' },
  });
  const campaign = pickByName(campaigns, (c) => c.name, name, '活动');
  const completion = await campaignCompletion(deps.db, actor, campaign.id, deps.clock.now(), undefined, 'none');
  await auditBotAction(deps, actor, 'campaign.progress', { campaignId: campaign.id });
  return {
    campaignName: campaign.name,
    requirements: completion.requirements.map((r) => ({
      title: r.title, periodKey: r.periodKey,
      units: r.byOrganization.map((u) => ({ organizationName: u.organizationName, people: u.people, done: u.done, rate: u.rate })),
    })),
  };
}
