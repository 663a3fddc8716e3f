import { defineRoute } from '../http/route.ts';
import { DashboardQuery, DashboardView } from './schemas.ts';
import { dashboard } from './service.ts';

export const dashboardRoutes = [
  defineRoute({
    method: 'get', path: '/api/dashboard', tag: '总览', summary: '总览：参与率、线上线下学时、学讲述考任务完成、考试通过率与平均分、待审核异常（含下级单位与人员）',
    access: { kind: 'permission', permission: 'study.review' }, query: DashboardQuery, response: DashboardView,
    handler: ({ query }, { deps, actor }) => dashboard({ db: deps.db, actor, organizationId: query.organizationId, from: new Date(query.from), to: new Date(query.to), now: deps.clock.now() }),
  }),
];
