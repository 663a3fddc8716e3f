// The daily question in linked groups. A job opens a round when a group's schedule fires and
// closes it when the answer time is over; the question and the summary go out through the
// outbox (filed under the organiser who linked the group, outside their budget), whose dedupe
// keys make each post exactly once whoever runs the job and however many bots claim. Members answer in the group; answers are graded by the practice service (wrong
// ones reach the 错题本), and the key stays on the server until the summary.
import { Prisma } from '../../generated/mysql/client.ts';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { SHANGHAI } from '../jobs/job.ts';
import { firingsBetween } from '../jobs/schedule.ts';
import { enqueueNotifications, GROUP_POST_KIND_PREFIX } from '../notifications/outbox.ts';
import { checkAnswer } from '../practice/answer.ts';
import { dailyPick, shanghaiDate } from '../practice/selection.ts';
import { currentVersion, presentPublic } from '../questions/present.ts';
import { questionInclude } from '../questions/queries.ts';
import { auditBotAction, contactActor } from './contacts.ts';
import { linkedGroupOrThrow } from './groups.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

export const DAILY_QUESTION_KIND = `${GROUP_POST_KIND_PREFIX}daily_question`;
export const DAILY_SUMMARY_KIND = `${GROUP_POST_KIND_PREFIX}daily_summary`;
const MINUTE_MS = 60_000;

type GroupRow = { id: number; roomKey: string; organizationId: number; linkedById: number; dailyCron: string; answerMinutes: number };

/** Opens today's round in every group whose schedule fired within its answer time. */
export async function openDailyRounds(deps: Deps, now: Date): Promise<number> {
  let opened = 0;
  for (const group of await deps.db.botGroup.findMany({ orderBy: { id: 'asc' } })) {
    const firing = firingsBetween(group.dailyCron, SHANGHAI, new Date(now.getTime() - group.answerMinutes * MINUTE_MS), now, 1)[0];
    if (firing && await openRound(deps, group, firing)) opened++;
  }
  return opened;
}

async function openRound(deps: Deps, group: GroupRow, firing: Date): Promise<boolean> {
  const day = shanghaiDate(firing);
  if (await deps.db.botDailyRound.findUnique({ where: { groupId_day: { groupId: group.id, day } }, select: { id: true } })) return false;
  const national = await deps.db.question.findMany({ where: { organizationId: null, status: 'active' }, select: { id: true }, orderBy: { id: 'asc' } });
  const questionId = dailyPick(national.map((q) => q.id), day, group.organizationId);
  if (questionId === null) return false;
  const question = await deps.db.question.findUniqueOrThrow({ where: { id: questionId }, include: questionInclude });
  const closesAt = new Date(firing.getTime() + group.answerMinutes * MINUTE_MS);
  let round;
  try {
    round = await deps.db.botDailyRound.create({ data: { groupId: group.id, day, questionId, versionId: currentVersion(question).id, opensAt: firing, closesAt } });
  } catch (error) {
    // Another instance opened it between our check and our insert.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return false;
    throw error;
  }
  await enqueueNotifications(deps.db, [{
    userId: group.linkedById, kind: DAILY_QUESTION_KIND, dedupeKey: `bot-daily:${round.id}:question`, channels: ['bot'],
    payload: { roomKey: group.roomKey, roundId: round.id, closesAt: closesAt.toISOString(), question: presentPublic(question) },
  }], deps.clock.now());
  return true;
}

/** Closes the rounds whose answer time is over and queues each group's summary. */
export async function closeDailyRounds(deps: Deps, now: Date): Promise<number> {
  const due = await deps.db.botDailyRound.findMany({ where: { closedAt: null, closesAt: { lte: now } }, orderBy: { id: 'asc' } });
  let closed = 0;
  for (const round of due) {
    const group = await deps.db.botGroup.findUnique({ where: { id: round.groupId } });
    // The summary is queued before the round is marked closed: a crash in between repeats the
    // enqueue, which the dedupe key turns into nothing.
    if (group) await queueSummary(deps, group, round);
    const { count } = await deps.db.botDailyRound.updateMany({ where: { id: round.id, closedAt: null }, data: { closedAt: now } });
    closed += count;
  }
  return closed;
}

type RoundRow = { id: number; day: string; versionId: number };

