import { z } from 'zod';
import { defineRoute } from '../http/route.ts';
import { DOWNLOAD_CONTENT_TYPE } from '../files/download.ts';
import { fileStoreAt } from '../files/store.ts';
import { IdParams, PageQuery } from '../http/schemas.ts';
import { archiveOf } from './archive.ts';
import { circular, circularXlsx } from './circulars.ts';
import { updateCampaign } from './edit.ts';
import { attachLawReportFile, lawReportAttachment, lawReportForViewer, listLawReports, reviewLawReport, submitLawReport } from './law-reports.ts';
import { attachLectureMaterial, lectureForViewer, lectureMaterial, listLectures, recordLecture, reviewLecture } from './lectures.ts';
import {
  ArchiveQuery, ArchiveView, CampaignView, CircularQuery, CircularView, CompletionQuery, CompletionView, CreateCampaignBody, LawReportBody,
  LawReportListQuery, LawReportReviewBody, LawReportView, LectureBody, LectureListQuery, LectureReviewBody, LectureView, MyTasksQuery, TaskView,
  UpdateCampaignBody,
} from './schemas.ts';
import { campaignCompletion, campaignInScopeOrThrow, createCampaign, listCampaigns, myTasks, presentCampaign } from './service.ts';
import { nextFiringsRoute } from './next-firings-route.ts';

const manage = { kind: 'permission', permission: 'campaign.manage' } as const;
const review = { kind: 'permission', permission: 'campaign.review' } as const;
const signedIn = { kind: 'signed-in' } as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const UPLOAD_METHODS = ['put', 'post'] as const;

