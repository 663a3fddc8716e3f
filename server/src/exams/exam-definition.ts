// An exam never changes once published: its window, blueprint and audience are fixed (overrides
// and make-ups are rows of their own). So what starts, submits and results need of it is cached
// per process and read once, even when thousands of cadres open it in the same minute.
import type { Db, Prisma } from '../db/client.ts';
import { perDb } from '../db/per-db.ts';

export const examInclude = { blueprint: true, audience: true, organization: { select: { path: true } } } as const;
export type ExamDefinition = Prisma.ExamGetPayload<{ include: typeof examInclude }>;

const MAX_EXAMS = 1_000;
const cacheOf = perDb(() => new Map<number, Promise<ExamDefinition | null>>());

export function examDefinition(db: Db, id: number): Promise<ExamDefinition | null> {
  const cache = cacheOf(db);
  const hit = cache.get(id);
  if (hit) return hit;
  const loading = db.exam.findUnique({ where: { id }, include: examInclude });
  if (cache.size >= MAX_EXAMS) cache.delete(cache.keys().next().value!);
  cache.set(id, loading);
  // An exam not there (yet) or a failed read is not remembered.
  loading.then((exam) => { if (!exam) cache.delete(id); }, () => cache.delete(id));
  return loading;
}
