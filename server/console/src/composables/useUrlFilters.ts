// Filters and the page number live in the URL query, so a filtered list is a link that can be
// shared and the back button works. Pages read `filters`, change them and call `apply()`.
import { reactive, watch } from 'vue';
import { useRoute, useRouter, type LocationQuery } from 'vue-router';

export type FilterValues = Record<string, string>;

function fromQuery<F extends FilterValues>(defaults: F, query: LocationQuery): F {
  const values = { ...defaults };
  for (const key of Object.keys(defaults) as Array<keyof F>) {
    const value = query[key as string];
    if (typeof value === 'string') values[key] = value as F[keyof F];
  }
  return values;
}

/**
 * URL-backed filters: `filters` is editable; `apply` writes it to the URL; `onChange` runs with
 * the applied values whenever the URL changes (including the first visit).
 */
export function useUrlFilters<F extends FilterValues>(defaults: F, onChange: (applied: F) => void) {
  const route = useRoute();
  const router = useRouter();
  const filters = reactive(fromQuery(defaults, route.query)) as F;

  function apply(changes: Partial<F> = {}): void {
    Object.assign(filters, changes);
    const query: Record<string, string> = {};
    for (const [key, value] of Object.entries(route.query)) if (typeof value === 'string') query[key] = value;
    for (const [key, value] of Object.entries(filters)) {
      if (value === '' || value === defaults[key]) delete query[key];
      else query[key] = value;
    }
    void router.replace({ query });
  }

  watch(() => route.query, (query) => {
    if (route.matched.length === 0) return;
    const applied = fromQuery(defaults, query);
    Object.assign(filters, applied);
    onChange(applied);
  }, { immediate: true });

  return { filters, apply };
}
