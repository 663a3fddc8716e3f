// The bureau's pages. Each route's meta (title, icon, group, permission) puts it in the menu.
import type { RouteRecordRaw } from 'vue-router';
import { HistoryIcon, TimeIcon } from 'tdesign-icons-vue-next';

export const bureauRoutes: RouteRecordRaw[] = [
  { path: 'system/audit', name: 'audit-logs', component: () => import('../pages/system/AuditLogPage.vue'), meta: { title: '审计日志', icon: HistoryIcon, group: '系统', permission: 'audit.read' } },
  { path: 'system/jobs', name: 'job-runs', component: () => import('../pages/system/JobRunsPage.vue'), meta: { title: '定时任务', icon: TimeIcon, group: '系统', permission: 'system.read' } },
];
