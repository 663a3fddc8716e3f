// Every roll-up the reports read, by name. Each is kept current incrementally by the code that
// changes its source rows; `rebuild` recomputes it from the raw rows (after a migration, a restore,
// or to prove agreement), replacing what was there in one transaction per roll-up.
import type { AppDeps } from '../deps.ts';

export type RollUp = {
  name: string;
  /** What it summarises, for the command's output (Chinese). */
  description: string;
  rebuild(deps: AppDeps): Promise<{ rows: number }>;
};

export const rollUps: RollUp[] = [];
