// What the blueprint editor asks while the organiser types: how many questions each row may draw
// from (counted in SQL), which rows could not be filled and why (the same check that refuses a
// blueprint on save), a sample paper drawn exactly as an exam would draw it, and how many people
// an exam's audience reaches.
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { NotFoundError } from '../errors.ts';
import { authorize } from '../policy.ts';
import { audienceMembers } from '../organizations/audience.ts';
import { drawProblems } from './blueprints.ts';
import { pickFrom, type Candidate } from './draw.ts';
import { candidatePool, poolVersionWhere, type PoolRule } from './pool.ts';
import { statuteNames } from './statute-names.ts';
import { checkNamedPeopleScope } from './audience-scope.ts';
import { versionsOf } from './version-cache.ts';

type DraftRule = PoolRule & { count: number };

async function organizationPathFor(db: Db, actor: Actor, organizationId: number): Promise<string> {
  const organization = await db.organization.findUnique({ where: { id: organizationId }, select: { path: true } });
  if (!organization) throw new NotFoundError('单位不存在或无权访问');
  authorize(actor, 'exam.manage', { organizationPath: organization.path });
  return organization.path;
}

/** Each row's pool size; rows with the same statute × type × difficulty are counted once. */
async function countPools(db: Db, path: string, rules: DraftRule[]): Promise<number[]> {
  const keyOf = (rule: DraftRule) => `${rule.statute ?? ''}|${rule.type}|${rule.difficulty ?? ''}`;
  const distinct = new Map(rules.map((rule) => [keyOf(rule), rule]));
  const counts = new Map(await Promise.all([...distinct].map(async ([key, rule]) => [key, await db.questionVersion.count({ where: poolVersionWhere(path, rule) })] as const)));
  return rules.map((rule) => counts.get(keyOf(rule))!);
}

/** Per row: the questions available to it, and the problem the save would report for it, if any. */
export async function poolCounts(input: { db: Db; actor: Actor; organizationId: number; rules: DraftRule[] }) {
  const { db, rules } = input;
  const path = await organizationPathFor(db, input.actor, input.organizationId);
  const available = await countPools(db, path, rules);
  const problems = await drawProblems(db, path, rules.filter((rule) => rule.count > 0));
  const byRow = new Map<number, string>();
  // drawProblems numbers only the rows it was given; map back past the rows left at 0.
  const counted = rules.map((rule, index) => ({ rule, index })).filter(({ rule }) => rule.count > 0);
  for (const problem of problems) {
    const at = Number(problem.path.split('.').at(-1));
    const row = counted[at]!.index;
    byRow.set(row, problem.message.replace(/^第 \d+ 条规则/, `第 ${row + 1} 行`));
  }
  return {
    rows: rules.map((rule, index) => ({ index, available: available[index]!, requested: rule.count, problem: byRow.get(index) ?? null })),
    totalRequested: rules.reduce((n, rule) => n + rule.count, 0),
    feasible: byRow.size === 0,
  };
}

/** One paper drawn by the rules (no "unseen" preference: no cadre), with each question's shown parts. */
export async function previewPaper(input: { db: Db; actor: Actor; organizationId: number; rules: DraftRule[] }) {
  const { db } = input;
  const path = await organizationPathFor(db, input.actor, input.organizationId);
  const taken = new Set<number>();
  const drawn: Array<Candidate & { rule: number }> = [];
  const shortRows: number[] = [];
  for (const [index, rule] of input.rules.entries()) {
    const picked = pickFrom(await candidatePool(db, path, rule), rule.count, taken, null);
    if (!picked) shortRows.push(index);
    else drawn.push(...picked.map((c) => ({ ...c, rule: index })));
  }
  const versions = await versionsOf(db, drawn.map((c) => c.versionId));
  const statutes = await statuteNames(db, drawn.map((c) => c.statuteId));
  return {
    shortRows,
    items: drawn.map((c, i) => {
      const version = versions.get(c.versionId)!;
      return {
        ordinal: i + 1, rule: c.rule, questionId: c.questionId, type: c.type, stem: version.stem,
        options: (version.options as Array<{ key: string; text: string }> | null) ?? null,
        statute: c.statuteId ? statutes.get(c.statuteId)?.title ?? null : null,
      };
    }),
  };
}

/**
 * How many active cadres an audience reaches now, in total and per listed unit, and how many of
 * them only because they are named. Units outside the actor's scope are a 404 like any unit
 * lookup; named people outside it are refused as POST /api/exams refuses them.
 */
export async function audienceHeadCount(input: { db: Db; actor: Actor; organizationIds: number[]; userIds: number[]; keyMinorityOnly: boolean }) {
  const { db, actor, keyMinorityOnly } = input;
  const units = await db.organization.findMany({ where: { id: { in: input.organizationIds } }, select: { id: true, name: true, path: true } });
  for (const unit of units) authorize(actor, 'exam.manage', { organizationPath: unit.path });
  if (units.length !== new Set(input.organizationIds).size) throw new NotFoundError('单位不存在或无权访问');
  await checkNamedPeopleScope(db, actor, input.userIds, 'body.userIds');
  const reached = (organizationIds: number[], userIds: number[]) =>
    audienceMembers(db, { keyMinorityOnly, audience: [...organizationIds.map((id) => ({ organizationId: id, userId: null })), ...userIds.map((id) => ({ organizationId: null, userId: id }))] });
  const [everyone, throughUnits, byUnit] = await Promise.all([
    reached(input.organizationIds, input.userIds),
    reached(input.organizationIds, []),
    Promise.all(units.map(async (unit) => ({ organizationId: unit.id, name: unit.name, people: (await reached([unit.id], [])).length }))),
  ]);
  return { total: everyone.length, byUnit, namedOnly: everyone.length - throughUnits.length };
}
