// 学法档案: everything a cadre did in a period, each entry pointing at its evidence — study
// sessions with their credit and flags, attendance, lectures, 述法 reports, exam attempts and
// make-ups — with totals computed from the same records the tasks and circulars use.
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { NotFoundError } from '../errors.ts';
import { canView } from './lectures.ts';
import { clipIntervals, type StoredAnalysis } from '../study/analysis.ts';
import { unionSeconds } from '../study/detector/index.ts';

export type ArchiveEntry = { kind: 'study' | 'attendance' | 'lecture' | 'report' | 'exam'; at: string; title: string; detail: string; evidence: string };

async function personOrThrow(db: Db, actor: Actor, userId: number) {
  const person = await db.user.findUnique({ where: { id: userId }, select: { id: true, name: true, organization: { select: { name: true, path: true } } } });
  if (!person || !canView(actor, person.id, person.organization.path)) throw new NotFoundError('人员不存在或无权访问');
  return person;
}

export async function archiveOf(db: Db, actor: Actor, userId: number, from: Date, to: Date) {
  const person = await personOrThrow(db, actor, userId);
  const period = { gte: from, lt: to };
  const [sessions, attendances, lectures, reports, attempts] = await Promise.all([
    db.studySession.findMany({ where: { userId, startedAt: period }, include: { flags: { select: { kind: true, status: true } } }, orderBy: { startedAt: 'asc' } }),
    db.attendance.findMany({ where: { userId, meeting: { startsAt: period } }, include: { meeting: { select: { id: true, topic: true, creditMinutes: true } } } }),
    db.lecture.findMany({ where: { userId, givenAt: period }, select: { id: true, title: true, givenAt: true, audienceSize: true, status: true } }),
    db.lawReport.findMany({ where: { userId, submittedAt: period }, select: { id: true, status: true, totalScore: true, revision: true, submittedAt: true, requirement: { select: { title: true } } } }),
    db.attempt.findMany({ where: { userId, startedAt: period }, select: { id: true, examId: true, startedAt: true, status: true, score: true, maxScore: true, passed: true, exam: { select: { title: true, makeUpOfId: true } } } }),
  ]);
  const credited = sessions.flatMap((s) => clipIntervals((s.analysis as StoredAnalysis | null)?.effective ?? [], from.getTime(), to.getTime()));
  const entries: ArchiveEntry[] = [
    ...sessions.map((s) => ({
      kind: 'study' as const, at: s.startedAt.toISOString(), title: `学习${s.statuteSlug ? `法规 ${s.statuteSlug}` : `课程 ${s.courseId}`}`,
      detail: `认定学时 ${Math.round(s.creditedSeconds / 60)} 分钟${s.flags.length ? `；异常标记 ${s.flags.map((f) => `${f.kind}（${FLAG_STATUS[f.status]}）`).join('、')}` : ''}`,
      evidence: `/api/study/sessions/${s.id}`,
    })),
    ...attendances.map((a) => ({ kind: 'attendance' as const, at: a.checkedInAt.toISOString(), title: a.meeting.topic, detail: `${a.method === 'qr' ? '扫码签到' : `补录：${a.reason ?? ''}`}；计学时 ${a.meeting.creditMinutes} 分钟`, evidence: `/api/meetings/${a.meeting.id}` })),
    ...lectures.map((l) => ({ kind: 'lecture' as const, at: l.givenAt.toISOString(), title: l.title, detail: `听众 ${l.audienceSize} 人；${REVIEW_STATUS[l.status]}`, evidence: `/api/lectures/${l.id}` })),
    ...reports.map((r) => ({ kind: 'report' as const, at: r.submittedAt.toISOString(), title: r.requirement.title, detail: `${REPORT_STATUS[r.status]}${r.totalScore !== null ? `，得分 ${r.totalScore}` : ''}；第 ${r.revision} 稿`, evidence: `/api/law-reports/${r.id}` })),
    ...attempts.map((a) => ({
      kind: 'exam' as const, at: a.startedAt.toISOString(), title: `${a.exam.title}${a.exam.makeUpOfId ? '（补考）' : ''}`,
      detail: a.status === 'submitted' ? `得分 ${a.score}/${a.maxScore}，${a.passed ? '及格' : '不及格'}` : '作答中', evidence: `/api/exams/${a.examId}/attempts`,
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return {
    user: { id: person.id, name: person.name, organizationName: person.organization.name }, from: from.toISOString(), to: to.toISOString(),
    totals: {
      onlineMinutes: Math.round(unionSeconds(credited) / 60),
      offlineMinutes: attendances.reduce((sum, a) => sum + a.meeting.creditMinutes, 0),
      sessions: sessions.length, meetingsAttended: attendances.length,
      lecturesVerified: lectures.filter((l) => l.status === 'verified').length,
      reportsScored: reports.filter((r) => r.status === 'scored').length,
      examsPassed: new Set(attempts.filter((a) => a.passed).map((a) => a.examId)).size,
      flags: sessions.reduce((n, s) => n + s.flags.length, 0),
    },
    entries,
  };
}

const FLAG_STATUS = { open: '待审核', confirmed: '已确认', dismissed: '已撤销' } as const;
const REVIEW_STATUS = { pending: '待核实', verified: '已核实', rejected: '未通过核实' } as const;
const REPORT_STATUS = { submitted: '已提交待评', returned: '退回修改', scored: '已评分' } as const;

