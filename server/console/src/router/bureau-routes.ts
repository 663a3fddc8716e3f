// The bureau's pages. Each route's meta (title, icon, group, permission) puts it in the menu.
import type { RouteRecordRaw } from 'vue-router';
import { CalendarIcon, ChartBarIcon, ErrorCircleIcon, FileIcon, HistoryIcon, TableIcon, TimeIcon, UserSearchIcon } from 'tdesign-icons-vue-next';

export const bureauRoutes: RouteRecordRaw[] = [
  { path: 'dashboard', name: 'dashboard', component: () => import('../pages/dashboard/DashboardPage.vue'), meta: { title: '总览', icon: ChartBarIcon, group: '司法局', permission: 'study.review' } },
  { path: 'study/flags', name: 'study-flags', component: () => import('../pages/study/FlagsReviewPage.vue'), meta: { title: '挂机/刷屏审核', icon: ErrorCircleIcon, group: '司法局', permission: 'study.review' } },
  { path: 'meetings', name: 'meetings', component: () => import('../pages/meetings/MeetingsPage.vue'), meta: { title: '学法考勤', icon: CalendarIcon, group: '司法局', permission: 'study.review' } },
  { path: 'study/report', name: 'study-report', component: () => import('../pages/study/ReportPage.vue'), meta: { title: '学时与考勤报表', icon: TableIcon, group: '司法局', permission: 'study.review' } },
  { path: 'archive', name: 'archive', component: () => import('../pages/archive/ArchivePage.vue'), meta: { title: '学法档案', icon: UserSearchIcon, group: '司法局', permission: 'campaign.review' } },
  { path: 'circulars', name: 'circulars', component: () => import('../pages/circulars/CircularPage.vue'), meta: { title: '通报', icon: FileIcon, group: '司法局', permission: 'campaign.review' } },
  { path: 'system/audit', name: 'audit-logs', component: () => import('../pages/system/AuditLogPage.vue'), meta: { title: '审计日志', icon: HistoryIcon, group: '系统', permission: 'audit.read' } },
  { path: 'system/jobs', name: 'job-runs', component: () => import('../pages/system/JobRunsPage.vue'), meta: { title: '定时任务', icon: TimeIcon, group: '系统', permission: 'system.read' } },
];

/** Full-screen pages without the shell. */
export const bureauScreens: RouteRecordRaw[] = [
  { path: '/meetings/:id/screen', name: 'meeting-screen', component: () => import('../pages/meetings/MeetingScreenPage.vue'), meta: { title: '签到大屏', permission: 'study.manage', bare: true } },
];
