// The questions an exam of an organisation may draw: active, current versions, from the
// national bank or from the organisation and its ancestors. Pools are cached briefly per
// organisation and rule, because an exam's start peak draws from the same pools thousands of times.
import type { Db, Prisma } from '../db/client.ts';
import { pathIds } from '../policy.ts';
import type { Candidate } from './draw.ts';

export type PoolRule = { statute?: string; type: Candidate['type']; difficulty?: number };

const TTL_MS = 60_000;
const cache = new WeakMap<Db, Map<string, { at: number; pool: Promise<Candidate[]> }>>();

function entriesOf(db: Db) {
  const entries = cache.get(db) ?? new Map<string, { at: number; pool: Promise<Candidate[]> }>();
  cache.set(db, entries);
  return entries;
}

const keyOf = (organizationPath: string, rule: PoolRule) => `${organizationPath}|${rule.statute ?? ''}|${rule.type}|${rule.difficulty ?? ''}`;

/**
 * Reloads a pool in the background and swaps it in when it has loaded, so starts never wait for a
 * reload: the exam warm-up calls it more often than the pool expires.
 */
export async function refreshPool(db: Db, organizationPath: string, rule: PoolRule): Promise<void> {
  const at = Date.now();
  const pool = await loadPool(db, organizationPath, rule);
  entriesOf(db).set(keyOf(organizationPath, rule), { at, pool: Promise.resolve(pool) });
}

export function candidatePool(db: Db, organizationPath: string, rule: PoolRule): Promise<Candidate[]> {
  const key = keyOf(organizationPath, rule);
  const entries = entriesOf(db);
  const hit = entries.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.pool;
  const pool = loadPool(db, organizationPath, rule);
  entries.set(key, { at: Date.now(), pool });
  pool.catch(() => entries.delete(key));
  return pool;
}

/**
 * The current versions one rule may draw, as a filter: the pool itself, and its count for the
 * blueprint editor. Filtered on the versions' own columns (one current version per question), not
 * as "questions having some such version", which SQLite scanned per question (0.3 s a count).
 */
export function poolVersionWhere(organizationPath: string, rule: PoolRule): Prisma.QuestionVersionWhereInput {
  return {
    isCurrent: true, type: rule.type,
    ...(rule.difficulty ? { difficulty: rule.difficulty } : {}),
    ...(rule.statute ? { citations: { some: { statute: { slug: rule.statute } } } } : {}),
    question: { status: 'active', OR: [{ organizationId: null }, { organizationId: { in: pathIds(organizationPath) } }] },
  };
}

/**
 * Two flat reads: a nested select loads each relation with one bound id per parent row, and a
 * large pool (every single-choice question of the bank) exceeded SQLite's parameter limit (500).
 */
async function loadPool(db: Db, organizationPath: string, rule: PoolRule): Promise<Candidate[]> {
  const current = poolVersionWhere(organizationPath, rule);
  const [versions, citations] = await Promise.all([
    db.questionVersion.findMany({ where: current, select: { id: true, questionId: true, type: true, options: true }, orderBy: { questionId: 'asc' } }),
    db.questionCitation.findMany({ where: { version: current }, select: { versionId: true, statuteId: true }, orderBy: [{ versionId: 'asc' }, { ordinal: 'asc' }] }),
  ]);
  const firstCitation = new Map<number, { statuteId: number }>();
  for (const citation of citations) if (!firstCitation.has(citation.versionId)) firstCitation.set(citation.versionId, citation);
  return versions.map((version) => candidateOf(version.questionId, { ...version, citations: firstCitation.has(version.id) ? [firstCitation.get(version.id)!] : [] }));
}

export function candidateOf(questionId: number, version: { id: number; type: Candidate['type']; options: unknown; citations: Array<{ statuteId: number }> }): Candidate {
  return {
    questionId, versionId: version.id, type: version.type, statuteId: version.citations[0]?.statuteId ?? null,
    optionKeys: ((version.options as Array<{ key: string }> | null) ?? []).map((o) => o.key),
  };
}

/** Fixed papers: the listed questions' current versions, in order; ids not drawable are reported. */
export async function fixedCandidates(db: Db, organizationPath: string, questionIds: number[]): Promise<{ candidates: Candidate[]; missing: number[] }> {
  const rows = await db.question.findMany({
    where: { id: { in: questionIds }, status: 'active', OR: [{ organizationId: null }, { organizationId: { in: pathIds(organizationPath) } }] },
    select: { id: true, versions: { where: { isCurrent: true }, select: { id: true, type: true, options: true, citations: { select: { statuteId: true }, orderBy: { ordinal: 'asc' }, take: 1 } } } },
  });
  const byId = new Map(rows.map((row) => [row.id, candidateOf(row.id, row.versions[0]!)]));
  return { candidates: questionIds.flatMap((id) => byId.get(id) ?? []), missing: questionIds.filter((id) => !byId.has(id)) };
}
