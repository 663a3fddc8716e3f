import { defineRoute } from '../http/route.ts';
import { IdParams, PageQuery } from '../http/schemas.ts';
import { BankStatisticsQuery, ItemStatisticsView } from '../stats/schemas.ts';
import { bankStatistics, examStatistics } from '../stats/service.ts';
import { resumeAttempt, saveAnswer, startAttempt, submitAttempt } from './attempts.ts';
import { blueprintOrThrow, createBlueprint, listBlueprints, presentBlueprint } from './blueprints.ts';
import { addOverride, createExam, createMakeUp, examInScopeOrThrow, listExamAttempts, listExams, myExams, presentExam } from './exams.ts';
import { attemptResult, presentResult } from './result.ts';
import { examOversightRoutes } from './oversight-routes.ts';
import {
  AnswerParams, AttemptParams, AttemptView, BlueprintView, CreateBlueprintBody, CreateExamBody, ExamAttemptRow, ExamAttemptsQuery,
  ExamView, ListExamsQuery, MakeUpBody, MyExamView, OverrideBody, OverrideView, ResultView, SavedAnswerView, SaveAnswerBody,
} from './schemas.ts';

const manage = { kind: 'permission', permission: 'exam.manage' } as const;
const results = { kind: 'permission', permission: 'exam.results' } as const;
const signedIn = { kind: 'signed-in' } as const;

export const examRoutes = [
  ...examOversightRoutes,
  defineRoute({
    method: 'post', path: '/api/blueprints', tag: '考试', summary: '新建试卷方案（随机组卷规则或固定试卷）', status: 201,
    access: manage, body: CreateBlueprintBody, response: BlueprintView,
    handler: ({ body }, { deps, actor, meta }) => createBlueprint({ db: deps.db, actor, meta, body }),
  }),
  defineRoute({
    method: 'get', path: '/api/blueprints', tag: '考试', summary: '试卷方案列表', access: manage, query: PageQuery, response: BlueprintView, paginated: true,
    handler: ({ query }, { deps, actor }) => listBlueprints(deps.db, actor, query),
  }),
  defineRoute({
    method: 'get', path: '/api/blueprints/:id', tag: '考试', summary: '试卷方案', access: manage, params: IdParams, response: BlueprintView,
    handler: async ({ params }, { deps, actor }) => presentBlueprint(deps.db, await blueprintOrThrow(deps.db, actor, params.id)),
  }),
  defineRoute({
    method: 'post', path: '/api/exams', tag: '考试', summary: '发布考试（试卷方案 + 时间窗口 + 考试对象）', status: 201,
    access: manage, body: CreateExamBody, response: ExamView,
    handler: ({ body }, { deps, actor, meta }) => createExam({ db: deps.db, actor, meta, body }),
  }),
  defineRoute({
    method: 'get', path: '/api/exams', tag: '考试', summary: '考试列表（本人管辖范围）', access: results, query: ListExamsQuery, response: ExamView, paginated: true,
    handler: ({ query }, { deps, actor }) => listExams(deps.db, actor, query),
  }),
  defineRoute({
    method: 'get', path: '/api/exams/:id', tag: '考试', summary: '考试详情', access: results, params: IdParams, response: ExamView,
    handler: async ({ params }, { deps, actor }) => presentExam(deps.db, await examInScopeOrThrow(deps.db, actor, params.id, 'exam.results')),
  }),
  defineRoute({
    method: 'post', path: '/api/exams/:id/overrides', tag: '考试', summary: '为个人或单位延长时间、推迟截止或增加次数（记入审计日志）', status: 201,
    access: manage, params: IdParams, body: OverrideBody, response: OverrideView,
    handler: ({ params, body }, { deps, actor, meta }) => addOverride({ db: deps.db, actor, meta, examId: params.id, body }),
  }),
  defineRoute({
    method: 'post', path: '/api/exams/:id/make-up', tag: '考试', summary: '为不及格和缺考人员发布补考', status: 201,
    access: manage, params: IdParams, body: MakeUpBody, response: ExamView,
    handler: ({ params, body }, { deps, actor, meta }) => createMakeUp({ db: deps.db, actor, meta, examId: params.id, body }),
  }),
  defineRoute({
    method: 'get', path: '/api/exams/:id/attempts', tag: '考试', summary: '考试的答卷与成绩（可按单位）', access: results,
    params: IdParams, query: ExamAttemptsQuery, response: ExamAttemptRow, paginated: true,
    handler: ({ params, query: { organizationId, ...page } }, { deps, actor }) => listExamAttempts({ db: deps.db, actor, examId: params.id, page, organizationId }),
  }),
  defineRoute({
    method: 'get', path: '/api/exams/:id/statistics', tag: '统计', summary: '考试的题目分析：难度、区分度、选项分布，按法规和单位汇总',
    access: results, params: IdParams, response: ItemStatisticsView,
    handler: ({ params }, { deps, actor }) => examStatistics(deps.db, actor, params.id),
  }),
  defineRoute({
    method: 'get', path: '/api/statistics/items', tag: '统计', summary: '全部考试的题目分析（本人管辖范围）', access: results,
    query: BankStatisticsQuery, response: ItemStatisticsView,
    handler: ({ query }, { deps, actor }) => bankStatistics(deps.db, actor, query),
  }),
  defineRoute({
    method: 'get', path: '/api/my/exams', tag: '考试', summary: '我的考试（待考、进行中、已结束）', access: signedIn, query: PageQuery, response: MyExamView, paginated: true,
    handler: ({ query }, { deps, actor }) => myExams(deps, actor, deps.clock.now(), query),
  }),
  defineRoute({
    method: 'post', path: '/api/exams/:id/attempts', tag: '考试', summary: '开始考试（已有进行中的答卷则继续作答）；试卷不含答案',
    access: signedIn, params: IdParams, response: AttemptView,
    handler: ({ params }, { deps, actor }) => startAttempt(deps, actor, params.id, deps.clock.now()),
  }),
  defineRoute({
    method: 'get', path: '/api/attempts/:id', tag: '考试', summary: '继续作答：试卷、已保存的答案和剩余时间', access: signedIn, params: AttemptParams, response: AttemptView,
    handler: ({ params }, { deps, actor }) => resumeAttempt(deps, actor, params.id, deps.clock.now()),
  }),
  defineRoute({
    method: 'put', path: '/api/attempts/:id/answers/:ordinal', tag: '考试', summary: '保存一题的答案（自动保存，按序号幂等）',
    access: signedIn, params: AnswerParams, body: SaveAnswerBody, response: SavedAnswerView, hot: true,
    handler: ({ params, body }, { deps, actor }) => saveAnswer(deps, actor, { attemptId: params.id, ordinal: params.ordinal, ...body }, deps.clock.now()),
  }),
  defineRoute({
    method: 'post', path: '/api/attempts/:id/submit', tag: '考试', summary: '交卷并评分', access: signedIn, params: AttemptParams, response: ResultView,
    async handler({ params }, { deps, actor }) {
      const now = deps.clock.now();
      const graded = await submitAttempt(deps, actor, params.id, now);
      return graded ? presentResult(deps, actor, graded.attempt, graded.items, now) : attemptResult(deps, actor, params.id, now);
    },
  }),
  defineRoute({
    method: 'get', path: '/api/attempts/:id/result', tag: '考试', summary: '成绩与回顾（按考试设置显示得分、对错、答案、解析）',
    access: signedIn, params: AttemptParams, response: ResultView,
    handler: ({ params }, { deps, actor }) => attemptResult(deps, actor, params.id, deps.clock.now()),
  }),
];

