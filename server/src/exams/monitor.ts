// An exam while its window is open: by unit, how many of its audience have not started, are
// writing, or have submitted (counted in SQL over the attempts), and reminders for those who
// have not started, queued in the outbox once per person and Beijing day.
import type { Actor } from '../auth/actor.ts';
import { shanghaiMinute } from '../clock.ts';
import { Prisma, type Db } from '../db/client.ts';
import { ValidationError } from '../errors.ts';
import type { RequestMeta } from '../http/route.ts';
import { recordAudit } from '../audit/service.ts';
import { enqueueNotifications } from '../notifications/outbox.ts';
import { audienceMembers } from '../organizations/audience.ts';
import { inScope, scopeFor, type Permission } from '../policy.ts';
import { examInScopeOrThrow } from './exams.ts';
import { miniprogramPages } from '../notifications/miniprogram-pages.ts';

type ExamRow = Awaited<ReturnType<typeof examInScopeOrThrow>>;

/** The audience the actor may see: everyone the exam reaches inside the actor's subtrees. */
export async function visibleAudience(db: Db, actor: Actor, exam: ExamRow, permission: Permission): Promise<number[]> {
  const members = await audienceMembers(db, exam);
  const scope = scopeFor(actor, permission);
  if (scope === 'all' || !members.length) return members;
  const people = await db.user.findMany({ where: { id: { in: members } }, select: { id: true, organization: { select: { path: true } } } });
  return people.filter((p) => inScope(scope, p.organization.path)).map((p) => p.id);
}

type ProgressRow = { organizationId: number | bigint; organizationName: string; audience: number | bigint; notStarted: number | bigint; inProgress: number | bigint; submitted: number | bigint };

/** Each person counts once: submitted if any attempt is submitted, else writing if one is open, else not started. */
async function progressByUnit(db: Db, examId: number, userIds: number[]): Promise<ProgressRow[]> {
  if (!userIds.length) return [];
  return db.$queryRaw<ProgressRow[]>`
    SELECT u.organization_id AS organizationId, o.name AS organizationName, COUNT(*) AS audience,
      SUM(CASE WHEN s.user_id IS NULL THEN 1 ELSE 0 END) AS notStarted,
      SUM(CASE WHEN s.submitted = 0 AND s.writing > 0 THEN 1 ELSE 0 END) AS inProgress,
      SUM(CASE WHEN s.submitted > 0 THEN 1 ELSE 0 END) AS submitted
    FROM users u
    JOIN organizations o ON o.id = u.organization_id
    LEFT JOIN (
      SELECT user_id, SUM(CASE WHEN status = 'submitted' THEN 1 ELSE 0 END) AS submitted, SUM(CASE WHEN status = 'in_progress' THEN 1 ELSE 0 END) AS writing
      FROM attempts WHERE exam_id = ${examId} GROUP BY user_id
    ) s ON s.user_id = u.id
    WHERE u.id IN (${Prisma.join(userIds)})
    GROUP BY u.organization_id, o.name
    ORDER BY u.organization_id`;
}

export async function examMonitor(db: Db, actor: Actor, examId: number, now: Date) {
  const exam = await examInScopeOrThrow(db, actor, examId, 'exam.results');
  const rows = (await progressByUnit(db, exam.id, await visibleAudience(db, actor, exam, 'exam.results'))).map((row) => ({
    organizationId: Number(row.organizationId), organizationName: row.organizationName, audience: Number(row.audience),
    notStarted: Number(row.notStarted), inProgress: Number(row.inProgress), submitted: Number(row.submitted),
  }));
  const sum = (key: 'audience' | 'notStarted' | 'inProgress' | 'submitted') => rows.reduce((n, row) => n + row[key], 0);
  return {
    examId: exam.id, title: exam.title, serverNow: now.toISOString(), opensAt: exam.opensAt.toISOString(), closesAt: exam.closesAt.toISOString(),
    state: (now < exam.opensAt ? 'upcoming' : now < exam.closesAt ? 'open' : 'closed') as 'upcoming' | 'open' | 'closed',
    totals: { audience: sum('audience'), notStarted: sum('notStarted'), inProgress: sum('inProgress'), submitted: sum('submitted') },
    byOrganization: rows,
  };
}

/** Queues a reminder for everyone in the visible audience without any attempt; at most once per person and day. */
export async function remindNonStarters(input: { db: Db; actor: Actor; meta: RequestMeta; examId: number; now: Date; dailyBudget: number }) {
  const { db, actor, now } = input;
  const exam = await examInScopeOrThrow(db, actor, input.examId, 'exam.manage');
  if (now >= exam.closesAt) throw new ValidationError('考试已结束，不能再发送提醒');
  const audience = await visibleAudience(db, actor, exam, 'exam.manage');
  const started = new Set((await db.attempt.findMany({ where: { examId: exam.id }, select: { userId: true }, distinct: ['userId'] })).map((a) => a.userId));
  const day = shanghaiMinute(now).slice(0, 10);
  const text = `考试“${exam.title}”将于 ${shanghaiMinute(exam.closesAt)} 结束，您尚未参加，请及时参加`;
  const items = audience.filter((id) => !started.has(id)).map((userId) => ({
    userId, kind: 'exam_reminder', dedupeKey: `exam:${exam.id}:reminder:${day}:${userId}`,
    payload: { examId: exam.id, title: exam.title, closesAt: exam.closesAt.toISOString(), text, subscribe: { template: 'task', page: miniprogramPages.exam(exam.id), data: { thing1: exam.title.slice(0, 20), time2: shanghaiMinute(exam.closesAt) } } },
  }));
  const result = await enqueueNotifications(db, items, now, { dailyBudget: input.dailyBudget });
  await recordAudit(db, { actorId: actor.userId, action: 'exam.remind', subjectType: 'exam', subjectId: exam.id, organizationId: exam.organizationId, meta: input.meta, details: { people: items.length, queued: result.queued } });
  return { people: items.length, ...result };
}
