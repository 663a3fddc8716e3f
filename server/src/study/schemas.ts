import { z } from 'zod';
import { PageQuery, Timestamp, RecordId } from '../http/schemas.ts';
import { StatuteSlug } from '../statutes/schemas.ts';

export const OpenSessionBody = z.union([
  z.object({ statute: StatuteSlug }),
  z.object({ courseId: z.number().int().positive() }),
]).meta({ description: '学习一部法规（statute）或一门课程（courseId）' });

export const SessionOpenedView = z.object({
  id: z.number().int(),
  startedAt: Timestamp,
  heartbeatIntervalSeconds: z.number().int(),
  presenceTimeoutSeconds: z.number().int(),
});

const Counter = z.number().int().min(0).max(10_000);
export const HeartbeatBody = z.object({
  seq: z.number().int().min(1).max(1_000_000),
  visibility: z.enum(['foreground', 'background']),
  taps: Counter,
  scrolls: Counter,
  keys: Counter,
  gapsMs: z.array(z.number().int().min(0).max(600_000)).max(500).meta({ description: '自上次心跳以来相邻两次操作的间隔（毫秒），必填：无操作时为空数组；缺少它的心跳不予接收' }),
  position: z.object({ statute: StatuteSlug, article: z.number().int().min(1).max(9999), scroll: z.number().min(0).max(1) }),
  clientAt: Timestamp.meta({ description: '客户端时钟（仅作比对，学时以服务器时间为准）' }),
});

export const PresenceCheckView = z.object({
  id: z.number().int(),
  type: z.enum(['single', 'multiple', 'judge', 'fill']),
  stem: z.string(),
  options: z.array(z.object({ key: z.string(), text: z.string() })).nullable(),
  expiresAt: Timestamp,
});

export const HeartbeatAckView = z.object({
  accepted: z.literal(true),
  serverAt: Timestamp,
  presenceCheck: PresenceCheckView.nullable().meta({ description: '在线确认题：请在过期前作答' }),
});

export const CheckAnswerBody = z.object({ response: z.union([z.string(), z.boolean(), z.array(z.string())]) });
export const CheckResultView = z.object({ correct: z.boolean() });

const SegmentView = z.object({ kind: z.enum(['active', 'idle', 'background', 'unverified']), from: Timestamp, to: Timestamp });
export const FlagView = z.object({
  id: z.number().int(),
  sessionId: z.number().int(),
  user: z.object({ id: z.number().int(), name: z.string(), organizationName: z.string() }),
  kind: z.string(),
  from: Timestamp,
  to: Timestamp,
  evidence: z.record(z.string(), z.number()),
  explanation: z.string(),
  serious: z.boolean().meta({ description: '是否疑似作弊（脚本、刷屏、篡改、猜答或连续多次确认未通过）；否则只是无法确认在学的时间不计学时' }),
  status: z.enum(['open', 'confirmed', 'dismissed']),
  appealNote: z.string().nullable(),
  reviewNote: z.string().nullable(),
});

export const SessionView = z.object({
  id: z.number().int(),
  userId: z.number().int(),
  material: z.object({ statute: z.string().nullable(), courseId: z.number().int().nullable() }),
  status: z.enum(['open', 'closed']),
  startedAt: Timestamp,
  endedAt: Timestamp.nullable(),
  closedReason: z.string().nullable(),
  creditedSeconds: z.number().int().meta({ description: '服务器认定的学时（秒）' }),
  heartbeats: z.number().int(),
  segments: z.array(SegmentView),
  flags: z.array(FlagView),
});

export const FlagListQuery = PageQuery.extend({
  organizationId: RecordId.optional(),
  kind: z.string().max(20).optional(),
  status: z.enum(['open', 'confirmed', 'dismissed']).optional(),
  appealed: z.enum(['yes', 'no']).optional().meta({ description: 'yes：干部已申诉；no：未申诉' }),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
});

export const ReviewFlagBody = z.object({ decision: z.enum(['confirm', 'dismiss']), note: z.string().trim().max(500).optional() });
export const AppealBody = z.object({ note: z.string().trim().min(2, { error: '请说明申诉理由' }).max(500) });

export const CourseItem = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('article'), statute: StatuteSlug, article: z.number().int().min(1) }),
  z.object({ kind: z.literal('note'), text: z.string().trim().min(1).max(2000) }),
]);
export const CreateCourseBody = z.object({
  organizationId: z.number().int().positive(),
  title: z.string().trim().min(2).max(100),
  items: z.array(CourseItem).min(1).max(500),
  minMinutes: z.number().int().min(1).max(600),
});
export const CourseView = CreateCourseBody.extend({ id: z.number().int(), createdAt: Timestamp });

export const ReportQuery = z.object({
  organizationId: RecordId.optional(),
  from: Timestamp,
  to: Timestamp,
});

const Rate = z.number().nullable().meta({ description: '0–1；无数据时为 null' });
export const ReportView = z.object({
  from: Timestamp,
  to: Timestamp,
  people: z.array(z.object({
    userId: z.number().int(), name: z.string(), organizationId: z.number().int(), organizationName: z.string(), isKeyMinority: z.boolean(),
    onlineMinutes: z.number().int(), offlineMinutes: z.number().int(), sessions: z.number().int(), flags: z.record(z.string(), z.number().int()),
    flagsOpen: z.number().int(), flagsConfirmed: z.number().int(), flagsDismissed: z.number().int(),
    checksAsked: z.number().int(), checksPassed: z.number().int(), presencePassRate: Rate, meetingsInvited: z.number().int(), meetingsAttended: z.number().int(), attendanceRate: Rate,
  })),
  organizations: z.array(z.object({
    organizationId: z.number().int(), organizationName: z.string(), people: z.number().int(), onlineMinutes: z.number().int(), offlineMinutes: z.number().int(),
    sessions: z.number().int(), flags: z.number().int(), flagsOpen: z.number().int(), flagsConfirmed: z.number().int(), presencePassRate: Rate, attendanceRate: Rate,
  })),
});

export const MyStudyQuery = z.object({ from: Timestamp, to: Timestamp });
export const MyStudyView = z.object({
  from: Timestamp,
  to: Timestamp,
  totalMinutes: z.number().int().meta({ description: '时段内认定的线上学时（分钟，多次学习重叠的时间只算一次）' }),
  weeks: z.array(z.object({
    weekStart: z.string().meta({ description: '该周周一（北京时间），YYYY-MM-DD' }),
    minutes: z.number().int(),
  })),
  flags: z.array(FlagView),
});
