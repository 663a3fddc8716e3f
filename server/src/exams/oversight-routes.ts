// What organisers use around an exam besides creating it: the blueprint editor's live pool counts
// and sample paper, the audience head-count, the monitor during the window, reminders, results,
// and the unit × statute correctness heatmap (statistics routes live with the exams).
import { z } from 'zod';
import { defineRoute } from '../http/route.ts';
import { IdParams } from '../http/schemas.ts';
import { audienceHeadCount, poolCounts, previewPaper } from './blueprint-drafts.ts';
import { examResults, examResultsXlsx } from './exam-results.ts';
import { examMonitor, remindNonStarters } from './monitor.ts';
import { correctnessHeatmap } from '../stats/heatmap.ts';
import { HeatmapQuery, HeatmapView } from '../stats/schemas.ts';
import { AudienceCountBody, AudienceCountView, BlueprintDraftBody, ExamMonitorView, ExamResultsView, PaperPreviewView, PoolCountsView, ReminderResultView } from './oversight-schemas.ts';

const manage = { kind: 'permission', permission: 'exam.manage' } as const;
const results = { kind: 'permission', permission: 'exam.results' } as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const examOversightRoutes = [
  defineRoute({
    method: 'post', path: '/api/blueprints/pool-counts', tag: '考试', summary: '组卷规则每行可用的题目数，以及按此组卷时无法满足的行',
    access: manage, body: BlueprintDraftBody, response: PoolCountsView,
    handler: ({ body }, { deps, actor }) => poolCounts({ db: deps.db, actor, ...body }),
  }),
  defineRoute({
    method: 'post', path: '/api/blueprints/preview', tag: '考试', summary: '按组卷规则试抽一份试卷（不含答案）',
    access: manage, body: BlueprintDraftBody, response: PaperPreviewView,
    handler: ({ body }, { deps, actor }) => previewPaper({ db: deps.db, actor, ...body }),
  }),
  defineRoute({
    method: 'post', path: '/api/exams/audience-count', tag: '考试', summary: '考试对象人数（总数与各单位）',
    access: manage, body: AudienceCountBody, response: AudienceCountView,
    handler: ({ body }, { deps, actor }) => audienceHeadCount({ db: deps.db, actor, ...body }),
  }),
  defineRoute({
    method: 'get', path: '/api/exams/:id/monitor', tag: '考试', summary: '考试进行情况：各单位未开始、作答中、已交卷人数',
    access: results, params: IdParams, response: ExamMonitorView,
    handler: ({ params }, { deps, actor }) => examMonitor(deps.db, actor, params.id, deps.clock.now()),
  }),
  defineRoute({
    method: 'post', path: '/api/exams/:id/reminders', tag: '考试', summary: '提醒尚未开始考试的人员（经消息队列发送，每人每天至多一次）',
    access: manage, params: IdParams, response: ReminderResultView,
    handler: ({ params }, { deps, actor, meta }) => remindNonStarters({ db: deps.db, actor, meta, examId: params.id, now: deps.clock.now(), dailyBudget: deps.config.NOTIFY_DAILY_BUDGET }),
  }),
  defineRoute({
    method: 'get', path: '/api/exams/:id/results', tag: '考试', summary: '考试成绩汇总：按单位的应考、实考、及格率、平均分与分数分布',
    access: results, params: IdParams, response: ExamResultsView,
    handler: ({ params }, { deps, actor }) => examResults(deps.db, actor, params.id),
  }),
  defineRoute({
    method: 'get', path: '/api/exams/:id/results/export', tag: '考试', summary: '导出考试成绩（xlsx：按单位、按人员）',
    access: results, params: IdParams, response: z.unknown(), download: { contentTypes: [XLSX] },
    async handler({ params }, { deps, actor }) {
      const file = await examResultsXlsx(deps.db, actor, params.id);
      return { filename: `考试成绩-${file.title}.xlsx`, contentType: XLSX, body: file.body };
    },
  }),
  defineRoute({
    method: 'get', path: '/api/statistics/heatmap', tag: '统计', summary: '各单位 × 各法规的得分率（热力图；可限定考试或法规）',
    access: results, query: HeatmapQuery, response: HeatmapView,
    handler: ({ query }, { deps, actor }) => correctnessHeatmap(deps.db, actor, query),
  }),
];
