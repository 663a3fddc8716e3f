import { z } from 'zod';
import { writeTemplateXlsx } from '../bank/sheet/write.ts';
import { defineRoute } from '../http/route.ts';
import { importSettingsFrom } from '../imports/limits.ts';
import { IdParams } from '../http/schemas.ts';
import { questionWhere } from './queries.ts';
import { ExportQuestionsQuery, ImportQuery, ImportResultView, ListQuestionsQuery, QuestionCreateBody, QuestionEditBody, QuestionFullView, QuestionPublicView, QuestionVersionView, ReviewDecisionBody } from './schemas.ts';
import { getQuestion, getQuestionFull, listQuestions, listVersions, reviewQuestion, updateQuestion } from './service.ts';
import { exportableQuestions, importForActor, questionFile } from './transfer.ts';
import { questionHistoryRoutes } from './history-routes.ts';
import { createQuestion } from './create.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export const questionRoutes = [
  ...questionHistoryRoutes,
  defineRoute({
    method: 'get', path: '/api/questions', tag: '题库', summary: '题目列表（按法规、章节、条、题型、难度、标签筛选；不含答案与解析）',
    access: { kind: 'signed-in' }, query: ListQuestionsQuery, response: QuestionPublicView, paginated: true,
    handler: ({ query: { page, pageSize, ...filter } }, { deps, actor }) => listQuestions({ db: deps.db, actor, page: { page, pageSize }, filter }),
  }),
  defineRoute({
    method: 'get', path: '/api/questions/:id', tag: '题库', summary: '题目（不含答案与解析）',
    access: { kind: 'signed-in' }, params: IdParams, response: QuestionPublicView,
    handler: ({ params }, { deps, actor }) => getQuestion(deps.db, actor, params.id),
  }),
  defineRoute({
    method: 'get', path: '/api/questions/:id/full', tag: '题库', summary: '题目全文（含答案、解析与复核状态）',
    access: { kind: 'permission', permission: 'question.review' }, params: IdParams, response: QuestionFullView,
    handler: ({ params }, { deps, actor }) => getQuestionFull(deps.db, actor, params.id),
  }),
  defineRoute({
    method: 'get', path: '/api/questions/:id/versions', tag: '题库', summary: '题目的全部版本（新到旧）',
    access: { kind: 'permission', permission: 'question.review' }, params: IdParams, response: z.array(QuestionVersionView),
    handler: ({ params }, { deps, actor }) => listVersions(deps.db, actor, params.id),
  }),
  defineRoute({
    method: 'post', path: '/api/questions', tag: '题库', summary: '新建题目（第 1 版）：属于本人管理范围内的单位；管理员不指定单位时为全国题库', status: 201,
    access: { kind: 'permission', permission: 'question.manage' }, body: QuestionCreateBody, response: QuestionFullView,
    handler: ({ body }, { deps, actor, meta }) => createQuestion({ db: deps.db, actor, meta, body }),
  }),
  defineRoute({
    method: 'put', path: '/api/questions/:id', tag: '题库', summary: '修改题目（生成新版本；全国题库仅管理员可改）',
    access: { kind: 'permission', permission: 'question.manage' }, params: IdParams, body: QuestionEditBody, response: QuestionFullView,
    handler: ({ params, body }, { deps, actor, meta }) => updateQuestion({ db: deps.db, actor, meta, id: params.id, body }),
  }),
  defineRoute({
    method: 'post', path: '/api/questions/:id/review', tag: '题库', summary: '复核题目：继续使用、停用或恢复',
    access: { kind: 'permission', permission: 'question.manage' }, params: IdParams, body: ReviewDecisionBody, response: QuestionFullView,
    handler: ({ params, body }, { deps, actor, meta }) => reviewQuestion({ db: deps.db, actor, meta, id: params.id, decision: body.decision }),
  }),
  defineRoute({
    method: 'post', path: '/api/question-imports', tag: '题库', summary: '导入题目（.xlsx、.csv、.jsonl）；有错误时返回行、列与原因，不写入',
    access: { kind: 'permission', permission: 'question.manage' }, query: ImportQuery, response: ImportResultView,
    upload: { maxBytes: MAX_IMPORT_BYTES, description: '题目文件：.xlsx（导入模板格式）、.csv（UTF-8 或 GBK）或 .jsonl（交换格式）' },
    handler: ({ query, file }, { deps, actor, meta }) => importForActor({ db: deps.db, actor, meta, file: file!, ...query, settings: importSettingsFrom(deps.config) }),
  }),
  defineRoute({
    method: 'get', path: '/api/question-imports/template', tag: '题库', summary: '下载题目导入模板（.xlsx）',
    access: { kind: 'permission', permission: 'question.manage' }, response: z.unknown(), download: { contentTypes: [XLSX] },
    handler: async () => ({ filename: '学法题目导入模板.xlsx', contentType: XLSX, body: await writeTemplateXlsx() }),
  }),
  defineRoute({
    method: 'get', path: '/api/question-exports', tag: '题库', summary: '导出题目（.xlsx 或 .jsonl，可按法规、标签、题型等筛选）',
    access: { kind: 'permission', permission: 'question.review' }, query: ExportQuestionsQuery, response: z.unknown(), download: { contentTypes: [XLSX, 'application/x-ndjson'] },
    async handler({ query: { format, ...filter } }, { deps, actor }) {
      const where = await questionWhere(deps.db, actor, filter, filter.status ?? { not: 'retired' });
      const date = new Date().toISOString().slice(0, 10);
      return questionFile(deps.db, await exportableQuestions(deps.db, where), format, `学法题目-${filter.statute ?? '全部'}-${date}`);
    },
  }),
];
