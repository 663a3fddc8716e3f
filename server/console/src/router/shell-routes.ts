// Pages inside the shell (side menu, header, breadcrumb), in menu order.
import type { RouteRecordRaw } from 'vue-router';
import { bureauRoutes } from './bureau-routes';
import { organiserRoutes } from './organiser-routes';

export const shellRoutes: RouteRecordRaw[] = [...bureauRoutes, ...organiserRoutes];
