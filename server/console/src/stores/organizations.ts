// The organisations the signed-in person may see (their subtree), as a tree, loaded once per
// tab. The header's scope picker and every organisation filter use it.
import { shallowRef } from 'vue';
import { api, callPage, type paths } from '../api/client';

export type Organization = paths['/api/organizations']['get']['responses'][200]['content']['application/json']['data'][number];
export type OrgNode = { value: number; label: string; level: Organization['level']; children?: OrgNode[] };

export const scopeTree = shallowRef<OrgNode[]>([]);
export const organizationsById = shallowRef(new Map<number, Organization>());
let loading: Promise<void> | null = null;

async function fetchAll(): Promise<Organization[]> {
  const all: Organization[] = [];
  for (let page = 1; ; page++) {
    const batch = await callPage(api.GET('/api/organizations', { params: { query: { page, pageSize: 100 } } }));
    all.push(...batch.items);
    if (all.length >= batch.total || batch.items.length === 0) return all;
  }
}

/** Organisations whose parent is out of scope are the roots of the person's subtrees. */
function buildTree(organizations: Organization[]): OrgNode[] {
  const nodes = new Map(organizations.map((org) => [org.id, { value: org.id, label: org.name, level: org.level } as OrgNode]));
  const roots: OrgNode[] = [];
  for (const org of organizations) {
    const node = nodes.get(org.id)!;
    const parent = org.parentId == null ? undefined : nodes.get(org.parentId);
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

export function loadScopeTree(): Promise<void> {
  loading ??= fetchAll().then((organizations) => {
    organizationsById.value = new Map(organizations.map((org) => [org.id, org]));
    scopeTree.value = buildTree(organizations);
  }).catch((error) => {
    loading = null;
    throw error;
  });
  return loading;
}

export function forgetScopeTree(): void {
  loading = null;
  scopeTree.value = [];
  organizationsById.value = new Map();
}

/** The direct sub-units of an organisation in scope (for drill-down). */
export function childrenOf(id: number): OrgNode[] {
  const find = (nodes: OrgNode[]): OrgNode | undefined => {
    for (const node of nodes) {
      if (node.value === id) return node;
      const found = find(node.children ?? []);
      if (found) return found;
    }
    return undefined;
  };
  return find(scopeTree.value)?.children ?? [];
}

/**
 * Names for units listed side by side (a unit may be given more than once): a name two units
 * share gets the parent unit's name (综合科（东城县司法局）), so same-named units of different
 * branches no longer look alike.
 */
export function unitLabels(units: Array<{ id: number; name: string }>): Map<number, string> {
  const names = new Map(units.map((unit) => [unit.id, unit.name]));
  const shared = new Map<string, number>();
  for (const name of names.values()) shared.set(name, (shared.get(name) ?? 0) + 1);
  const parentName = (id: number) => {
    const parentId = organizationsById.value.get(id)?.parentId;
    return parentId == null ? undefined : organizationsById.value.get(parentId)?.name;
  };
  return new Map([...names].map(([id, name]) => {
    const parent = shared.get(name)! > 1 ? parentName(id) : undefined;
    return [id, parent ? `${name}（${parent}）` : name];
  }));
}
