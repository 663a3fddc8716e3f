// Offline study meetings: created for an organisation with its expected attendees, checked
// into by scanning the rotating code during the meeting, or recorded by hand with a reason.
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/service.ts';
import type { Db } from '../db/client.ts';
import { AppError, NotFoundError, ValidationError } from '../errors.ts';
import type { RequestMeta } from '../http/route.ts';
import { pageWindow, type PageInput } from '../http/schemas.ts';
import { authorize, inScope, organizationScopeWhere, scopeFor, type Permission } from '../policy.ts';
import { changeStudyDays } from '../rollups/study-days.ts';
import { recountTasks, studyTasksOf } from '../campaigns/task-rollup.ts';
import { currentCode, parseCode, verifyCode } from './qr.ts';
import type { CreateMeetingBody } from './schemas.ts';

export class AttendanceError extends AppError {}

/** Check-in opens this long before the start, for people who arrive early. */
const EARLY_CHECK_IN_MS = 30 * 60_000;

const meetingInclude = {
  organization: { select: { path: true } },
  _count: { select: { invitees: true } },
  attendances: { include: { user: { select: { name: true } } }, orderBy: { checkedInAt: 'asc' } },
} as const;

async function meetingInScope(db: Db, actor: Actor, id: number, permission: Permission) {
  const meeting = await db.studyMeeting.findUnique({ where: { id }, include: meetingInclude });
  if (!meeting) throw new NotFoundError('学习活动不存在或无权访问');
  authorize(actor, permission, { organizationPath: meeting.organization.path });
  return meeting;
}

function presentMeeting(meeting: Awaited<ReturnType<typeof meetingInScope>>) {
  return {
    id: meeting.id, organizationId: meeting.organizationId, topic: meeting.topic, statutes: meeting.statutes as string[], place: meeting.place,
    startsAt: meeting.startsAt.toISOString(), endsAt: meeting.endsAt.toISOString(), creditMinutes: meeting.creditMinutes,
    invited: meeting._count.invitees, attended: meeting.attendances.length,
    attendees: meeting.attendances.map((a) => ({ userId: a.userId, name: a.user.name, method: a.method, checkedInAt: a.checkedInAt.toISOString(), reason: a.reason })),
  };
}

export async function createMeeting(input: { db: Db; actor: Actor; meta: RequestMeta; body: z.output<typeof CreateMeetingBody> }) {
  const { db, actor, body } = input;
  const organization = await db.organization.findUnique({ where: { id: body.organizationId } });
  if (!organization) throw new NotFoundError('单位不存在或无权访问');
  authorize(actor, 'study.manage', { organizationPath: organization.path });
  if (new Date(body.endsAt) <= new Date(body.startsAt)) throw new ValidationError('结束时间应晚于开始时间', [{ path: 'body.endsAt', code: 'too_small', message: '结束时间应晚于开始时间' }]);
  const scope = scopeFor(actor, 'study.manage');
  const orgs = await db.organization.findMany({ where: { id: { in: body.inviteOrganizationIds } }, select: { id: true, path: true } });
  if (orgs.length !== body.inviteOrganizationIds.length || orgs.some((o) => !inScope(scope, o.path))) throw new ValidationError('邀请的单位超出本人管辖范围或不存在');
  const people = await db.user.findMany({
    where: { status: 'active', OR: [{ id: { in: body.inviteeIds } }, ...orgs.map((o) => ({ organization: { path: { startsWith: o.path } }, ...(body.keyMinorityOnly ? { isKeyMinority: true } : {}) }))] },
    select: { id: true, organization: { select: { path: true } } },
  });
  if (people.some((p) => !inScope(scope, p.organization.path)) || body.inviteeIds.some((id) => !people.some((p) => p.id === id))) throw new ValidationError('邀请的人员超出本人管辖范围或不存在');
  if (!people.length) throw new ValidationError('请指定参加人员');
  const invitees = people.map((p) => p.id);
  const meeting = await changeStudyDays(db, invitees, async (tx, touch) => {
    for (const userId of invitees) touch(userId, new Date(body.startsAt));
    return tx.studyMeeting.create({
      data: {
        organizationId: organization.id, topic: body.topic, statutes: body.statutes, place: body.place, startsAt: new Date(body.startsAt), endsAt: new Date(body.endsAt),
        creditMinutes: body.creditMinutes, qrSecret: randomBytes(32).toString('hex'), createdById: actor.userId,
        invitees: { createMany: { data: invitees.map((userId) => ({ userId })) } },
      },
    });
  });
  await recordAudit(db, { actorId: actor.userId, action: 'meeting.create', subjectType: 'study_meeting', subjectId: meeting.id, organizationId: organization.id, meta: input.meta });
  return presentMeeting(await meetingInScope(db, actor, meeting.id, 'study.manage'));
}

