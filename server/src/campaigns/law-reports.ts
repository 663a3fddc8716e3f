// 述法: each cadre writes (or uploads) the annual report on performing their rule-of-law duties
// before the deadline; reviewers score it against the requirement's rubric or return it for
// revision, and the cadre resubmits. One row per (requirement, person, period) keeps its history
// in the audit log and its revision count.
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/service.ts';
import { Prisma, type Db } from '../db/client.ts';
import { AppError, NotFoundError, ValidationError } from '../errors.ts';
import type { RequestMeta, UploadedFile } from '../http/route.ts';
import { pageWindow, type PageInput } from '../http/schemas.ts';
import type { FileStore } from '../files/store.ts';
import { downloadOf } from '../files/download.ts';
import { authorize, organizationScopeWhere } from '../policy.ts';
import type { HeldTerms } from './evaluate.ts';
import { canView } from './lectures.ts';
import { changeTasks } from './task-rollup.ts';

type Rubric = Array<{ name: string; maxScore: number }>;
const reportSelect = {
  id: true, requirementId: true, userId: true, periodKey: true, content: true, attachmentName: true, status: true, revision: true, submittedAt: true,
  returnNote: true, scores: true, totalScore: true, reviewedAt: true,
  requirement: { select: { title: true, params: true, campaign: { select: { id: true, name: true } } } },
  user: { select: { name: true, organizationId: true, organization: { select: { name: true, path: true } } } },
} as const;
type ReportRow = NonNullable<Awaited<ReturnType<typeof findReport>>>;
const findReport = (db: Db, id: number) => db.lawReport.findUnique({ where: { id }, select: reportSelect });

/**
 * The rubric each report is scored against, by report id: the one its task was held to when an
 * edit changed the campaign's terms after that period ended (edit.ts), else the requirement's.
 */
async function rubricsOf(db: Db, reports: ReportRow[]): Promise<Map<number, Rubric>> {
  const key = (r: { requirementId: number; userId: number; periodKey: string }) => `${r.requirementId}:${r.userId}:${r.periodKey}`;
  const held = reports.length ? await db.taskInstance.findMany({
    where: { requirementId: { in: [...new Set(reports.map((r) => r.requirementId))] }, userId: { in: [...new Set(reports.map((r) => r.userId))] }, heldTo: { not: Prisma.DbNull } },
    select: { requirementId: true, userId: true, periodKey: true, heldTo: true },
  }) : [];
  const heldParams = new Map(held.map((t) => [key(t), (t.heldTo as HeldTerms).params]));
  return new Map(reports.map((r) => [r.id, ((heldParams.get(key(r)) ?? r.requirement.params) as { rubric: Rubric }).rubric]));
}

async function presentReports(db: Db, rows: ReportRow[]) {
  const rubrics = await rubricsOf(db, rows);
  return rows.map((r) => presentReport(r, rubrics.get(r.id)!));
}

const presentOne = async (db: Db, row: ReportRow) => (await presentReports(db, [row]))[0]!;

function presentReport(r: ReportRow, rubric: Rubric) {
  return {
    id: r.id, campaign: r.requirement.campaign, requirementId: r.requirementId, requirementTitle: r.requirement.title, rubric,
    userId: r.userId, name: r.user.name, organizationName: r.user.organization.name, periodKey: r.periodKey, content: r.content,
    attachmentName: r.attachmentName, status: r.status, revision: r.revision, submittedAt: r.submittedAt.toISOString(), returnNote: r.returnNote,
    scores: (r.scores as Record<string, number> | null) ?? null, totalScore: r.totalScore, reviewedAt: r.reviewedAt?.toISOString() ?? null,
  };
}

export async function submitLawReport(db: Db, actor: Actor, body: { taskId: number; content: string }, now: Date) {
  const task = await db.taskInstance.findFirst({ where: { id: body.taskId, userId: actor.userId, requirement: { kind: 'report' } }, select: { requirementId: true, periodKey: true } });
  if (!task) throw new NotFoundError('述法任务不存在');
  const key = { requirementId: task.requirementId, userId: actor.userId, periodKey: task.periodKey };
  const existing = await db.lawReport.findUnique({ where: { requirementId_userId_periodKey: key }, select: { id: true, status: true, revision: true } });
  if (existing?.status === 'scored') throw new AppError('report_scored', '述法报告已评分，不能再修改');
  const report = existing
    ? await db.lawReport.update({ where: { id: existing.id }, data: { content: body.content, status: 'submitted', submittedAt: now, revision: existing.status === 'returned' ? existing.revision + 1 : existing.revision }, select: { id: true } })
    : await db.lawReport.create({ data: { ...key, content: body.content, submittedAt: now }, select: { id: true } });
  return presentOne(db, (await findReport(db, report.id))!);
}

