/// <reference types="vite/client" />
import 'vue-router';
import type { Component } from 'vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** Menu and breadcrumb title. */
    title?: string;
    /** Menu icon (a tdesign-icons-vue-next component); routes without one stay out of the menu. */
    icon?: Component;
    /** Menu group the entry sits under. */
    group?: string;
    /** Permission from /api/me the page needs; without it the entry is hidden and the page is 403. */
    permission?: string;
    /** Pages shown without the side menu and header (login, the full-screen check-in code). */
    bare?: boolean;
    /** Pages that need no sign-in. */
    public?: boolean;
  }
}
