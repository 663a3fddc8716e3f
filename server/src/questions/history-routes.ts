// A question's history (the difference between versions) and the 待复核 queue after a statute revision.
import { defineRoute } from '../http/route.ts';
import { IdParams } from '../http/schemas.ts';
import { reviewQueue, versionDiff } from './history.ts';
import { ReviewQueueItem, ReviewQueueQuery, VersionDiffQuery, VersionDiffView } from './history-schemas.ts';

export const questionHistoryRoutes = [
  defineRoute({
    method: 'get', path: '/api/questions/:id/diff', tag: '题库', summary: '两个版本的逐项比对（默认为当前版本与前一版）',
    access: { kind: 'permission', permission: 'question.review' }, params: IdParams, query: VersionDiffQuery, response: VersionDiffView,
    handler: ({ params, query }, { deps, actor }) => versionDiff(deps.db, actor, params.id, query),
  }),
  defineRoute({
    method: 'get', path: '/api/question-reviews', tag: '题库', summary: '待复核题目：所引条文修订前后的原文与改动（继续使用、修改或停用见各题目接口）',
    access: { kind: 'permission', permission: 'question.manage' }, query: ReviewQueueQuery, response: ReviewQueueItem, paginated: true,
    handler: ({ query: { statute, ...page } }, { deps, actor }) => reviewQueue({ db: deps.db, actor, page, statute }),
  }),
];
