import { z } from 'zod';
import { defineRoute } from '../http/route.ts';
import { IdParams, PageQuery } from '../http/schemas.ts';
import { createCourse, listCourses } from './courses.ts';
import { appealFlag, listFlags, reviewFlag } from './flags.ts';
import { myStudy } from './my-study.ts';
import { answerCheck } from './presence.ts';
import { studyReport, studyReportXlsx } from './reports.ts';
import {
  AppealBody, CheckAnswerBody, CheckResultView, CourseView, CreateCourseBody, FlagListQuery, FlagView, HeartbeatAckView, HeartbeatBody,
  MyStudyQuery, MyStudyView, OpenSessionBody, ReportQuery, ReportView, ReviewFlagBody, SessionOpenedView, SessionView,
} from './schemas.ts';
import { acceptHeartbeat, endSession, openSession, sessionView } from './sessions.ts';

const signedIn = { kind: 'signed-in' } as const;
const review = { kind: 'permission', permission: 'study.review' } as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const studyRoutes = [
  defineRoute({
    method: 'post', path: '/api/study/sessions', tag: '学习', summary: '开始学习（一部法规或一门课程）', status: 201,
    access: signedIn, body: OpenSessionBody, response: SessionOpenedView,
    handler: ({ body }, { deps, actor }) => openSession(deps, actor, body),
  }),
  defineRoute({
    method: 'post', path: '/api/study/sessions/:id/heartbeats', tag: '学习', summary: '学习心跳（约每 30 秒一次；学时按服务器时间计算）',
    access: signedIn, params: IdParams, body: HeartbeatBody, response: HeartbeatAckView, hot: true,
    handler: ({ params, body }, { deps, actor }) => acceptHeartbeat(deps, actor, params.id, body),
  }),
  defineRoute({
    method: 'post', path: '/api/study/sessions/:id/end', tag: '学习', summary: '结束学习，返回认定的学时与异常标记',
    access: signedIn, params: IdParams, response: SessionView,
    handler: ({ params }, { deps, actor }) => endSession(deps, actor, params.id),
  }),
  defineRoute({
    method: 'get', path: '/api/study/sessions/:id', tag: '学习', summary: '学习记录：时间线、学时与异常标记（本人或审核人员）',
    access: signedIn, params: IdParams, response: SessionView,
    handler: ({ params }, { deps, actor }) => sessionView(deps.db, actor, params.id),
  }),
  defineRoute({
    method: 'post', path: '/api/study/checks/:id/answer', tag: '学习', summary: '回答在线确认题（60 秒内）',
    access: signedIn, params: IdParams, body: CheckAnswerBody, response: CheckResultView,
    handler: ({ params, body }, { deps, actor }) => answerCheck(deps, actor, params.id, body.response),
  }),
  defineRoute({
    method: 'get', path: '/api/study/flags', tag: '学习', summary: '异常标记列表（按单位、时段、类型、审核状态、是否申诉）',
    access: review, query: FlagListQuery, response: FlagView, paginated: true,
    handler: ({ query: { page, pageSize, ...filter } }, { deps, actor }) => listFlags(deps.db, actor, { page, pageSize }, filter),
  }),
  defineRoute({
    method: 'post', path: '/api/study/flags/:id/review', tag: '学习', summary: '审核异常标记：确认（扣除学时）或撤销（恢复学时）',
    access: review, params: IdParams, body: ReviewFlagBody, response: FlagView,
    handler: ({ params, body }, { deps, actor, meta }) => reviewFlag({ db: deps.db, actor, meta, flagId: params.id, ...body, now: deps.clock.now() }),
  }),
  defineRoute({
    method: 'post', path: '/api/study/flags/:id/appeal', tag: '学习', summary: '对本人的异常标记提出申诉',
    access: signedIn, params: IdParams, body: AppealBody, response: FlagView,
    handler: ({ params, body }, { deps, actor, meta }) => appealFlag({ db: deps.db, actor, meta, flagId: params.id, note: body.note, now: deps.clock.now() }),
  }),
  defineRoute({
    method: 'get', path: '/api/my/study', tag: '学习', summary: '我的学时（按周，北京时间）与我的异常标记',
    access: signedIn, query: MyStudyQuery, response: MyStudyView,
    handler: ({ query }, { deps, actor }) => myStudy(deps.db, actor, { from: new Date(query.from), to: new Date(query.to) }),
  }),
  defineRoute({
    method: 'get', path: '/api/study/report', tag: '学习', summary: '学法考勤与学时报表（人员、单位）',
    access: review, query: ReportQuery, response: ReportView,
    handler: ({ query: { from, to, organizationId } }, { deps, actor }) => studyReport(deps.db, actor, { organizationId, from: new Date(from), to: new Date(to) }),
  }),
  defineRoute({
    method: 'get', path: '/api/study/report/export', tag: '学习', summary: '导出学法考勤与学时报表（xlsx：人员、单位两张表）',
    access: review, query: ReportQuery, response: z.unknown(), download: { contentTypes: [XLSX] },
    async handler({ query: { from, to, organizationId } }, { deps, actor }) {
      const report = await studyReport(deps.db, actor, { organizationId, from: new Date(from), to: new Date(to) });
      return { filename: `学法学时报表-${from.slice(0, 10)}至${to.slice(0, 10)}.xlsx`, contentType: XLSX, body: await studyReportXlsx(report) };
    },
  }),
  defineRoute({
    method: 'post', path: '/api/courses', tag: '学习', summary: '新建课程（条文与说明的有序列表，规定最少学习时间）', status: 201,
    access: { kind: 'permission', permission: 'study.manage' }, body: CreateCourseBody, response: CourseView,
    handler: ({ body }, { deps, actor }) => createCourse(deps.db, actor, body, deps.clock.now()),
  }),
  defineRoute({
    method: 'get', path: '/api/courses', tag: '学习', summary: '本单位及上级单位的课程', access: signedIn, query: PageQuery, response: CourseView, paginated: true,
    handler: ({ query }, { deps, actor }) => listCourses(deps.db, actor, query),
  }),
];
