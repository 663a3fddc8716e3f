// A migration that creates a roll-up leaves it empty; on a database that already holds the raw
// rows the reports would read zeros. Whoever applies such a migration (a server start, a command)
// fills the roll-up from the raw rows right after it, once.
import type { AppDeps } from '../deps.ts';
import { rollUps } from './registry.ts';

export async function fillNewRollUps(deps: AppDeps, appliedMigrations: readonly string[]): Promise<string[]> {
  const applied = new Set(appliedMigrations);
  const filled: string[] = [];
  for (const rollUp of rollUps) {
    if (!applied.has(rollUp.createdBy)) continue;
    const { rows } = await rollUp.rebuild(deps);
    deps.logger.info({ rollUp: rollUp.name, rows }, 'roll-up filled after its migration');
    filled.push(rollUp.name);
  }
  return filled;
}