async function queueSummary(deps: Deps, group: GroupRow & { showRanking: boolean }, round: RoundRow) {
  const summary = await roundSummary(deps, group, round);
  await enqueueNotifications(deps.db, [{
    userId: group.linkedById, kind: DAILY_SUMMARY_KIND, dedupeKey: `bot-daily:${round.id}:summary`, channels: ['bot'],
    payload: { roomKey: group.roomKey, roundId: round.id, day: round.day, ...summary },
  }], deps.clock.now());
}

/**
 * Participation and accuracy per unit of the group's organisation: members are its active
 * cadres. Names appear only when the organiser turned the ranking on.
 */
export async function roundSummary(deps: Pick<AppDeps, 'db'>, group: { organizationId: number; showRanking: boolean }, round: RoundRow) {
  const root = await deps.db.organization.findUniqueOrThrow({ where: { id: group.organizationId }, select: { path: true } });
  const members = await deps.db.user.findMany({
    where: { status: 'active', roles: { some: { role: 'cadre' } }, organization: { path: { startsWith: root.path } } },
    select: { id: true, name: true, organizationId: true, organization: { select: { name: true } } },
    orderBy: { organizationId: 'asc' },
  });
  const answers = await deps.db.botDailyAnswer.findMany({ where: { roundId: round.id }, orderBy: [{ answeredAt: 'asc' }, { id: 'asc' }] });
  const byUser = new Map(answers.map((answer) => [answer.userId, answer]));
  const units = new Map<number, { organizationName: string; members: number; answered: number; correct: number }>();
  for (const member of members) {
    const unit = units.get(member.organizationId) ?? { organizationName: member.organization.name, members: 0, answered: 0, correct: 0 };
    const answer = byUser.get(member.id);
    unit.members++;
    if (answer) unit.answered++;
    if (answer?.correct) unit.correct++;
    units.set(member.organizationId, unit);
  }
  const version = await deps.db.questionVersion.findUniqueOrThrow({ where: { id: round.versionId }, select: { answer: true, explanation: true } });
  const names = new Map(members.map((member) => [member.id, member.name]));
  return {
    key: version.answer, explanation: version.explanation, units: [...units.values()],
    ranking: group.showRanking ? answers.filter((a) => a.correct && names.has(a.userId)).map((a) => names.get(a.userId)!) : null,
  };
}

async function openRoundOf(deps: Deps, roomKey: string) {
  const group = await linkedGroupOrThrow(deps, roomKey);
  const now = deps.clock.now();
  const round = await deps.db.botDailyRound.findFirst({ where: { groupId: group.id, closedAt: null, opensAt: { lte: now }, closesAt: { gt: now } }, orderBy: { id: 'desc' } });
  return { group, round };
}

/** The group's question being answered now, without its key; null between rounds. */
export async function currentDailyRound(deps: Deps, roomKey: string) {
  const { round } = await openRoundOf(deps, roomKey);
  if (!round) return null;
  const question = await deps.db.question.findUniqueOrThrow({ where: { id: round.questionId }, include: questionInclude });
  return { roundId: round.id, closesAt: round.closesAt.toISOString(), question: presentPublic(question) };
}

export type DailyAnswerOptions = { roomKey: string; contactKey: string; response: string | boolean | string[] };

/** Records a member's answer to the open round; the first answer counts. */
export async function answerDaily(deps: Deps, options: DailyAnswerOptions) {
  const { group, round } = await openRoundOf(deps, options.roomKey);
  if (!round) throw new AppError('daily_closed', '本群当前没有正在作答的每日一题');
  const { actor } = await contactActor(deps, options.contactKey, 'cadre');
  if (!actor.organizationPath.startsWith(group.organization.path)) throw new AppError('not_group_member', `您不属于本群绑定的单位（${group.organization.name}），作答不计入统计`);
  const closesAt = round.closesAt.toISOString();
  if (await deps.db.botDailyAnswer.findUnique({ where: { roundId_userId: { roundId: round.id, userId: actor.userId } }, select: { id: true } })) return { recorded: false, closesAt };
  const result = await checkAnswer(deps, actor, { questionId: round.questionId, versionId: round.versionId, response: options.response, mode: 'daily' });
  try {
    await deps.db.botDailyAnswer.create({ data: { roundId: round.id, userId: actor.userId, correct: result.correct, answeredAt: deps.clock.now() } });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return { recorded: false, closesAt };
    throw error;
  }
  await auditBotAction(deps, actor, 'daily.answer', { roundId: round.id, roomKey: options.roomKey });
  return { recorded: true, closesAt };
}
