// The opening minute of an exam: thousands of cadres press 开始 at once, and the first of them
// used to pay for every cold cache (the exam, its paper pools, the question versions a paper
// shows). Each process warms them itself, shortly before an exam opens and while it is open, so
// the first start costs what the thousandth does. Pools are refreshed ahead of their expiry.
import type { AppDeps } from '../deps.ts';
import type { Candidate } from './draw.ts';
import { examDefinition } from './exam-definition.ts';
import { candidatePool, fixedCandidates, refreshPool, type PoolRule } from './pool.ts';
import { versionsOf } from './version-cache.ts';

/** Exams opening within this time, or open now, are kept warm. */
export const WARM_AHEAD_MS = 2 * 60_000;
const EVERY_MS = 20_000;

/** The exams a start may soon ask for: opening within WARM_AHEAD_MS, or open and not closed. */
async function examsToWarm(deps: Pick<AppDeps, 'db'>, now: Date): Promise<number[]> {
  const rows = await deps.db.exam.findMany({
    where: { opensAt: { lte: new Date(now.getTime() + WARM_AHEAD_MS) }, closesAt: { gt: now } },
    select: { id: true }, orderBy: { opensAt: 'desc' }, take: 50,
  });
  return rows.map((row) => row.id);
}

/** Loads one exam's definition, its pools (fresh ones) and every question version they may draw. */
export async function warmExam(deps: Pick<AppDeps, 'db'>, examId: number): Promise<number> {
  const exam = await examDefinition(deps.db, examId);
  if (!exam) return 0;
  const path = exam.organization.path;
  let candidates: Candidate[];
  if (exam.blueprint.kind === 'fixed') {
    candidates = (await fixedCandidates(deps.db, path, exam.blueprint.fixedQuestionIds as number[])).candidates;
  } else {
    const rules = exam.blueprint.rules as PoolRule[];
    await Promise.all(rules.map((rule) => refreshPool(deps.db, path, rule)));
    candidates = (await Promise.all(rules.map((rule) => candidatePool(deps.db, path, rule)))).flat();
  }
  await versionsOf(deps.db, candidates.map((candidate) => candidate.versionId));
  return candidates.length;
}

/** Warms every exam opening soon or open; returns their ids. */
export async function warmUpcomingExams(deps: Pick<AppDeps, 'db' | 'clock'>): Promise<number[]> {
  const ids = await examsToWarm(deps, deps.clock.now());
  for (const id of ids) await warmExam(deps, id);
  return ids;
}

/** Keeps this process's exam caches warm; stop() ends it. */
export function startExamWarmer(deps: Pick<AppDeps, 'db' | 'clock' | 'logger'>): { stop(): void } {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try { await warmUpcomingExams(deps); } catch (error) { deps.logger.warn({ err: error }, 'exam warm-up failed'); } finally { running = false; }
  };
  const timer = setInterval(tick, EVERY_MS);
  timer.unref();
  void tick();
  return { stop: () => clearInterval(timer) };
}
