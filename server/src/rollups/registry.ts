// Every roll-up the reports read, by name. Each is kept current incrementally by the code that
// changes its source rows; `rebuild` recomputes it from the raw rows (after a migration, a restore,
// or to prove agreement), replacing what was there (each roll-up says in which transactions).
import type { AppDeps } from '../deps.ts';
import { rebuildTaskRollup } from '../campaigns/task-rollup.ts';
import { rebuildItemRollup } from '../stats/item-rollup.ts';
import { rebuildExamDays } from './exam-days.ts';
import { rebuildStudyDays } from './study-days.ts';
import { applyQueuedAttempts } from './attempt-queue.ts';

export type RollUp = {
  name: string;
  /** What it summarises, for the command's output (Chinese). */
  description: string;
  /** The migration that creates its tables: whoever applies it fills the roll-up right after. */
  createdBy: string;
  rebuild(deps: AppDeps): Promise<{ rows: number }>;
};

/**
 * Graded attempts still queued are added to all three attempt roll-ups first: a rebuild counts
 * every graded attempt, and one left queued would be added again afterwards.
 */
const afterQueue = (rebuild: RollUp['rebuild']): RollUp['rebuild'] => async (deps) => {
  await applyQueuedAttempts(deps.db);
  return rebuild(deps);
};

export const rollUps: RollUp[] = [
  { name: 'tasks', createdBy: '20261205020000_task_and_item_rollups', description: '学法活动任务：每项要求每期每单位的任务数与已完成数', rebuild: afterQueue(rebuildTaskRollup) },
  { name: 'items', createdBy: '20261205020000_task_and_item_rollups', description: '试题分析：每题（版本）每场考试每单位的作答数、得分与选项计数', rebuild: afterQueue(rebuildItemRollup) },
  { name: 'exam-days', createdBy: '20261205020000_task_and_item_rollups', description: '考试：每单位每日（北京时间）交卷的份数、及格数与得分', rebuild: afterQueue(rebuildExamDays) },
  { name: 'study-days', createdBy: '20261205010000_study_day_rollups', description: '每人每日（北京时间）的学时、学习次数、在线确认、异常标记与线下活动', rebuild: rebuildStudyDays },
];
