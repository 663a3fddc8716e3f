// The task roll-up (task_rollups): per requirement, period, unit and deadline, how many tasks there
// are and how many are done — what completion, circulars and the dashboard read instead of judging
// every task from its evidence. Only 'done' is rolled up: it alone does not depend on the clock
// (evaluate.ts decides it before any deadline), so the counts never go stale as time passes.
//
// Each task row records the count it is in (counted_organization_id, counted_due_at,
// counted_done). A change re-judges the tasks it may affect with the same evaluator the cadre's
// task list uses, and moves each task whose count differs by a conditional update of those
// columns from the values read: a move is applied once or the transaction fails, never twice.
// Changes lock the cadres' user rows first (the lock the study roll-up takes too,
// rollups/study-days.ts), so a judgement always sees the evidence an earlier change committed.
import type { AppDeps } from '../deps.ts';
import { Prisma, type Db, type Tx } from '../db/client.ts';
import { placeholders, type RawSql } from '../db/raw-sql.ts';
import { lockCadres } from '../rollups/lock-cadres.ts';
import { evaluateTasks, type TaskForEvaluation } from './evaluate.ts';
import type { Period } from './periods.ts';

/** 'Done' is the same at any instant; the evaluator still wants one. */
const ANY_TIME = new Date(0);
/** Cadres per transaction when tasks are created or the roll-up rebuilt. */
const BATCH = 500;
/** Ids bound in one statement, well under SQLite's 32,766 parameters. */
const IDS_PER_STATEMENT = 5_000;

type Count = { organizationId: number; dueAt: Date; done: boolean };
type Bucket = { requirementId: number; periodKey: string; organizationId: number; dueAt: Date; opensAt: Date };

const taskSelect = {
  id: true, userId: true, periodKey: true, opensAt: true, dueAt: true, examId: true, heldTo: true,
  countedOrganizationId: true, countedDueAt: true, countedDone: true,
  requirement: { select: { id: true, kind: true, params: true } }, user: { select: { organizationId: true } },
} as const;
type TaskRow = Prisma.TaskInstanceGetPayload<{ select: typeof taskSelect }>;

/** Changes to the counts, summed per bucket before they are written. */
class Moves {
  private readonly byBucket = new Map<string, Bucket & { tasks: number; done: number }>();

  add(bucket: Bucket, tasks: number, done: number): void {
    const key = `${bucket.requirementId}|${bucket.periodKey}|${bucket.organizationId}|${bucket.dueAt.getTime()}`;
    const entry = this.byBucket.get(key) ?? { ...bucket, tasks: 0, done: 0 };
    entry.tasks += tasks;
    entry.done += done;
    this.byBucket.set(key, entry);
  }

  /** Buckets in key order, so two transactions never wait on each other's rows in a cycle. */
  async write(tx: Tx): Promise<void> {
    const entries = [...this.byBucket.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, entry]) => entry);
    for (const { opensAt, tasks, done, ...key } of entries) {
      if (!tasks && !done) continue;
      await addToBucket(tx, key, opensAt, tasks, done);
      if (tasks < 0) await tx.taskRollup.deleteMany({ where: { ...key, tasks: 0 } });
    }
  }
}

async function addToBucket(tx: Tx, key: Omit<Bucket, 'opensAt'>, opensAt: Date, tasks: number, done: number): Promise<void> {
  const data = { tasks: { increment: tasks }, done: { increment: done } };
  if ((await tx.taskRollup.updateMany({ where: key, data })).count) return;
  try {
    await tx.taskRollup.create({ data: { ...key, opensAt, tasks, done } });
  } catch (error) {
    // Another cadre's transaction created the bucket first: add to it.
    if ((error as { code?: string }).code !== 'P2002') throw error;
    await tx.taskRollup.updateMany({ where: key, data });
  }
}