export async function getMeeting(db: Db, actor: Actor, id: number) {
  return presentMeeting(await meetingInScope(db, actor, id, 'study.review'));
}

export async function listMeetings(db: Db, actor: Actor, page: PageInput) {
  const where = { organization: organizationScopeWhere(actor, 'study.review') };
  const [rows, total] = await Promise.all([
    db.studyMeeting.findMany({ where, include: meetingInclude, orderBy: { startsAt: 'desc' }, ...pageWindow(page) }),
    db.studyMeeting.count({ where }),
  ]);
  return { items: rows.map(presentMeeting), total, ...page };
}

/** The code the console shows now; it must be fetched again when it expires. */
export async function meetingCode(db: Db, actor: Actor, id: number, now: Date) {
  const meeting = await meetingInScope(db, actor, id, 'study.manage');
  const secret = (await db.studyMeeting.findUniqueOrThrow({ where: { id: meeting.id }, select: { qrSecret: true } })).qrSecret;
  const { code, expiresAt } = currentCode(secret, meeting.id, now.getTime());
  return { code, expiresAt: expiresAt.toISOString(), refreshSeconds: 30 };
}

export async function checkIn(db: Db, actor: Actor, rawCode: string, now: Date) {
  const parsed = parseCode(rawCode);
  if (!parsed) throw new AttendanceError('qr_invalid', '无法识别的签到码');
  const meeting = await db.studyMeeting.findUnique({ where: { id: parsed.meetingId } });
  const verdict = meeting ? verifyCode(meeting.qrSecret, parsed, now.getTime()) : 'forged';
  if (!meeting || verdict === 'forged') throw new AttendanceError('qr_invalid', '签到码无效');
  if (verdict === 'expired') throw new AttendanceError('qr_expired', '签到码已过期，请扫描现场最新的二维码');
  if (now.getTime() < meeting.startsAt.getTime() - EARLY_CHECK_IN_MS || now > meeting.endsAt) throw new AttendanceError('meeting_not_in_progress', '不在本次学习活动的签到时间内');
  const invited = await db.meetingInvitee.findUnique({ where: { meetingId_userId: { meetingId: meeting.id, userId: actor.userId } } });
  if (!invited) throw new AttendanceError('not_invited', '您不在本次学习活动的参加人员名单中');
  const existing = await db.attendance.findUnique({ where: { meetingId_userId: { meetingId: meeting.id, userId: actor.userId } } });
  const attendance = existing ?? await changeStudyDays(db, [actor.userId], async (tx, touch) => {
    touch(actor.userId, meeting.startsAt);
    const created = await tx.attendance.create({ data: { meetingId: meeting.id, userId: actor.userId, method: 'qr', checkedInAt: now } });
    await recountTasks(tx, studyTasksOf(actor.userId));
    return created;
  });
  return { meetingId: meeting.id, topic: meeting.topic, checkedInAt: attendance.checkedInAt.toISOString(), alreadyCheckedIn: Boolean(existing) };
}

export async function recordAttendance(input: { db: Db; actor: Actor; meta: RequestMeta; meetingId: number; userId: number; reason: string; now: Date }) {
  const { db, actor } = input;
  const meeting = await meetingInScope(db, actor, input.meetingId, 'study.manage');
  const invited = await db.meetingInvitee.findUnique({ where: { meetingId_userId: { meetingId: meeting.id, userId: input.userId } } });
  if (!invited) throw new AttendanceError('not_invited', '该人员不在参加人员名单中');
  await changeStudyDays(db, [input.userId], async (tx, touch) => {
    touch(input.userId, meeting.startsAt);
    await tx.attendance.upsert({
      where: { meetingId_userId: { meetingId: meeting.id, userId: input.userId } },
      create: { meetingId: meeting.id, userId: input.userId, method: 'manual', checkedInAt: input.now, reason: input.reason, recordedById: actor.userId },
      update: {},
    });
    await recountTasks(tx, studyTasksOf(input.userId));
  });
  await recordAudit(db, { actorId: actor.userId, action: 'meeting.attendance', subjectType: 'study_meeting', subjectId: meeting.id, organizationId: meeting.organizationId, meta: input.meta, details: { userId: input.userId, reason: input.reason } });
  return presentMeeting(await meetingInScope(db, actor, meeting.id, 'study.manage'));
}
