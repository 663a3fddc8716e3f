// The bureau's study report for any period: per cadre and per organisation, credited minutes
// online (no second counted twice across sessions) and offline, sessions, flags by kind and
// review state, presence-check pass rate and attendance rate; as JSON or as an xlsx workbook.
import ExcelJS from 'exceljs';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { NotFoundError } from '../errors.ts';
import { authorize, organizationScopeWhere } from '../policy.ts';
import { groupBy } from '../rollups/group-by.ts';
import { clipIntervals, type StoredAnalysis } from './analysis.ts';
import { unionSeconds } from './detector/index.ts';

export type ReportQuery = { organizationId?: number; from: Date; to: Date };
type Counts = Record<string, number>;

export type PersonRow = {
  userId: number; name: string; organizationId: number; organizationName: string; isKeyMinority: boolean;
  onlineMinutes: number; offlineMinutes: number; sessions: number; flags: Counts; flagsOpen: number; flagsConfirmed: number; flagsDismissed: number;
  checksAsked: number; checksPassed: number; presencePassRate: number | null; meetingsInvited: number; meetingsAttended: number; attendanceRate: number | null;
};

const ratio = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 1000 : null);

async function peopleInScope(db: Db, actor: Actor, organizationId?: number) {
  let subtree = {};
  if (organizationId) {
    const organization = await db.organization.findUnique({ where: { id: organizationId }, select: { path: true } });
    if (!organization) throw new NotFoundError('单位不存在或无权访问');
    authorize(actor, 'study.review', { organizationPath: organization.path });
    subtree = { path: { startsWith: organization.path } };
  }
  return db.user.findMany({
    where: { status: 'active', roles: { some: { role: 'cadre' } }, organization: { AND: [organizationScopeWhere(actor, 'study.review'), subtree] } },
    select: { id: true, name: true, isKeyMinority: true, organizationId: true, organization: { select: { name: true } } },
    orderBy: [{ organizationId: 'asc' }, { id: 'asc' }],
  });
}

export async function studyReport(db: Db, actor: Actor, query: ReportQuery) {
  const people = await peopleInScope(db, actor, query.organizationId);
  const ids = people.map((p) => p.id);
  const period = { gte: query.from, lt: query.to };
  const [sessions, flags, checks, invites, attendances] = await Promise.all([
    db.studySession.findMany({ where: { userId: { in: ids }, startedAt: { lt: query.to }, OR: [{ endedAt: null }, { endedAt: { gt: query.from } }] }, select: { userId: true, analysis: true } }),
    db.studyFlag.findMany({ where: { userId: { in: ids }, fromAt: period }, select: { userId: true, kind: true, status: true } }),
    db.presenceCheck.findMany({ where: { askedAt: period, session: { userId: { in: ids } } }, select: { correct: true, session: { select: { userId: true } } } }),
    db.meetingInvitee.findMany({ where: { userId: { in: ids }, meeting: { startsAt: period } }, select: { userId: true, meetingId: true, meeting: { select: { creditMinutes: true } } } }),
    db.attendance.findMany({ where: { userId: { in: ids }, meeting: { startsAt: period } }, select: { userId: true, meetingId: true } }),
  ]);
  const attendedKeys = new Set(attendances.map((a) => `${a.meetingId}:${a.userId}`));
  const sessionsOf = groupBy(sessions, (s) => s.userId);
  const flagsOf = groupBy(flags, (f) => f.userId);
  const checksOf = groupBy(checks, (c) => c.session.userId);
  const invitesOf = groupBy(invites, (i) => i.userId);
  const rows: PersonRow[] = people.map((person) => {
    const own = sessionsOf.get(person.id) ?? [];
    const intervals = own.flatMap((s) => clipIntervals((s.analysis as StoredAnalysis | null)?.effective ?? [], query.from.getTime(), query.to.getTime()));
    const ownFlags = flagsOf.get(person.id) ?? [];
    const ownChecks = checksOf.get(person.id) ?? [];
    const ownInvites = invitesOf.get(person.id) ?? [];
    const attended = ownInvites.filter((i) => attendedKeys.has(`${i.meetingId}:${person.id}`));
    const passed = ownChecks.filter((c) => c.correct === true).length;
    return {
      userId: person.id, name: person.name, organizationId: person.organizationId, organizationName: person.organization.name, isKeyMinority: person.isKeyMinority,
      onlineMinutes: Math.round(unionSeconds(intervals) / 60), offlineMinutes: attended.reduce((sum, i) => sum + i.meeting.creditMinutes, 0),
      sessions: own.length, flags: ownFlags.reduce<Counts>((counts, f) => ({ ...counts, [f.kind]: (counts[f.kind] ?? 0) + 1 }), {}),
      flagsOpen: ownFlags.filter((f) => f.status === 'open').length, flagsConfirmed: ownFlags.filter((f) => f.status === 'confirmed').length, flagsDismissed: ownFlags.filter((f) => f.status === 'dismissed').length,
      checksAsked: ownChecks.length, checksPassed: passed, presencePassRate: ratio(passed, ownChecks.length),
      meetingsInvited: ownInvites.length, meetingsAttended: attended.length, attendanceRate: ratio(attended.length, ownInvites.length),
    };
  });
  return { from: query.from.toISOString(), to: query.to.toISOString(), people: rows, organizations: byOrganization(rows) };
}