const bucketOf = (task: { requirement: { id: number }; periodKey: string; opensAt: Date }, count: Pick<Count, 'organizationId' | 'dueAt'>): Bucket =>
  ({ requirementId: task.requirement.id, periodKey: task.periodKey, organizationId: count.organizationId, dueAt: count.dueAt, opensAt: task.opensAt });

/**
 * Re-judges the tasks matching `which` and moves each whose count changed. Run it in the
 * transaction of the change, after locking the cadres concerned (lockCadres).
 */
export async function recountTasks(tx: Tx, which: Prisma.TaskInstanceWhereInput): Promise<void> {
  const tasks = await tx.taskInstance.findMany({ where: which, select: taskSelect });
  if (!tasks.length) return;
  const evaluations = await evaluateTasks(tx as unknown as Db, tasks, ANY_TIME);
  const moves = new Moves();
  for (const task of tasks) {
    const target: Count = { organizationId: task.user.organizationId, dueAt: task.dueAt, done: evaluations.get(task.id)!.state === 'done' };
    if (isCountedAs(task, target)) continue;
    await moveTask(tx, task, target);
    if (task.countedOrganizationId !== null && task.countedDueAt !== null) {
      moves.add(bucketOf(task, { organizationId: task.countedOrganizationId, dueAt: task.countedDueAt }), -1, task.countedDone ? -1 : 0);
    }
    moves.add(bucketOf(task, target), 1, target.done ? 1 : 0);
  }
  await moves.write(tx);
}

function isCountedAs(task: TaskRow, count: Count): boolean {
  return task.countedOrganizationId === count.organizationId && task.countedDueAt?.getTime() === count.dueAt.getTime() && task.countedDone === count.done;
}

async function moveTask(tx: Tx, task: TaskRow, target: Count): Promise<void> {
  const moved = await tx.taskInstance.updateMany({
    where: { id: task.id, countedOrganizationId: task.countedOrganizationId, countedDueAt: task.countedDueAt, countedDone: task.countedDone },
    data: { countedOrganizationId: target.organizationId, countedDueAt: target.dueAt, countedDone: target.done },
  });
  // Only a change that skipped lockCadres can meet a task counted meanwhile: fail rather than count twice.
  if (moved.count !== 1) throw new Error(`task ${task.id} was recounted by another transaction; lock its cadre first`);
}

/**
 * Runs a change to tasks' evidence in one transaction with the roll-up: the cadres are locked, the
 * change writes, and their tasks matching `which` are re-judged.
 */
export async function changeTasks<T>(db: Db, userIds: number[], which: Prisma.TaskInstanceWhereInput, change: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await lockCadres(tx, userIds);
    const result = await change(tx);
    await recountTasks(tx, { AND: [{ userId: { in: userIds } }, which] });
    return result;
  });
}

/**
 * Deletes tasks and takes them out of their counts, in the caller's transaction. Each row goes by a
 * conditional delete on the count read, so a task recounted meanwhile fails the transaction
 * instead of leaving its count behind.
 */
export async function deleteCountedTasks(tx: Tx, ids: number[]): Promise<void> {
  const tasks = await tx.taskInstance.findMany({ where: { id: { in: ids } }, select: taskSelect });
  const moves = new Moves();
  for (const task of tasks) {
    const gone = await tx.taskInstance.deleteMany({ where: { id: task.id, countedOrganizationId: task.countedOrganizationId, countedDueAt: task.countedDueAt, countedDone: task.countedDone } });
    if (gone.count !== 1) throw new Error(`task ${task.id} was recounted by another transaction while being deleted`);
    if (task.countedOrganizationId !== null && task.countedDueAt !== null) {
      moves.add(bucketOf(task, { organizationId: task.countedOrganizationId, dueAt: task.countedDueAt }), -1, task.countedDone ? -1 : 0);
    }
  }
  await moves.write(tx);
}

/**
 * Re-judges many cadres' tasks (after a campaign's terms or dates changed), a batch of cadres per
 * transaction with their locks; a county's campaign does not fit in one transaction's time.
 */
