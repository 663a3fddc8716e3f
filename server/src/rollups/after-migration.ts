// A migration that creates a roll-up leaves it empty; on a database that already holds the raw
// rows the reports would read zeros. Whoever applies such a migration (a server start, a command)
// fills the roll-up from the raw rows right after it, once.
import type { AppDeps } from '../deps.ts';
import { rollUps } from './registry.ts';

/** The migration that creates each roll-up's tables, by roll-up name. */
const CREATED_BY: Record<string, string> = {
  'study-days': '20261205010000_study_day_rollups',
  tasks: '20261205020000_task_and_item_rollups',
  items: '20261205020000_task_and_item_rollups',
  'exam-days': '20261205020000_task_and_item_rollups',
};

export async function fillNewRollUps(deps: AppDeps, appliedMigrations: readonly string[]): Promise<string[]> {
  const applied = new Set(appliedMigrations);
  const filled: string[] = [];
  for (const rollUp of rollUps) {
    const migration = CREATED_BY[rollUp.name];
    if (!migration || !applied.has(migration)) continue;
    const { rows } = await rollUp.rebuild(deps);
    deps.logger.info({ rollUp: rollUp.name, rows }, 'roll-up filled after its migration');
    filled.push(rollUp.name);
  }
  return filled;
}
