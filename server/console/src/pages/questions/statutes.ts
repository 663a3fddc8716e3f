// The statute list, loaded once per tab for the question pages' pickers.
import { shallowRef } from 'vue';
import { api, call, type paths } from '../../api/client';

export type StatuteSummary = paths['/api/statutes']['get']['responses'][200]['content']['application/json']['data'][number];

export const statutes = shallowRef<StatuteSummary[]>([]);
let loading: Promise<void> | null = null;

export function loadStatutes(): Promise<void> {
  loading ??= call(api.GET('/api/statutes')).then((list) => { statutes.value = list; }).catch((error) => { loading = null; throw error; });
  return loading;
}
