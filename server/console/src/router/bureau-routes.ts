// The bureau's pages. Each route's meta (title, icon, group, permission) puts it in the menu.
import type { RouteRecordRaw } from 'vue-router';
import { ChartBarIcon, ErrorCircleIcon, HistoryIcon, TimeIcon } from 'tdesign-icons-vue-next';

export const bureauRoutes: RouteRecordRaw[] = [
  { path: 'dashboard', name: 'dashboard', component: () => import('../pages/dashboard/DashboardPage.vue'), meta: { title: '总览', icon: ChartBarIcon, group: '司法局', permission: 'study.review' } },
  { path: 'study/flags', name: 'study-flags', component: () => import('../pages/study/FlagsReviewPage.vue'), meta: { title: '挂机/刷屏审核', icon: ErrorCircleIcon, group: '司法局', permission: 'study.review' } },
  { path: 'system/audit', name: 'audit-logs', component: () => import('../pages/system/AuditLogPage.vue'), meta: { title: '审计日志', icon: HistoryIcon, group: '系统', permission: 'audit.read' } },
  { path: 'system/jobs', name: 'job-runs', component: () => import('../pages/system/JobRunsPage.vue'), meta: { title: '定时任务', icon: TimeIcon, group: '系统', permission: 'system.read' } },
];
