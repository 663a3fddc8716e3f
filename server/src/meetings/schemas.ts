import { z } from 'zod';
import { PageQuery, Timestamp } from '../http/schemas.ts';
import { StatuteSlug } from '../statutes/schemas.ts';

export const CreateMeetingBody = z.object({
  organizationId: z.number().int().positive(),
  topic: z.string().trim().min(2).max(200),
  statutes: z.array(StatuteSlug).max(20).default([]),
  place: z.string().trim().min(2).max(200),
  startsAt: Timestamp,
  endsAt: Timestamp,
  creditMinutes: z.number().int().min(0).max(600).meta({ description: '出席可计入的学时（分钟）' }),
  inviteeIds: z.array(z.number().int().positive()).max(5000).default([]),
  inviteOrganizationIds: z.array(z.number().int().positive()).max(200).default([]).meta({ description: '邀请这些单位（含下级）的全部在岗人员' }),
  keyMinorityOnly: z.boolean().default(false),
});

export const MeetingView = z.object({
  id: z.number().int(),
  organizationId: z.number().int(),
  topic: z.string(),
  statutes: z.array(z.string()),
  place: z.string(),
  startsAt: Timestamp,
  endsAt: Timestamp,
  creditMinutes: z.number().int(),
  invited: z.number().int(),
  attended: z.number().int(),
  attendees: z.array(z.object({ userId: z.number().int(), name: z.string(), method: z.string(), checkedInAt: Timestamp, reason: z.string().nullable() })),
});

export const MeetingListQuery = PageQuery;
export const QrView = z.object({ code: z.string(), expiresAt: Timestamp, refreshSeconds: z.number().int() });
export const CheckInBody = z.object({ code: z.string().trim().min(10).max(80) });
export const CheckInView = z.object({ meetingId: z.number().int(), topic: z.string(), checkedInAt: Timestamp, alreadyCheckedIn: z.boolean() });
export const ManualAttendanceBody = z.object({ userId: z.number().int().positive(), reason: z.string().trim().min(2, { error: '请填写补录原因' }).max(200) });
