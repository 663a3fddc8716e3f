// A period chosen as Beijing calendar days and kept in the URL (?from=&to=, inclusive days).
import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { beijingDayEnd, beijingDayStart, beijingDaysAgo } from '../utils/time';

export function usePeriod(defaultDays = 30) {
  const route = useRoute();
  const router = useRouter();
  const days = computed<[string, string]>(() => [
    typeof route.query.from === 'string' ? route.query.from : beijingDaysAgo(defaultDays),
    typeof route.query.to === 'string' ? route.query.to : beijingDaysAgo(0),
  ]);
  /** The period as the API takes it: [start of the first day, start of the day after the last). */
  const range = computed(() => ({ from: beijingDayStart(days.value[0]), to: beijingDayEnd(days.value[1]) }));
  function choose(value: unknown): void {
    const [from, to] = (value as string[]) ?? [];
    if (from && to) void router.replace({ query: { ...route.query, from, to } });
  }
  return { days, range, choose };
}