export const campaignRoutes = [
  nextFiringsRoute,
  defineRoute({
    method: 'post', path: '/api/campaigns', tag: '学讲述考', summary: '新建学·讲·述·考活动（对象、要求、截止或周期）', status: 201,
    access: manage, body: CreateCampaignBody, response: CampaignView,
    handler: ({ body }, { deps, actor, meta }) => createCampaign({ db: deps.db, actor, meta, body, now: deps.clock.now(), dailyBudget: deps.config.NOTIFY_DAILY_BUDGET }),
  }),
  defineRoute({
    method: 'put', path: '/api/campaigns/:id', tag: '学讲述考', access: manage, params: IdParams, body: UpdateCampaignBody, response: CampaignView,
    summary: '修改活动（名称、对象、要求、截止或周期）：改动作用于本期及以后各期未完成的任务；已完成的任务和已结束的周期保持原要求',
    handler: ({ params, body }, { deps, actor, meta }) => updateCampaign({ db: deps.db, actor, meta, id: params.id, body, now: deps.clock.now(), dailyBudget: deps.config.NOTIFY_DAILY_BUDGET }),
  }),
  defineRoute({
    method: 'get', path: '/api/campaigns', tag: '学讲述考', summary: '活动列表', access: review, query: PageQuery, response: CampaignView, paginated: true,
    handler: ({ query }, { deps, actor }) => listCampaigns(deps.db, actor, query),
  }),
  defineRoute({
    method: 'get', path: '/api/campaigns/:id', tag: '学讲述考', summary: '活动详情', access: review, params: IdParams, response: CampaignView,
    handler: async ({ params }, { deps, actor }) => presentCampaign(await campaignInScopeOrThrow(deps.db, actor, params.id, 'campaign.review')),
  }),
  defineRoute({
    method: 'get', path: '/api/campaigns/:id/completion', tag: '学讲述考', summary: '各项要求本期完成情况（按单位、按人员）',
    access: review, params: IdParams, query: CompletionQuery, response: CompletionView,
    handler: ({ params, query }, { deps, actor }) => campaignCompletion(deps.db, actor, params.id, deps.clock.now(), query.organizationId),
  }),
  defineRoute({
    method: 'get', path: '/api/campaigns/:id/circular', tag: '学讲述考', summary: '通报：各项要求按单位排名（默认不列个人）',
    access: review, params: IdParams, query: CircularQuery, response: CircularView,
    handler: ({ params, query }, { deps, actor }) => circular(deps.db, actor, { campaignId: params.id, ...query, now: deps.clock.now() }),
  }),
  defineRoute({
    method: 'get', path: '/api/campaigns/:id/circular/export', tag: '学讲述考', summary: '导出通报（xlsx）', access: review, params: IdParams, query: CircularQuery,
    response: z.unknown(), download: { contentTypes: [XLSX] },
    async handler({ params, query }, { deps, actor }) {
      const report = await circular(deps.db, actor, { campaignId: params.id, ...query, now: deps.clock.now() });
      return { filename: `通报-${report.name}-${report.generatedAt.slice(0, 10)}.xlsx`, contentType: XLSX, body: await circularXlsx(report) };
    },
  }),
  defineRoute({
    method: 'get', path: '/api/my/tasks', tag: '学讲述考', summary: '我的任务（状态与尚缺）', access: signedIn, query: MyTasksQuery, response: TaskView, paginated: true,
    handler: ({ query: { state, ...page } }, { deps, actor }) => myTasks(deps.db, actor, deps.clock.now(), page, state),
  }),
  defineRoute({
    method: 'get', path: '/api/archive', tag: '学讲述考', summary: '学法档案（本人，或管辖范围内人员）', access: signedIn, query: ArchiveQuery, response: ArchiveView,
    handler: ({ query }, { deps, actor }) => archiveOf(deps.db, actor, query.userId ?? actor.userId, new Date(query.from), new Date(query.to)),
  }),
  defineRoute({
    method: 'post', path: '/api/lectures', tag: '学讲述考', summary: '登记一次讲法', status: 201, access: signedIn, body: LectureBody, response: LectureView,
    handler: ({ body }, { deps, actor }) => recordLecture(deps.db, actor, body, deps.clock.now()),
  }),
  // wx.uploadFile can only POST, so the mini-program uploads by POST; PUT stays for other clients.
  ...UPLOAD_METHODS.map((method) => defineRoute({
    method, path: '/api/lectures/:id/material', tag: '学讲述考', summary: '上传讲法材料', access: signedIn, params: IdParams, response: LectureView,
    upload: { description: '讲稿、课件或照片（大小上限见 UPLOAD_MAX_MB）' },
    handler: ({ params, file }, { deps, actor }) => attachLectureMaterial(deps.db, fileStoreAt(deps.config.FILE_STORE_DIR), actor, params.id, file!),
  })),
  defineRoute({
    method: 'get', path: '/api/lectures/:id/material', tag: '学讲述考', summary: '下载讲法材料', access: signedIn, params: IdParams,
    response: z.unknown(), download: { contentTypes: [DOWNLOAD_CONTENT_TYPE] },
    handler: ({ params }, { deps, actor }) => lectureMaterial(deps.db, fileStoreAt(deps.config.FILE_STORE_DIR), actor, params.id),
  }),
  defineRoute({
    method: 'get', path: '/api/lectures/:id', tag: '学讲述考', summary: '讲法记录', access: signedIn, params: IdParams, response: LectureView,
    handler: ({ params }, { deps, actor }) => lectureForViewer(deps.db, actor, params.id),
  }),
  defineRoute({
    method: 'get', path: '/api/lectures', tag: '学讲述考', summary: '管辖范围内的讲法记录（可按核实状态）', access: review, query: LectureListQuery, response: LectureView, paginated: true,
    handler: ({ query: { status, ...page } }, { deps, actor }) => listLectures(deps.db, actor, page, { status }),
  }),
  defineRoute({
    method: 'get', path: '/api/my/lectures', tag: '学讲述考', summary: '我的讲法记录', access: signedIn, query: LectureListQuery, response: LectureView, paginated: true,
    handler: ({ query: { status, ...page } }, { deps, actor }) => listLectures(deps.db, actor, page, { status, mine: true }),
  }),
  defineRoute({
    method: 'post', path: '/api/lectures/:id/review', tag: '学讲述考', summary: '核实讲法记录', access: manage, params: IdParams, body: LectureReviewBody, response: LectureView,
    handler: ({ params, body }, { deps, actor, meta }) => reviewLecture({ db: deps.db, actor, meta, id: params.id, ...body, now: deps.clock.now() }),
  }),
  defineRoute({
    method: 'put', path: '/api/law-reports', tag: '学讲述考', summary: '提交（或退回后重新提交）述法报告', access: signedIn, body: LawReportBody, response: LawReportView,
    handler: ({ body }, { deps, actor }) => submitLawReport(deps.db, actor, body, deps.clock.now()),
  }),
  ...UPLOAD_METHODS.map((method) => defineRoute({
    method, path: '/api/law-reports/:id/attachment', tag: '学讲述考', summary: '上传述法报告附件', access: signedIn, params: IdParams, response: LawReportView,
    upload: { description: '述法报告文件（大小上限见 UPLOAD_MAX_MB）' },
    handler: ({ params, file }, { deps, actor }) => attachLawReportFile(deps.db, fileStoreAt(deps.config.FILE_STORE_DIR), actor, params.id, file!),
  })),
  defineRoute({
    method: 'get', path: '/api/law-reports/:id/attachment', tag: '学讲述考', summary: '下载述法报告附件', access: signedIn, params: IdParams,
    response: z.unknown(), download: { contentTypes: [DOWNLOAD_CONTENT_TYPE] },
    handler: ({ params }, { deps, actor }) => lawReportAttachment(deps.db, fileStoreAt(deps.config.FILE_STORE_DIR), actor, params.id),
  }),
  defineRoute({
    method: 'get', path: '/api/my/law-reports', tag: '学讲述考', summary: '我的述法报告（含退回意见与评分）', access: signedIn, query: LawReportListQuery, response: LawReportView, paginated: true,
    handler: ({ query: { status, ...page } }, { deps, actor }) => listLawReports(deps.db, actor, page, { status, mine: true }),
  }),
  defineRoute({
    method: 'get', path: '/api/law-reports/:id', tag: '学讲述考', summary: '述法报告', access: signedIn, params: IdParams, response: LawReportView,
    handler: ({ params }, { deps, actor }) => lawReportForViewer(deps.db, actor, params.id),
  }),
  defineRoute({
    method: 'get', path: '/api/law-reports', tag: '学讲述考', summary: '管辖范围内的述法报告（可按状态）', access: review, query: LawReportListQuery, response: LawReportView, paginated: true,
    handler: ({ query: { status, ...page } }, { deps, actor }) => listLawReports(deps.db, actor, page, { status }),
  }),
  defineRoute({
    method: 'post', path: '/api/law-reports/:id/review', tag: '学讲述考', summary: '述法报告评分或退回修改', access: review, params: IdParams, body: LawReportReviewBody, response: LawReportView,
    handler: ({ params, body }, { deps, actor, meta }) => reviewLawReport({ db: deps.db, actor, meta, id: params.id, ...body, now: deps.clock.now() }),
  }),
];
