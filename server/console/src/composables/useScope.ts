// The organisation the pages are looking at: `?org=` in the URL (set by the header's picker),
// or the top of the signed-in person's subtree.
import { computed } from 'vue';
import { useRoute } from 'vue-router';
import { scopeTree } from '../stores/organizations';

export function useScope() {
  const route = useRoute();
  return computed<number | undefined>(() => {
    const chosen = Number(route.query.org);
    if (Number.isInteger(chosen) && chosen > 0) return chosen;
    return scopeTree.value[0]?.value;
  });
}
