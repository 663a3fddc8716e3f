// The organisers' pages (organisations, people, questions, exams, campaigns): owned by the
// console's part 2. Each route's meta (title, icon, group, permission) puts it in the menu.
import type { RouteRecordRaw } from 'vue-router';

export const organiserRoutes: RouteRecordRaw[] = [];
