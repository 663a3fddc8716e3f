// The bot's API for the people it serves. The bot has no user token: every route checks the
// X-Bot-Key header, and the routes for a person name their bound contact key, so the key alone
// reaches nobody who has not bound a contact.
import type Koa from 'koa';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { defineRoute } from '../http/route.ts';
import { assertBotKey } from '../notifications/bot.ts';
import { TaskView } from '../campaigns/schemas.ts';
import { MyExamView } from '../exams/schemas.ts';
import { MyNotificationView } from '../notifications/schemas.ts';
import { ForbiddenError } from '../errors.ts';
import { AnswerBody, AnswerResultView, PracticeItemView } from '../practice/schemas.ts';
import { bindContact, devBindContact } from './contacts.ts';
import { answerDaily, currentDailyRound } from './daily.ts';
import { linkGroup } from './groups.ts';
import { ownExams, ownMessages, ownProfile, ownTasks } from './own.ts';
import { botPracticeAnswer, botPracticeQuestions } from './practice.ts';
import { campaignProgress, remindExamNonStarters } from './staff.ts';
import {
  BindContactBody, BotPracticeQuery, BoundContactView, ContactParams, ContactView, DailyAnswerBody, DailyAnswerView, DailyRoundView,
  DevBindContactBody, ExamReminderBody, ExamReminderView, GroupView, LinkGroupBody, ProgressQuery, ProgressView, RoomQuery,
} from './schemas.ts';

// The key is checked by the router before the body is validated (see http/mount.ts).
const bot = { kind: 'bot' } as const;
const tag = '机器人';

function checkKey(deps: AppDeps, koa: Koa.Context): void {
  assertBotKey(deps.config, koa.get('x-bot-key') || undefined);
}

export const botRoutes = [
  defineRoute({
    method: 'post', path: '/api/bot/contacts', tag, access: bot, body: BindContactBody, response: BoundContactView, status: 201,
    summary: '机器人：用邀请码绑定微信联系人（返回联系人标识，机器人写入备注）',
    async handler({ body }, { deps, koa }) {
      checkKey(deps, koa);
      return bindContact(deps, body.invitationCode);
    },
  }),
  defineRoute({
    method: 'post', path: '/api/bot/dev/contacts', tag, access: bot, body: DevBindContactBody, response: BoundContactView, status: 201,
    summary: '机器人：按手机号绑定联系人（仅开发环境，供终端对话模式使用）',
    async handler({ body }, { deps, koa }) {
      checkKey(deps, koa);
      if (!deps.config.devLoginEnabled) throw new ForbiddenError('生产环境不能按手机号绑定');
      return devBindContact(deps, body.phone);
    },
  }),
  defineRoute({
    method: 'get', path: '/api/bot/contacts/:contactKey', tag, access: bot, params: ContactParams, response: ContactView,
    summary: '机器人：已绑定联系人是谁',
    async handler({ params }, { deps, koa }) {
      checkKey(deps, koa);
      return ownProfile(deps, params.contactKey);
    },
  }),
  defineRoute({
    method: 'get', path: '/api/bot/contacts/:contactKey/practice/questions', tag, access: bot, params: ContactParams, query: BotPracticeQuery,
    response: z.array(PracticeItemView), summary: '机器人：为已绑定的干部出练习题（与小程序同一练习服务）',
    async handler({ params, query }, { deps, koa }) {
      checkKey(deps, koa);
      return botPracticeQuestions(deps, params.contactKey, query);
    },
  }),
  defineRoute({
    method: 'post', path: '/api/bot/contacts/:contactKey/practice/answers', tag, access: bot, params: ContactParams, body: AnswerBody,
    response: AnswerResultView, summary: '机器人：提交已绑定干部的练习答案（答错进入其错题本）',
    async handler({ params, body }, { deps, koa }) {
      checkKey(deps, koa);
      return botPracticeAnswer(deps, params.contactKey, body);
    },
  }),
  defineRoute({
    method: 'get', path: '/api/bot/contacts/:contactKey/tasks', tag, access: bot, params: ContactParams, response: z.array(TaskView),
    summary: '机器人：已绑定干部本人的学讲述考任务（含学时）',
    async handler({ params }, { deps, koa }) {
      checkKey(deps, koa);
      return ownTasks(deps, params.contactKey);
    },
  }),
  defineRoute({
    method: 'get', path: '/api/bot/contacts/:contactKey/exams', tag, access: bot, params: ContactParams, response: z.array(MyExamView),
    summary: '机器人：已绑定干部本人的考试与成绩',
    async handler({ params }, { deps, koa }) {
      checkKey(deps, koa);
      return ownExams(deps, params.contactKey);
    },
  }),
  defineRoute({
    method: 'get', path: '/api/bot/contacts/:contactKey/messages', tag, access: bot, params: ContactParams, response: z.array(MyNotificationView),
    summary: '机器人：已绑定干部本人最近的消息',
    async handler({ params }, { deps, koa }) {
      checkKey(deps, koa);
      return ownMessages(deps, params.contactKey);
    },
  }),
  defineRoute({
    method: 'post', path: '/api/bot/groups', tag, access: bot, body: LinkGroupBody, response: GroupView,
    summary: '机器人：组织者在群内绑定本单位（限其管理范围），可设每日一题时间',
    async handler({ body }, { deps, koa }) {
      checkKey(deps, koa);
      return linkGroup(deps, body);
    },
  }),
  defineRoute({
    method: 'get', path: '/api/bot/groups/daily', tag, access: bot, query: RoomQuery, response: DailyRoundView,
    summary: '机器人：群里正在作答的每日一题（不含答案）',
    async handler({ query }, { deps, koa }) {
      checkKey(deps, koa);
      return currentDailyRound(deps, query.roomKey);
    },
  }),
  defineRoute({
    method: 'post', path: '/api/bot/groups/daily/answers', tag, access: bot, body: DailyAnswerBody, response: DailyAnswerView,
    summary: '机器人：记录群成员对每日一题的作答（以第一次为准）',
    async handler({ body }, { deps, koa }) {
      checkKey(deps, koa);
      return answerDaily(deps, body);
    },
  }),
  defineRoute({
    method: 'post', path: '/api/bot/staff/exam-reminders', tag, access: bot, body: ExamReminderBody, response: ExamReminderView,
    summary: '机器人：组织者命令“提醒 考试 名称”，向未开始作答者排队发送提醒',
    async handler({ body }, { deps, koa }) {
      checkKey(deps, koa);
      return remindExamNonStarters(deps, body.contactKey, body.examTitle);
    },
  }),
  defineRoute({
    method: 'get', path: '/api/bot/staff/progress', tag, access: bot, query: ProgressQuery, response: ProgressView,
    summary: '机器人：组织者命令“进度 活动”，按单位的完成情况',
    async handler({ query }, { deps, koa }) {
      checkKey(deps, koa);
      return campaignProgress(deps, query.contactKey, query.name);
    },
  }),
];
