// The bureau's study report for any period: per cadre and per organisation, credited minutes
// online (no second counted twice across sessions) and offline, sessions, flags by kind and
// review state, presence-check pass rate and attendance rate; as JSON or as an xlsx workbook.
// The figures come from the study roll-up for whole Beijing days (rollups/study-totals.ts).
import ExcelJS from 'exceljs';
import type { Actor } from '../auth/actor.ts';
import type { Db, Prisma } from '../db/client.ts';
import { NotFoundError } from '../errors.ts';
import { authorize, organizationScopeWhere } from '../policy.ts';
import { groupBy } from '../rollups/group-by.ts';
import { noStudy, studyTotals, type StudyTotals } from '../rollups/study-totals.ts';

export type ReportQuery = { organizationId?: number; from: Date; to: Date };
type Counts = Record<string, number>;

export type PersonRow = {
  userId: number; name: string; organizationId: number; organizationName: string; isKeyMinority: boolean;
  onlineMinutes: number; offlineMinutes: number; sessions: number; flags: Counts; flagsOpen: number; flagsConfirmed: number; flagsDismissed: number;
  checksAsked: number; checksPassed: number; presencePassRate: number | null; meetingsInvited: number; meetingsAttended: number; attendanceRate: number | null;
};

const ratio = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 1000 : null);

/** The organisations a report covers: the actor's scope, narrowed to a subtree when asked (404 outside it). */
async function organizationsCovered(db: Db, actor: Actor, organizationId?: number): Promise<Prisma.OrganizationWhereInput> {
  const scope = organizationScopeWhere(actor, 'study.review');
  if (!organizationId) return scope;
  const organization = await db.organization.findUnique({ where: { id: organizationId }, select: { path: true } });
  if (!organization) throw new NotFoundError('单位不存在或无权访问');
  authorize(actor, 'study.review', { organizationPath: organization.path });
  return { AND: [scope, { path: { startsWith: organization.path } }] };
}

function cadresOf(db: Db, organizations: Prisma.OrganizationWhereInput) {
  return db.user.findMany({
    where: { status: 'active', roles: { some: { role: 'cadre' } }, organization: organizations },
    select: { id: true, name: true, isKeyMinority: true, organizationId: true, organization: { select: { name: true } } },
    orderBy: [{ organizationId: 'asc' }, { id: 'asc' }],
  });
}

export async function studyReport(db: Db, actor: Actor, query: ReportQuery) {
  const organizations = await organizationsCovered(db, actor, query.organizationId);
  const [people, totals] = await Promise.all([cadresOf(db, organizations), studyTotals(db, organizations, query)]);
  const rows = people.map((person) => personRow(person, totals.get(person.id) ?? noStudy()));
  return { from: query.from.toISOString(), to: query.to.toISOString(), people: rows, organizations: byOrganization(rows) };
}

function personRow(person: Awaited<ReturnType<typeof cadresOf>>[number], totals: StudyTotals): PersonRow {
  const flags: Counts = {};
  const byStatus = { open: 0, confirmed: 0, dismissed: 0 };
  for (const { kind, status, count } of totals.flags) {
    flags[kind] = (flags[kind] ?? 0) + count;
    byStatus[status] += count;
  }
  return {
    userId: person.id, name: person.name, organizationId: person.organizationId, organizationName: person.organization.name, isKeyMinority: person.isKeyMinority,
    onlineMinutes: Math.round(totals.creditedMs / 1000 / 60), offlineMinutes: totals.offlineMinutes, sessions: totals.sessions, flags,
    flagsOpen: byStatus.open, flagsConfirmed: byStatus.confirmed, flagsDismissed: byStatus.dismissed,
    checksAsked: totals.checksAsked, checksPassed: totals.checksPassed, presencePassRate: ratio(totals.checksPassed, totals.checksAsked),
    meetingsInvited: totals.meetingsInvited, meetingsAttended: totals.meetingsAttended, attendanceRate: ratio(totals.meetingsAttended, totals.meetingsInvited),
  };
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
