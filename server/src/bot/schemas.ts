import { z } from 'zod';
import { Timestamp } from '../http/schemas.ts';
import { QuestionPublicView } from '../questions/schemas.ts';

export const ContactKey = z.string().regex(/^xf[0-9a-f]{16}$/, { error: '联系人标识不正确' })
  .meta({ description: '绑定时服务器发给机器人的联系人标识（机器人把它写进联系人备注）' });
export const RoomKey = z.string().trim().min(1).max(191).meta({ description: '群名称（群聊主题）' });

export const ContactParams = z.object({ contactKey: ContactKey });

export const BindContactBody = z.object({ invitationCode: z.string().trim().min(4).max(32).meta({ description: '本单位组织者发放的邀请码' }) });
export const DevBindContactBody = z.object({ phone: z.string().trim().regex(/^1\d{10}$/, { error: '应为 11 位手机号' }) });
export const BoundContactView = z.object({ contactKey: ContactKey, name: z.string() });

export const ContactView = z.object({
  name: z.string(),
  organizationName: z.string(),
  isStaff: z.boolean().meta({ description: '组织者、审核人员或管理员（可用群绑定、提醒、进度等命令）' }),
});

export const BotPracticeQuery = z.object({
  mode: z.enum(['practice', 'review', 'memorize']).default('practice').meta({ description: 'practice 练习（指定法规或随机），review 错题复习，memorize 背题' }),
  statute: z.string().trim().min(1).max(50).optional().meta({ description: '法规名称或简称，例如 宪法' }),
  count: z.coerce.number().int().min(1).max(20).default(5),
}).refine((query) => query.mode !== 'review' || !query.statute, { error: '错题复习不能指定法规', path: ['statute'] });
export type BotPracticeQueryInput = z.output<typeof BotPracticeQuery>;

export const LinkGroupBody = z.object({
  contactKey: ContactKey,
  roomKey: RoomKey,
  unitCode: z.string().trim().min(1).max(32).meta({ description: '单位代码' }),
  dailyCron: z.string().trim().min(9).max(64).optional().meta({ description: '每日一题发布时间（node-cron 表达式，北京时间），默认 0 9 * * *' }),
  answerMinutes: z.number().int().min(5).max(1380).optional().meta({ description: '作答时长（分钟），到时公布各单位参与率与正确率' }),
  showRanking: z.boolean().optional().meta({ description: '汇总时列出答对者姓名（默认不列个人）' }),
});

export const GroupView = z.object({
  roomKey: z.string(),
  organizationName: z.string(),
  dailyCron: z.string(),
  answerMinutes: z.number().int(),
  showRanking: z.boolean(),
});

export const RoomQuery = z.object({ roomKey: RoomKey });

export const DailyRoundView = z.object({
  roundId: z.number().int(),
  closesAt: Timestamp,
  question: QuestionPublicView,
}).nullable().meta({ description: '群里正在作答的每日一题；没有时为 null' });

export const DailyAnswerBody = z.object({
  roomKey: RoomKey,
  contactKey: ContactKey,
  response: z.union([z.string().max(10), z.boolean(), z.array(z.string().max(200)).max(20)]),
});

export const DailyAnswerView = z.object({
  recorded: z.boolean().meta({ description: 'false：本轮已作答过，以第一次为准' }),
  closesAt: Timestamp.meta({ description: '公布答案与汇总的时间' }),
});

export const ExamReminderBody = z.object({ contactKey: ContactKey, examTitle: z.string().trim().min(1).max(100) });
export const ExamReminderView = z.object({
  examTitle: z.string(),
  notStarted: z.number().int().meta({ description: '尚未开始作答的应考人数' }),
  queued: z.number().int().meta({ description: '本次排队发送的提醒数（已提醒过的不重复）' }),
});

export const ProgressQuery = z.object({ contactKey: ContactKey, name: z.string().trim().min(1).max(100).meta({ description: '活动名称（可为其中一部分）' }) });
export const ProgressView = z.object({
  campaignName: z.string(),
  requirements: z.array(z.object({
    title: z.string(),
    periodKey: z.string().nullable(),
    units: z.array(z.object({ organizationName: z.string(), people: z.number().int(), done: z.number().int(), rate: z.number() })),
  })),
});
