// The side menu: the shell's routes the signed-in person may open, grouped by meta.group.
import type { RouteRecordRaw } from 'vue-router';
import type { Component } from 'vue';
import { can } from '../stores/session';

export type MenuItem = { name: string; title: string; icon?: Component };
export type MenuGroup = { title: string; items: MenuItem[] };

export function buildMenu(routes: RouteRecordRaw[]): MenuGroup[] {
  const groups: MenuGroup[] = [];
  for (const route of routes) {
    const meta = route.meta;
    if (!meta?.icon || !meta.title || typeof route.name !== 'string' || !can(meta.permission)) continue;
    const title = meta.group ?? '其他';
    let group = groups.find((existing) => existing.title === title);
    if (!group) groups.push(group = { title, items: [] });
    group.items.push({ name: route.name, title: meta.title, icon: meta.icon });
  }
  return groups;
}
