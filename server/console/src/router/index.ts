// Routes, the sign-in guard and the permission guard. The menu is built from the same records.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import AppLayout from '../layouts/AppLayout.vue';
import { shellRoutes } from './shell-routes';
import { bureauScreens } from './bureau-routes';
import { can, ensureSignedIn, isStaff } from '../stores/session';
import { setUnauthenticatedHandler } from '../api/client';

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('../pages/login/LoginPage.vue'), meta: { title: '登录', public: true, bare: true } },
  ...bureauScreens,
  {
    path: '/',
    component: AppLayout,
    children: [
      { path: '', name: 'home', component: () => import('../pages/results/HomePage.vue'), meta: { title: '首页' } },
      ...shellRoutes,
      { path: '403', name: 'forbidden', component: () => import('../pages/results/ForbiddenPage.vue'), meta: { title: '无权访问' } },
      { path: '500', name: 'server-error', component: () => import('../pages/results/ServerErrorPage.vue'), meta: { title: '出错了' } },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('../pages/results/NotFoundPage.vue'), meta: { title: '页面不存在' } },
    ],
  },
];

export const router = createRouter({ history: createWebHistory('/console/'), routes });

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  const state = await ensureSignedIn();
  if (state !== 'signed-in' || !isStaff()) return { name: 'login', query: { redirect: to.fullPath, ...(state === 'expired' ? { expired: '1' } : {}) } };
  const needed = to.matched.map((record) => record.meta.permission).filter(Boolean);
  if (!needed.every((permission) => can(permission))) return { name: 'forbidden', query: { from: to.fullPath } };
  return true;
});

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} · 学法控制台` : '学法控制台';
});

setUnauthenticatedHandler(() => {
  const current = router.currentRoute.value;
  // Before the first navigation has finished the guard handles it.
  if (current.matched.length > 0 && !current.meta.public) void router.push({ name: 'login', query: { redirect: current.fullPath, expired: '1' } });
});
