// Graded attempts reach the item, exam-day and task roll-ups through a queue, off the submit's
// transaction. Adding each attempt while grading it locked the roll-up rows of its unit and
// questions until its commit, so at an exam's end every submit of a unit waited on the one before
// (starts and submits alone: submit p99 600 → 1,700 ms); now grading inserts one queue row, and an
// applier adds a batch of attempts — their sums per key added up first — and deletes their queue
// rows in one transaction, so each attempt is added exactly once.
//
// When it runs: half a second after a grading commits, gathering what else is graded meanwhile (one
// run at a time per process, looping while rows remain), every minute from the scheduler (a
// process that stopped between the two), and
// before anything reads these roll-ups (reports, a cadre's move, a rebuild), so what they read
// includes every attempt graded before.
//
// Locks: the queued attempts' cadres first, in id order (as every change to what a roll-up counts
// for a cadre does, lock-cadres.ts), then the queue rows again, now locked: another applier that
// took them meanwhile has deleted them, so they are not added twice.
import type { AppDeps } from '../deps.ts';
import type { Db } from '../db/client.ts';
import { placeholders, rawSql, type RawSql } from '../db/raw-sql.ts';
import { perDeps } from '../db/per-db.ts';
import { countExamPass } from '../campaigns/task-rollup.ts';
import { addGradedAttempts, gradedAttemptsOf, isMysql, txSql } from '../stats/item-rollup.ts';
import { addExamDays } from './exam-days.ts';
import { lockCadres } from './lock-cadres.ts';

/** Attempts per applier transaction. */
const BATCH = 500;
const ATTEMPTS = 3;
const RETRY_MS = 1_000;
const RETRIES = 3;
const GATHER_MS = 500;

/** In the grading transaction. */
export async function queueGradedAttempt(sql: Pick<RawSql, 'run'>, attemptId: number): Promise<void> {
  await sql.run('INSERT INTO rollup_queue (attempt_id) VALUES (?)', [attemptId]);
}

type Claimed = { id: number; organizationId: number; submittedAt: Date | string; passed: unknown; score: number | null; maxScore: number };

/**
 * Adds one batch of queued attempts; returns how many. `cadre`: only theirs, counted under the unit
 * given (a move adds them under the unit they are leaving, then moves everything along).
 */
export async function applyQueueBatch(sql: RawSql, mysql: boolean, cadre?: { userId: number; unitId: number }): Promise<number> {
  const userId = cadre?.userId;
  const queued = await sql.rows<{ id: number; userId: number }>(
    `SELECT q.attempt_id AS id, a.user_id AS userId FROM rollup_queue q JOIN attempts a ON a.id = q.attempt_id
     ${userId === undefined ? '' : 'WHERE a.user_id = ?'} ORDER BY q.attempt_id LIMIT ${BATCH}`, userId === undefined ? [] : [userId]);
  if (!queued.length) return 0;
  await lockCadres(sql, queued.map((q) => Number(q.userId)));
  const ids = queued.map((q) => Number(q.id));
  const claimed = await sql.rows<Claimed>(
    `SELECT q.attempt_id AS id, u.organization_id AS organizationId, a.submitted_at AS submittedAt, a.passed, a.score, a.max_score AS maxScore
     FROM rollup_queue q JOIN attempts a ON a.id = q.attempt_id JOIN users u ON u.id = a.user_id
     WHERE q.attempt_id IN (${placeholders(ids.length)}) ${mysql ? 'FOR UPDATE' : ''}`, ids);
  if (!claimed.length) return 0;
  const claimedIds = claimed.map((c) => Number(c.id));
  if (cadre) for (const attempt of claimed) attempt.organizationId = cadre.unitId;
  const unitOf = new Map(claimed.map((c) => [Number(c.id), Number(c.organizationId)]));
  const graded = await gradedAttemptsOf(sql, `a.id IN (${placeholders(claimedIds.length)})`, claimedIds, ({ attemptId }) => unitOf.get(attemptId)!);
  await addGradedAttempts(sql, mysql, graded);
  const figures = claimed.map((c) => ({
    id: Number(c.id), organizationId: Number(c.organizationId), submittedAt: new Date(c.submittedAt), passed: c.passed === null ? null : Boolean(Number(c.passed)),
    score: c.score === null ? null : Number(c.score), maxScore: Number(c.maxScore),
  }));
  await addExamDays(sql, mysql, figures);
  for (const attempt of figures) if (attempt.passed) await countExamPass(sql, attempt.id);
  await sql.run(`DELETE FROM rollup_queue WHERE attempt_id IN (${placeholders(claimedIds.length)})`, claimedIds);
  return claimedIds.length;
}

const isDeadlock = (error: unknown) => {
  const e = error as { code?: string; errno?: number; message?: string };
  return e.code === 'P2034' || e.errno === 1213 || /deadlock/i.test(e.message ?? '');
};

type Transaction = (work: (sql: RawSql, mysql: boolean) => Promise<number>) => Promise<number>;

async function applyAll(transaction: Transaction): Promise<number> {
  let applied = 0;
  for (;;) {
    const added = await transaction((sql, mysql) => applyQueueBatch(sql, mysql));
    applied += added;
    if (added < BATCH) return applied;
  }
}

/** Adds every queued attempt, batch by batch (through Prisma: for readers that hold only the client). */
export async function applyQueuedAttempts(db: Db): Promise<number> {
  // Usually nothing is queued when a report asks: no transaction then.
  if (!(await db.rollupQueue.findFirst({ select: { attemptId: true } }))) return 0;
  return applyAll((work) => withDeadlockRetry(() => db.$transaction((tx) => work(txSql(tx), isMysql(tx)))));
}

async function withDeadlockRetry<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isDeadlock(error) || attempt >= ATTEMPTS) throw error;
    }
  }
}

/**
 * The per-process applier that runs after gradings: one run at a time, again if more came
 * meanwhile; through mysql2 where there is one (Prisma's cost per statement showed in an exam's peak).
 */
class QueueApplier {
  private running: Promise<void> | null = null;
  private again = false;
  private failures = 0;

  constructor(private readonly deps: Pick<AppDeps, 'db' | 'rawMysql'>) {}

  schedule(logger?: AppDeps['logger']): void {
    if (this.running) { this.again = true; return; }
    // A moment's wait gathers the gradings of a busy minute into one batch (reports add what is left first).
    this.running = new Promise<void>((resolve) => setTimeout(resolve, GATHER_MS)).then(() => this.run(logger));
  }

  /** Resolves when the runs scheduled so far are done (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async run(logger?: AppDeps['logger']): Promise<void> {
    try {
      do {
        this.again = false;
        await applyAll((work) => rawSql(this.deps).transaction((sql) => work(sql, this.deps.rawMysql !== null)));
      } while (this.again);
      this.failures = 0;
    } catch (error) {
      // Left queued: a retry, the next grading, the scheduler's minute or a report adds them.
      logger?.warn({ err: error }, 'queued attempts not yet added to the roll-ups');
      if (++this.failures <= RETRIES) setTimeout(() => this.schedule(logger), RETRY_MS * this.failures).unref();
    } finally {
      this.running = null;
    }
  }
}

export const queueApplier = perDeps((deps) => new QueueApplier(deps));