export async function attachLawReportFile(db: Db, store: FileStore, actor: Actor, id: number, file: UploadedFile) {
  const report = await db.lawReport.findFirst({ where: { id, userId: actor.userId }, select: { status: true } });
  if (!report) throw new NotFoundError('述法报告不存在');
  if (report.status === 'scored') throw new AppError('report_scored', '述法报告已评分，不能再修改');
  const stored = await store.save(file.buffer);
  await db.lawReport.update({ where: { id }, data: { attachmentSha256: stored.sha256, attachmentSize: stored.size, attachment: null, attachmentName: file.name.slice(0, 200) } });
  return presentOne(db, (await findReport(db, id))!);
}

export async function reviewLawReport(input: { db: Db; actor: Actor; meta: RequestMeta; id: number; decision: 'score' | 'return'; scores?: Record<string, number>; note?: string; now: Date }) {
  const { db, actor } = input;
  const report = await findReport(db, input.id);
  if (!report) throw new NotFoundError('述法报告不存在或无权访问');
  authorize(actor, 'campaign.review', { organizationPath: report.user.organization.path });
  if (report.status !== 'submitted') throw new AppError('report_not_submitted', '只有已提交、待审核的述法报告可以评分或退回');
  const rubric = (await rubricsOf(db, [report])).get(report.id)!;
  const data = input.decision === 'score' ? scoredData(rubric, input.scores ?? {}) : returnedData(input.note);
  // A score finishes the cadre's 述 task of this period: counted in the same transaction.
  const updated = await changeTasks(db, [report.userId], { requirementId: report.requirementId, periodKey: report.periodKey },
    (tx) => tx.lawReport.update({ where: { id: report.id }, data: { ...data, reviewedById: actor.userId, reviewedAt: input.now }, select: reportSelect }));
  await recordAudit(db, {
    actorId: actor.userId, action: `lawReport.${input.decision}`, subjectType: 'law_report', subjectId: report.id, organizationId: report.user.organizationId, meta: input.meta,
    details: { revision: report.revision, scores: input.scores ?? null, note: input.note ?? null },
  });
  return presentReport(updated, rubric);
}

function scoredData(rubric: Rubric, scores: Record<string, number>) {
  const problems = rubric.flatMap((criterion) => {
    const score = scores[criterion.name];
    return score === undefined || score < 0 || score > criterion.maxScore
      ? [{ path: `body.scores.${criterion.name}`, code: 'invalid_score', message: `“${criterion.name}”应评 0–${criterion.maxScore} 分` }] : [];
  });
  const unknown = Object.keys(scores).filter((name) => !rubric.some((c) => c.name === name));
  problems.push(...unknown.map((name) => ({ path: `body.scores.${name}`, code: 'unknown_criterion', message: `评分细则中没有“${name}”` })));
  if (problems.length) throw new ValidationError('评分不完整或超出范围', problems);
  const totalScore = Math.round(rubric.reduce((sum, c) => sum + scores[c.name]!, 0) * 100) / 100;
  return { status: 'scored' as const, scores, totalScore, returnNote: null };
}

function returnedData(note: string | undefined) {
  if (!note?.trim()) throw new ValidationError('退回修改时请写明修改意见', [{ path: 'body.note', code: 'too_small', message: '请写明修改意见' }]);
  return { status: 'returned' as const, returnNote: note.trim() };
}

export async function listLawReports(db: Db, actor: Actor, page: PageInput, filter: { status?: 'submitted' | 'returned' | 'scored'; mine?: boolean }) {
  const where = {
    ...(filter.mine ? { userId: actor.userId } : { user: { organization: organizationScopeWhere(actor, 'campaign.review') } }),
    ...(filter.status ? { status: filter.status } : {}),
  };
  const [rows, total] = await Promise.all([db.lawReport.findMany({ where, select: reportSelect, orderBy: { submittedAt: 'desc' }, ...pageWindow(page) }), db.lawReport.count({ where })]);
  return { items: await presentReports(db, rows), total, ...page };
}

/** The attachment of a report, for its cadre or a reviewer whose scope covers them. */
export async function lawReportAttachment(db: Db, store: FileStore, actor: Actor, id: number) {
  const report = await db.lawReport.findUnique({ where: { id }, select: { userId: true, attachmentName: true, attachmentSha256: true, attachmentSize: true, user: { select: { organization: { select: { path: true } } } } } });
  if (!report || !canView(actor, report.userId, report.user.organization.path)) throw new NotFoundError('述法报告不存在或无权访问');
  const legacy = report.attachmentSha256 ? null : await db.lawReport.findUnique({ where: { id }, select: { attachment: true } });
  return downloadOf(store, { name: report.attachmentName, sha256: report.attachmentSha256, size: report.attachmentSize, legacyBytes: legacy?.attachment });
}

/** One report, for its cadre or a reviewer whose scope covers them. */
export async function lawReportForViewer(db: Db, actor: Actor, id: number) {
  const report = await findReport(db, id);
  if (!report || !canView(actor, report.userId, report.user.organization.path)) throw new NotFoundError('述法报告不存在或无权访问');
  return presentOne(db, report);
}