export async function recountTasksInBatches(db: Db, which: Prisma.TaskInstanceWhereInput): Promise<void> {
  const userIds = (await db.taskInstance.groupBy({ by: ['userId'], where: which, orderBy: { userId: 'asc' } })).map((row) => row.userId);
  for (let i = 0; i < userIds.length; i += BATCH) {
    const batch = userIds.slice(i, i + BATCH);
    await db.$transaction(async (tx) => {
      await lockCadres(tx, batch);
      await recountTasks(tx, { AND: [which, { userId: { in: batch } }] });
    }, { timeout: 120_000 });
  }
}

/** A cadre's study (学) and 会前学法 tasks: their credit and attendance count towards these. */
export const studyTasksOf = (userId: number): Prisma.TaskInstanceWhereInput => ({ userId, requirement: { kind: { in: ['study', 'meeting'] } } });

export type NewTasks = { requirement: TaskForEvaluation['requirement']; period: Period; examId: number | null; userIds: number[] };
export type CreatedTask = { id: number; userId: number; requirementId: number; dueAt: Date };

/**
 * Creates a period's tasks for these cadres, each already counted: per batch, one transaction locks
 * the cadres, skips those whose task another process made meanwhile, judges and creates the rest.
 */
export async function createCountedTasks(db: Db, tasks: NewTasks): Promise<CreatedTask[]> {
  const { requirement, period, examId } = tasks;
  const created: CreatedTask[] = [];
  for (let i = 0; i < tasks.userIds.length; i += BATCH) {
    const batch = tasks.userIds.slice(i, i + BATCH);
    created.push(...await db.$transaction(async (tx) => {
      await lockCadres(tx, batch);
      const existing = new Set((await tx.taskInstance.findMany({ where: { requirementId: requirement.id, periodKey: period.key, userId: { in: batch } }, select: { userId: true } })).map((t) => t.userId));
      const people = await tx.user.findMany({ where: { id: { in: batch.filter((id) => !existing.has(id)) } }, select: { id: true, organizationId: true } });
      if (!people.length) return [];
      // Judged before they exist: ids are placeholders, the evidence is the cadres' own.
      const drafts = people.map((person, index) => ({ id: -1 - index, userId: person.id, periodKey: period.key, opensAt: period.opensAt, dueAt: period.dueAt, examId, requirement }));
      const evaluations = await evaluateTasks(tx as unknown as Db, drafts, ANY_TIME);
      const moves = new Moves();
      await tx.taskInstance.createMany({
        data: drafts.map((draft, index) => {
          const count: Count = { organizationId: people[index]!.organizationId, dueAt: period.dueAt, done: evaluations.get(draft.id)!.state === 'done' };
          moves.add(bucketOf(draft, count), 1, count.done ? 1 : 0);
          return { requirementId: requirement.id, userId: draft.userId, periodKey: period.key, opensAt: period.opensAt, dueAt: period.dueAt, examId, countedOrganizationId: count.organizationId, countedDueAt: count.dueAt, countedDone: count.done };
        }),
      });
      await moves.write(tx);
      const rows = await tx.taskInstance.findMany({ where: { requirementId: requirement.id, periodKey: period.key, userId: { in: people.map((p) => p.id) } }, select: { id: true, userId: true, dueAt: true } });
      return rows.map((row) => ({ ...row, requirementId: requirement.id }));
    }));
  }
  return created;
}

/**
 * A passed attempt makes the sitter's tasks of its exam done (whatever else they hold: evaluate.ts
 * needs one pass of the period's exam). Raw SQL, when the graded attempt is added to the roll-ups
 * (rollups/attempt-queue.ts), under the sitter's lock; each task moves once.
 */
