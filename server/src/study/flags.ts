// Reviewing flags: reviewers list them by organisation, period, kind and state, confirm or
// dismiss each (credit follows), and cadres appeal. Every decision goes to the audit log.
import type { Prisma } from '../../generated/mysql/client.ts';
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/service.ts';
import type { Db } from '../db/client.ts';
import { NotFoundError } from '../errors.ts';
import type { RequestMeta } from '../http/route.ts';
import { pageWindow, type PageInput } from '../http/schemas.ts';
import { authorize, organizationScopeWhere } from '../policy.ts';
import { changeStudyDays } from '../rollups/study-days.ts';
import { recountTasks, studyTasksOf } from '../campaigns/task-rollup.ts';
import { recomputeCredit } from './analysis.ts';
import { StudyStateError } from './presence.ts';
import { presentFlag } from './sessions.ts';

const flagInclude = { user: { select: { id: true, name: true, organizationId: true, organization: { select: { name: true, path: true } } } } } as const;

export type FlagFilter = { organizationId?: number; kind?: string; status?: 'open' | 'confirmed' | 'dismissed'; appealed?: 'yes' | 'no'; from?: string; to?: string };

export async function listFlags(db: Db, actor: Actor, page: PageInput, filter: FlagFilter) {
  const where: Prisma.StudyFlagWhereInput = {
    user: { organization: { AND: [organizationScopeWhere(actor, 'study.review'), filter.organizationId ? { path: { contains: `/${filter.organizationId}/` } } : {}] } },
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.appealed ? { appealNote: filter.appealed === 'yes' ? { not: null } : null } : {}),
    ...(filter.from || filter.to ? { fromAt: { ...(filter.from ? { gte: new Date(filter.from) } : {}), ...(filter.to ? { lt: new Date(filter.to) } : {}) } } : {}),
  };
  const [rows, total] = await Promise.all([
    db.studyFlag.findMany({ where, include: flagInclude, orderBy: [{ fromAt: 'desc' }, { id: 'desc' }], ...pageWindow(page) }),
    db.studyFlag.count({ where }),
  ]);
  return { items: rows.map(presentFlag), total, ...page };
}

export async function reviewFlag(input: { db: Db; actor: Actor; meta: RequestMeta; flagId: number; decision: 'confirm' | 'dismiss'; note?: string; now: Date }) {
  const { db, actor } = input;
  const flag = await db.studyFlag.findUnique({ where: { id: input.flagId }, include: { ...flagInclude, session: { select: { startedAt: true, endedAt: true } } } });
  if (!flag) throw new NotFoundError('标记不存在或无权访问');
  authorize(actor, 'study.review', { organizationPath: flag.user.organization.path });
  const status = input.decision === 'confirm' ? 'confirmed' : 'dismissed';
  // The flag's state and the credit it withholds or restores change together, roll-up included.
  const updated = await changeStudyDays(db, [flag.userId], async (tx, touch) => {
    const row = await tx.studyFlag.update({ where: { id: flag.id }, data: { status, reviewNote: input.note ?? null, reviewedById: actor.userId, reviewedAt: input.now }, include: flagInclude });
    await recordAudit(tx, {
      actorId: actor.userId, action: `study.flag.${input.decision}`, subjectType: 'study_flag', subjectId: flag.id, organizationId: flag.user.organizationId, meta: input.meta,
      details: { kind: flag.kind, previous: flag.status, note: input.note ?? null, sessionId: flag.sessionId },
    });
    await recomputeCredit(tx, flag.sessionId);
    await recountTasks(tx, studyTasksOf(flag.userId));
    touch(flag.userId, flag.fromAt);
    touch(flag.userId, flag.session.startedAt, flag.session.endedAt ?? flag.toAt);
    return row;
  });
  return presentFlag(updated);
}

export async function appealFlag(input: { db: Db; actor: Actor; meta: RequestMeta; flagId: number; note: string; now: Date }) {
  const { db, actor } = input;
  const flag = await db.studyFlag.findFirst({ where: { id: input.flagId, userId: actor.userId }, include: flagInclude });
  if (!flag) throw new NotFoundError('标记不存在');
  if (flag.appealedAt) throw new StudyStateError('already_appealed', '已经申诉过，请等待审核');
  const updated = await db.studyFlag.update({ where: { id: flag.id }, data: { appealNote: input.note, appealedAt: input.now }, include: flagInclude });
  await recordAudit(db, { actorId: actor.userId, action: 'study.flag.appeal', subjectType: 'study_flag', subjectId: flag.id, organizationId: flag.user.organizationId, meta: input.meta, details: { note: input.note } });
  return presentFlag(updated);
}
