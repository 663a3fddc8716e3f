// Every roll-up the reports read, by name. Each is kept current incrementally by the code that
// changes its source rows; `rebuild` recomputes it from the raw rows (after a migration, a restore,
// or to prove agreement), replacing what was there (each roll-up says in which transactions).
import type { AppDeps } from '../deps.ts';
import { rebuildStudyDays } from './study-days.ts';

export type RollUp = {
  name: string;
  /** What it summarises, for the command's output (Chinese). */
  description: string;
  rebuild(deps: AppDeps): Promise<{ rows: number }>;
};

export const rollUps: RollUp[] = [
  { name: 'study-days', description: '每人每日（北京时间）的学时、学习次数、在线确认、异常标记与线下活动', rebuild: rebuildStudyDays },
];