export async function countExamPass(sql: RawSql, attemptId: number): Promise<void> {
  const tasks = await sql.rows<{ id: number }>(
    'SELECT t.id FROM task_instances t JOIN attempts a ON a.user_id = t.user_id AND a.exam_id = t.exam_id WHERE a.id = ? AND t.counted_done = ?', [attemptId, false]);
  for (const { id } of tasks) {
    if (await sql.run('UPDATE task_instances SET counted_done = ? WHERE id = ? AND counted_done = ?', [true, id, false]) !== 1) continue;
    await sql.run(`UPDATE task_rollups SET done = done + 1 WHERE (requirement_id, period_key, organization_id, due_at) =
      (SELECT requirement_id, period_key, counted_organization_id, counted_due_at FROM task_instances WHERE id = ?)`, [id]);
  }
}

/**
 * The read side of completion and circulars: each unit's tasks and done of a requirement's period,
 * summed over deadlines, for the organisations given.
 */
export async function countsByOrganization(db: Db, requirementId: number, periodKey: string, organizationIds: number[]): Promise<Map<number, { people: number; done: number }>> {
  const rows = await db.taskRollup.groupBy({
    by: ['organizationId'], where: { requirementId, periodKey, organizationId: { in: organizationIds } }, _sum: { tasks: true, done: true },
  });
  return new Map(rows.map((row) => [row.organizationId, { people: row._sum.tasks ?? 0, done: row._sum.done ?? 0 }]));
}

/** The period of a requirement opened last, from the roll-up (null before its first tasks). */
export async function latestPeriodKey(db: Db, requirementId: number): Promise<string | null> {
  const latest = await db.taskRollup.findFirst({ where: { requirementId }, orderBy: { opensAt: 'desc' }, select: { periodKey: true } });
  return latest?.periodKey ?? null;
}

/**
 * Recomputes the roll-up from the raw rows: every task judged again (a batch of cadres per
 * transaction, each batch's counts written to its task rows), then the counts summed from the
 * task rows in one statement that replaces the table.
 */
export async function rebuildTaskRollup(deps: Pick<AppDeps, 'db'>): Promise<{ rows: number }> {
  const { db } = deps;
  const userIds = (await db.taskInstance.groupBy({ by: ['userId'], orderBy: { userId: 'asc' } })).map((row) => row.userId);
  for (let i = 0; i < userIds.length; i += BATCH) {
    const batch = userIds.slice(i, i + BATCH);
    await db.$transaction(async (tx) => {
      await lockCadres(tx, batch);
      const tasks = await tx.taskInstance.findMany({ where: { userId: { in: batch } }, select: taskSelect });
      const evaluations = await evaluateTasks(tx as unknown as Db, tasks, ANY_TIME);
      for (const done of [true, false]) {
        for (const [organizationId, group] of groupByOrganization(tasks.filter((t) => (evaluations.get(t.id)!.state === 'done') === done))) {
          for (let j = 0; j < group.length; j += IDS_PER_STATEMENT) {
            const ids = group.slice(j, j + IDS_PER_STATEMENT).map((t) => t.id);
            await tx.$executeRawUnsafe(`UPDATE task_instances SET counted_organization_id = ?, counted_due_at = due_at, counted_done = ? WHERE id IN (${placeholders(ids.length)})`,
              organizationId, done, ...ids);
          }
        }
      }
    }, { timeout: 120_000 });
  }
  return db.$transaction(async (tx) => {
    await tx.taskRollup.deleteMany();
    const rows = await tx.$executeRawUnsafe(`INSERT INTO task_rollups (requirement_id, period_key, organization_id, due_at, opens_at, tasks, done)
      SELECT requirement_id, period_key, counted_organization_id, counted_due_at, MIN(opens_at), COUNT(*), SUM(CASE WHEN counted_done THEN 1 ELSE 0 END)
      FROM task_instances WHERE counted_organization_id IS NOT NULL
      GROUP BY requirement_id, period_key, counted_organization_id, counted_due_at`);
    return { rows };
  }, { timeout: 120_000 });
}

function groupByOrganization(tasks: TaskRow[]): Map<number, TaskRow[]> {
  const groups = new Map<number, TaskRow[]>();
  for (const task of tasks) groups.set(task.user.organizationId, [...(groups.get(task.user.organizationId) ?? []), task]);
  return groups;
}
