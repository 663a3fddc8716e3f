// A server-paginated list whose filters and page number are kept in the URL.
import { computed, ref, shallowRef } from 'vue';
import type { Page } from '../api/client';
import { useUrlFilters, type FilterValues } from './useUrlFilters';
import { errorMessage } from '../utils/errors';

type WithPage = { page: string; pageSize: string };

export function usePagedList<F extends FilterValues, T>(defaults: F, load: (query: F & { page: number; pageSize: number }) => Promise<Page<T>>) {
  const items = shallowRef<T[]>([]);
  const total = ref(0);
  const loading = ref(false);
  const error = ref('');
  let latest = 0;

  async function run(applied: F & WithPage): Promise<void> {
    const ticket = ++latest;
    loading.value = true;
    error.value = '';
    try {
      const page = await load({ ...applied, page: Number(applied.page) || 1, pageSize: Number(applied.pageSize) || 20 });
      if (ticket !== latest) return;
      items.value = page.items;
      total.value = page.total;
    } catch (failure) {
      if (ticket === latest) error.value = errorMessage(failure);
    } finally {
      if (ticket === latest) loading.value = false;
    }
  }

  const { filters, apply } = useUrlFilters<F & WithPage>({ ...defaults, page: '1', pageSize: '20' }, run);

  const pagination = computed(() => ({ current: Number(filters.page) || 1, pageSize: Number(filters.pageSize) || 20, total: total.value, showJumper: true }));

  /** New filters start again at page 1. */
  function search(): void {
    apply({ page: '1' } as Partial<F & WithPage>);
  }

  function changePage(info: { current: number; pageSize: number }): void {
    apply({ page: String(info.current), pageSize: String(info.pageSize) } as Partial<F & WithPage>);
  }

  /** Loads the current page again (after a change made on it). */
  function reload(): Promise<void> {
    return run({ ...filters });
  }

  return { filters, items, total, loading, error, pagination, search, changePage, reload };
}
