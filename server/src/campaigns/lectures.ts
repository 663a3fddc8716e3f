// 讲法: a cadre records each law lecture they gave (title, time, audience size, statutes, and
// optionally the material); an organiser of their subtree verifies or rejects it.
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/service.ts';
import type { Db } from '../db/client.ts';
import { AppError, NotFoundError, ValidationError } from '../errors.ts';
import type { RequestMeta, UploadedFile } from '../http/route.ts';
import { pageWindow, type PageInput } from '../http/schemas.ts';
import type { FileStore } from '../files/store.ts';
import { downloadOf } from '../files/download.ts';
import { authorize, hasPermission, inScope, organizationScopeWhere, scopeFor } from '../policy.ts';
import { changeTasks } from './task-rollup.ts';

const lectureSelect = {
  id: true, userId: true, campaignId: true, title: true, givenAt: true, audienceSize: true, statutes: true, materialName: true, status: true, reviewNote: true, reviewedAt: true,
  user: { select: { name: true, organizationId: true, organization: { select: { name: true, path: true } } } },
} as const;

type LectureRow = NonNullable<Awaited<ReturnType<typeof findLecture>>>;
const findLecture = (db: Db, id: number) => db.lecture.findUnique({ where: { id }, select: lectureSelect });

export function presentLecture(l: LectureRow) {
  return {
    id: l.id, userId: l.userId, name: l.user.name, organizationName: l.user.organization.name, campaignId: l.campaignId, title: l.title,
    givenAt: l.givenAt.toISOString(), audienceSize: l.audienceSize, statutes: l.statutes as string[], materialName: l.materialName,
    status: l.status, reviewNote: l.reviewNote, reviewedAt: l.reviewedAt?.toISOString() ?? null,
  };
}

export async function recordLecture(db: Db, actor: Actor, body: { title: string; givenAt: string; audienceSize: number; statutes: string[]; campaignId?: number }, now: Date) {
  if (new Date(body.givenAt) > now) throw new ValidationError('讲法时间不能晚于当前时间', [{ path: 'body.givenAt', code: 'too_big', message: '讲法时间不能晚于当前时间' }]);
  if (body.campaignId) await campaignCoveringOrThrow(db, actor, body.campaignId);
  const lecture = await db.lecture.create({ data: { userId: actor.userId, campaignId: body.campaignId ?? null, title: body.title, givenAt: new Date(body.givenAt), audienceSize: body.audienceSize, statutes: body.statutes }, select: lectureSelect });
  return presentLecture(lecture);
}

/**
 * A lecture counts for a campaign only if the campaign's organisation covers the cadre. Another
 * county's campaign and a missing id are the same 404, so ids of other campaigns stay unknown.
 */
async function campaignCoveringOrThrow(db: Db, actor: Actor, campaignId: number): Promise<void> {
  const campaign = await db.campaign.findUnique({ where: { id: campaignId }, select: { organization: { select: { path: true } } } });
  if (!campaign || !actor.organizationPath.startsWith(campaign.organization.path)) throw new NotFoundError('学法活动不存在或不在本人所在单位的范围内');
}

export async function attachLectureMaterial(db: Db, store: FileStore, actor: Actor, id: number, file: UploadedFile) {
  const lecture = await db.lecture.findFirst({ where: { id, userId: actor.userId }, select: { id: true, status: true } });
  if (!lecture) throw new NotFoundError('讲法记录不存在');
  if (lecture.status === 'verified') throw new AppError('lecture_verified', '已核实的讲法记录不能再修改材料');
  const stored = await store.save(file.buffer);
  await db.lecture.update({ where: { id }, data: { materialSha256: stored.sha256, materialSize: stored.size, material: null, materialName: file.name.slice(0, 200) } });
  return presentLecture((await findLecture(db, id))!);
}

/** The material of a lecture, for its cadre or a reviewer whose scope covers them. */
export async function lectureMaterial(db: Db, store: FileStore, actor: Actor, id: number) {
  const lecture = await db.lecture.findUnique({ where: { id }, select: { userId: true, materialName: true, materialSha256: true, materialSize: true, user: { select: { organization: { select: { path: true } } } } } });
  if (!lecture || !canView(actor, lecture.userId, lecture.user.organization.path)) throw new NotFoundError('讲法记录不存在或无权访问');
  const legacy = lecture.materialSha256 ? null : await db.lecture.findUnique({ where: { id }, select: { material: true } });
  return downloadOf(store, { name: lecture.materialName, sha256: lecture.materialSha256, size: lecture.materialSize, legacyBytes: legacy?.material });
}

export async function reviewLecture(input: { db: Db; actor: Actor; meta: RequestMeta; id: number; decision: 'verify' | 'reject'; note?: string; now: Date }) {
  const { db, actor } = input;
  const lecture = await findLecture(db, input.id);
  if (!lecture) throw new NotFoundError('讲法记录不存在或无权访问');
  authorize(actor, 'campaign.manage', { organizationPath: lecture.user.organization.path });
  const status = input.decision === 'verify' ? 'verified' : 'rejected';
  // Verifying (or rejecting after all) can finish or reopen the cadre's 讲 tasks: counted in the same transaction.
  const updated = await changeTasks(db, [lecture.userId], { requirement: { kind: 'lecture' } },
    (tx) => tx.lecture.update({ where: { id: lecture.id }, data: { status, reviewNote: input.note ?? null, reviewedById: actor.userId, reviewedAt: input.now }, select: lectureSelect }));
  await recordAudit(db, { actorId: actor.userId, action: `lecture.${input.decision}`, subjectType: 'lecture', subjectId: lecture.id, organizationId: lecture.user.organizationId, meta: input.meta, details: { note: input.note ?? null } });
  return presentLecture(updated);
}

/** A cadre's own lectures, or (for organisers and reviewers) those of their subtree. */
export async function listLectures(db: Db, actor: Actor, page: PageInput, filter: { status?: 'pending' | 'verified' | 'rejected'; mine?: boolean }) {
  const where = {
    ...(filter.mine ? { userId: actor.userId } : { user: { organization: organizationScopeWhere(actor, 'campaign.review') } }),
    ...(filter.status ? { status: filter.status } : {}),
  };
  const [rows, total] = await Promise.all([db.lecture.findMany({ where, select: lectureSelect, orderBy: { givenAt: 'desc' }, ...pageWindow(page) }), db.lecture.count({ where })]);
  return { items: rows.map(presentLecture), total, ...page };
}

/** One lecture, for its cadre or a reviewer whose scope covers them. */
export async function lectureForViewer(db: Db, actor: Actor, id: number) {
  const lecture = await findLecture(db, id);
  if (!lecture || !canView(actor, lecture.userId, lecture.user.organization.path)) throw new NotFoundError('讲法记录不存在或无权访问');
  return presentLecture(lecture);
}

export function canView(actor: Actor, ownerId: number, ownerPath: string): boolean {
  return ownerId === actor.userId || (hasPermission(actor, 'campaign.review') && inScope(scopeFor(actor, 'campaign.review'), ownerPath));
}