function byOrganization(rows: PersonRow[]) {
  return [...groupBy(rows, (r) => r.organizationId).values()].map((group) => {
    const sum = (pick: (r: PersonRow) => number) => group.reduce((total, r) => total + pick(r), 0);
    return {
      organizationId: group[0]!.organizationId, organizationName: group[0]!.organizationName, people: group.length,
      onlineMinutes: sum((r) => r.onlineMinutes), offlineMinutes: sum((r) => r.offlineMinutes), sessions: sum((r) => r.sessions),
      flags: sum((r) => r.flagsOpen + r.flagsConfirmed + r.flagsDismissed), flagsOpen: sum((r) => r.flagsOpen), flagsConfirmed: sum((r) => r.flagsConfirmed),
      presencePassRate: ratio(sum((r) => r.checksPassed), sum((r) => r.checksAsked)), attendanceRate: ratio(sum((r) => r.meetingsAttended), sum((r) => r.meetingsInvited)),
    };
  });
}

const percent = (value: number | null) => (value === null ? '' : `${Math.round(value * 1000) / 10}%`);

export async function studyReportXlsx(report: Awaited<ReturnType<typeof studyReport>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const people = workbook.addWorksheet('人员');
  people.columns = [
    { header: '姓名', width: 10 }, { header: '单位', width: 22 }, { header: '关键少数', width: 9 }, { header: '线上学时（分钟）', width: 16 },
    { header: '线下学时（分钟）', width: 16 }, { header: '学习次数', width: 9 }, { header: '异常标记', width: 24 }, { header: '待审', width: 7 },
    { header: '确认', width: 7 }, { header: '撤销', width: 7 }, { header: '在线确认通过率', width: 14 }, { header: '出勤率', width: 9 },
  ];
  for (const r of report.people) {
    people.addRow([r.name, r.organizationName, r.isKeyMinority ? '是' : '', r.onlineMinutes, r.offlineMinutes, r.sessions,
      Object.entries(r.flags).map(([kind, n]) => `${kind}×${n}`).join('，'), r.flagsOpen, r.flagsConfirmed, r.flagsDismissed, percent(r.presencePassRate), percent(r.attendanceRate)]);
  }
  const organizations = workbook.addWorksheet('单位');
  organizations.columns = [
    { header: '单位', width: 22 }, { header: '人数', width: 7 }, { header: '线上学时（分钟）', width: 16 }, { header: '线下学时（分钟）', width: 16 },
    { header: '学习次数', width: 9 }, { header: '异常标记', width: 9 }, { header: '待审', width: 7 }, { header: '确认', width: 7 }, { header: '在线确认通过率', width: 14 }, { header: '出勤率', width: 9 },
  ];
  for (const o of report.organizations) {
    organizations.addRow([o.organizationName, o.people, o.onlineMinutes, o.offlineMinutes, o.sessions, o.flags, o.flagsOpen, o.flagsConfirmed, percent(o.presencePassRate), percent(o.attendanceRate)]);
  }
  for (const sheet of [people, organizations]) { sheet.getRow(1).font = { bold: true }; sheet.views = [{ state: 'frozen', ySplit: 1 }]; }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
