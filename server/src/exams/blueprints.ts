// Paper blueprints: created by organisers for their organisation, checked against the question
// pool at creation so that an exam never opens with a paper that cannot be drawn.
import type { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/service.ts';
import type { Db } from '../db/client.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { RequestMeta } from '../http/route.ts';
import { pageWindow, type PageInput } from '../http/schemas.ts';
import { authorize, organizationScopeWhere } from '../policy.ts';
import { pickFrom, type Candidate } from './draw.ts';
import { candidatePool, fixedCandidates } from './pool.ts';
import type { BlueprintRule, CreateBlueprintBody } from './schemas.ts';

type Rule = z.output<typeof BlueprintRule>;
export type PointsByType = Record<Candidate['type'], number>;
type BlueprintRow = NonNullable<Awaited<ReturnType<Db['paperBlueprint']['findUnique']>>>;

/** Draws once without any "seen" preference, to prove every rule can be met; lists the rules that cannot. */
export async function drawProblems(db: Db, organizationPath: string, rules: Rule[]): Promise<Array<{ path: string; code: string; message: string }>> {
  const taken = new Set<number>();
  const problems = [];
  for (const [index, rule] of rules.entries()) {
    const pool = await candidatePool(db, organizationPath, rule);
    if (!pickFrom(pool, rule.count, taken, null)) {
      const available = pool.filter((c) => !taken.has(c.questionId)).length;
      problems.push({ path: `body.rules.${index}`, code: 'pool_too_small', message: `第 ${index + 1} 条规则要求 ${rule.count} 道，可用题目只有 ${available} 道` });
    }
  }
  return problems;
}

export async function createBlueprint(input: { db: Db; actor: Actor; meta: RequestMeta; body: z.output<typeof CreateBlueprintBody> }) {
  const { db, actor, body } = input;
  const organization = await db.organization.findUnique({ where: { id: body.organizationId } });
  if (!organization) throw new NotFoundError('单位不存在或无权访问');
  authorize(actor, 'exam.manage', { organizationPath: organization.path });
  let types: Candidate['type'][];
  if (body.kind === 'random') {
    const problems = await drawProblems(db, organization.path, body.rules);
    if (problems.length) throw new ValidationError('题库中符合条件的题目不足，无法按此组卷', problems);
    types = body.rules.flatMap((rule) => Array<Candidate['type']>(rule.count).fill(rule.type));
  } else {
    const { candidates, missing } = await fixedCandidates(db, organization.path, body.fixedQuestionIds!);
    if (missing.length) throw new ValidationError('部分题目不存在、已停用或不在本单位可用范围内', missing.map((id) => ({ path: 'body.fixedQuestionIds', code: 'unknown_question', message: `题目 ${id} 不可用` })));
    types = candidates.map((c) => c.type);
  }
  const maxScore = types.reduce((sum, type) => sum + body.points[type], 0);
  if (body.passMark > maxScore) throw new ValidationError('及格分不能高于满分', [{ path: 'body.passMark', code: 'too_big', message: `满分为 ${maxScore}` }]);
  const blueprint = await db.paperBlueprint.create({
    data: {
      organizationId: organization.id, name: body.name, kind: body.kind, rules: body.kind === 'random' ? body.rules : [],
      fixedQuestionIds: body.kind === 'fixed' ? body.fixedQuestionIds : undefined, points: body.points, partialCredit: body.partialCredit,
      passMark: body.passMark, timeLimitMinutes: body.timeLimitMinutes, shuffleQuestions: body.shuffleQuestions,
      shuffleOptions: body.shuffleOptions, preferUnseen: body.preferUnseen, createdById: actor.userId,
    },
  });
  await recordAudit(db, { actorId: actor.userId, action: 'blueprint.create', subjectType: 'blueprint', subjectId: blueprint.id, organizationId: organization.id, meta: input.meta });
  return presentBlueprint(db, blueprint);
}

/** Question count and full marks: from the rules, or from the fixed questions' types. */
export async function paperShape(db: Db, blueprint: BlueprintRow): Promise<{ questionCount: number; maxScore: number }> {
  const points = blueprint.points as PointsByType;
  if (blueprint.kind === 'random') {
    const rules = blueprint.rules as Rule[];
    return { questionCount: rules.reduce((n, r) => n + r.count, 0), maxScore: rules.reduce((sum, r) => sum + r.count * points[r.type], 0) };
  }
  const ids = blueprint.fixedQuestionIds as number[];
  const versions = await db.questionVersion.findMany({ where: { questionId: { in: ids }, isCurrent: true }, select: { type: true } });
  return { questionCount: ids.length, maxScore: versions.reduce((sum, v) => sum + points[v.type], 0) };
}

export async function presentBlueprint(db: Db, blueprint: BlueprintRow) {
  return {
    ...blueprint, rules: blueprint.rules as Rule[], fixedQuestionIds: (blueprint.fixedQuestionIds as number[] | null) ?? null,
    points: blueprint.points as PointsByType, createdAt: blueprint.createdAt.toISOString(), ...(await paperShape(db, blueprint)),
  };
}

async function blueprintWhere(db: Db, actor: Actor) {
  const organizations = await db.organization.findMany({ where: organizationScopeWhere(actor, 'exam.manage'), select: { id: true } });
  return { organizationId: { in: organizations.map((o) => o.id) } };
}

export async function listBlueprints(db: Db, actor: Actor, page: PageInput) {
  const where = await blueprintWhere(db, actor);
  const [rows, total] = await Promise.all([
    db.paperBlueprint.findMany({ where, orderBy: { id: 'desc' }, ...pageWindow(page) }),
    db.paperBlueprint.count({ where }),
  ]);
  return { items: await Promise.all(rows.map((row) => presentBlueprint(db, row))), total, ...page };
}

export async function blueprintOrThrow(db: Db, actor: Actor, id: number) {
  const blueprint = await db.paperBlueprint.findFirst({ where: { id, ...(await blueprintWhere(db, actor)) } });
  if (!blueprint) throw new NotFoundError('试卷方案不存在或无权访问');
  return blueprint;
}
