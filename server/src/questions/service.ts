// Browsing, reviewing and editing questions. Everything goes through the visibility filter
// of the policy; changing a question needs question.manage over its owner.
import type { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/service.ts';
import { QuestionSchema } from '../bank/question-format.ts';
import type { Db } from '../db/client.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import type { RequestMeta } from '../http/route.ts';
import { pageWindow, type PageInput } from '../http/schemas.ts';
import { authorizeQuestionChange, hasPermission, questionVisibilityWhere } from '../policy.ts';
import { contentHash } from './content.ts';
import { presentFull, presentPublic, presentVersion } from './present.ts';
import { questionInclude, questionWhere, versionInclude, type QuestionFilterInput } from './queries.ts';
import type { QuestionEditBody } from './schemas.ts';
import { insertVersions } from './store.ts';

/** Cadres only ever see questions in use; reviewers may filter by any status. */
function statusFilter(actor: Actor, status: QuestionFilterInput['status']) {
  if (status && status !== 'active' && !hasPermission(actor, 'question.review')) throw new ForbiddenError('只有审核人员可以查看待复核或停用的题目');
  return status ?? 'active';
}

export async function listQuestions(input: { db: Db; actor: Actor; page: PageInput; filter: QuestionFilterInput }) {
  const where = await questionWhere(input.db, input.actor, input.filter, statusFilter(input.actor, input.filter.status));
  const [rows, total] = await Promise.all([
    input.db.question.findMany({ where, include: questionInclude, orderBy: { id: 'asc' }, ...pageWindow(input.page) }),
    input.db.question.count({ where }),
  ]);
  return { items: rows.map(presentPublic), total, ...input.page };
}

async function visibleQuestionOrThrow(db: Db, actor: Actor, id: number) {
  const question = await db.question.findFirst({ where: { id, ...questionVisibilityWhere(actor) }, include: questionInclude });
  if (!question) throw new NotFoundError('题目不存在或无权访问');
  return question;
}

export async function getQuestion(db: Db, actor: Actor, id: number) {
  const question = await visibleQuestionOrThrow(db, actor, id);
  if (question.status !== 'active' && !hasPermission(actor, 'question.review')) throw new NotFoundError('题目不存在或无权访问');
  return presentPublic(question);
}

export async function getQuestionFull(db: Db, actor: Actor, id: number) {
  return presentFull(await visibleQuestionOrThrow(db, actor, id));
}

export async function listVersions(db: Db, actor: Actor, id: number) {
  const question = await visibleQuestionOrThrow(db, actor, id);
  const versions = await db.questionVersion.findMany({
    where: { questionId: id }, include: { ...versionInclude, createdBy: { select: { id: true, name: true } } }, orderBy: { version: 'desc' },
  });
  return versions.map((version) => presentVersion(question.externalId, version));
}

/** Validates new content as a whole interchange question, citations included, with field paths. */
export async function validContent(db: Db, externalId: string, body: z.output<typeof QuestionEditBody>) {
  const parsed = QuestionSchema.safeParse({ ...body, id: externalId });
  const details: Array<{ path: string; code: string; message: string }> = parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: ['body', ...issue.path].join('.'), code: issue.code, message: issue.message }));
  for (const [index, citation] of body.citations.entries()) {
    const exists = await db.article.findFirst({ where: { number: citation.article, revision: { isCurrent: true, statute: { slug: citation.law } } }, select: { id: true } });
    if (exists) continue;
    const statute = await db.statute.findUnique({ where: { slug: citation.law }, select: { title: true } });
    const message = statute ? `未找到所引条文：《${statute.title}》现行文本没有第 ${citation.article} 条` : `未收录所引法规 ${citation.law}`;
    details.push({ path: `body.citations.${index}`, code: 'unknown_article', message });
  }
  if (!parsed.success || details.length) throw new ValidationError('题目内容不正确', details);
  return parsed.data;
}

export async function updateQuestion(input: { db: Db; actor: Actor; meta: RequestMeta; id: number; body: z.output<typeof QuestionEditBody> }) {
  const { db, actor, id } = input;
  const question = await visibleQuestionOrThrow(db, actor, id);
  authorizeQuestionChange(actor, question);
  const content = await validContent(db, question.externalId, input.body);
  const current = question.versions[0]!;
  if (contentHash(content) === current.contentHash) return presentFull(question);
  const statuteIds = new Map((await db.statute.findMany({ select: { id: true, slug: true } })).map((s) => [s.slug, s.id]));
  await db.$transaction(async (tx) => {
    // The compare-and-set on the current version makes two concurrent edits a conflict, not two "current" versions.
    const superseded = await tx.questionVersion.updateMany({ where: { id: current.id, isCurrent: true }, data: { isCurrent: false } });
    if (!superseded.count) throw new ValidationError('题目已被他人修改，请刷新后重试');
    await insertVersions(tx, [{ question: content, questionId: id, version: current.version + 1, hash: contentHash(content) }], actor.userId, statuteIds);
    await tx.question.update({ where: { id }, data: { status: 'active', reviewNote: null } });
    await recordAudit(tx, {
      actorId: actor.userId, action: 'question.edit', subjectType: 'question', subjectId: id, organizationId: question.organizationId, meta: input.meta,
      details: { externalId: question.externalId, version: current.version + 1 },
    });
  });
  return getQuestionFull(db, actor, id);
}

export async function reviewQuestion(input: { db: Db; actor: Actor; meta: RequestMeta; id: number; decision: 'keep' | 'retire' | 'restore' }) {
  const { db, actor, id, decision } = input;
  const question = await visibleQuestionOrThrow(db, actor, id);
  authorizeQuestionChange(actor, question);
  const allowed = { keep: ['needs_review'], retire: ['active', 'needs_review'], restore: ['retired'] }[decision];
  if (!allowed.includes(question.status)) throw new ValidationError(`题目当前状态不能执行该操作`);
  await db.$transaction(async (tx) => {
    await tx.question.update({ where: { id }, data: { status: decision === 'retire' ? 'retired' : 'active', reviewNote: null } });
    await recordAudit(tx, { actorId: actor.userId, action: `question.${decision}`, subjectType: 'question', subjectId: id, organizationId: question.organizationId, meta: input.meta, details: { reviewNote: question.reviewNote } });
  });
  return getQuestionFull(db, actor, id);
}
