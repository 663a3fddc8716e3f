// An exam's results as organisers read them: each person's counted attempt (best or last, as the
// exam says), rolled up by unit with the pass rate and mean, a score distribution in tenths of
// full marks, and the same as an xlsx with a sheet per view. Counting happens in SQL.
import ExcelJS from 'exceljs';
import type { Actor } from '../auth/actor.ts';
import { Prisma, type Db } from '../db/client.ts';
import { examInScopeOrThrow, presentExam } from './exams.ts';
import { visibleAudience } from './monitor.ts';

type ExamRow = Awaited<ReturnType<typeof examInScopeOrThrow>>;
const BUCKETS = 10;

/** One row per person with a submitted attempt: the attempt the exam counts. */
function countedAttempts(exam: ExamRow): Prisma.Sql {
  if (exam.scoring === 'last') {
    return Prisma.sql`SELECT a.user_id, a.score, CASE WHEN a.passed = 1 THEN 1 ELSE 0 END AS passed FROM attempts a
      WHERE a.exam_id = ${exam.id} AND a.status = 'submitted'
        AND a.attempt_no = (SELECT MAX(b.attempt_no) FROM attempts b WHERE b.exam_id = a.exam_id AND b.user_id = a.user_id AND b.status = 'submitted')`;
  }
  return Prisma.sql`SELECT user_id, MAX(score) AS score, MAX(CASE WHEN passed = 1 THEN 1 ELSE 0 END) AS passed FROM attempts
    WHERE exam_id = ${exam.id} AND status = 'submitted' GROUP BY user_id`;
}

type UnitRow = { organizationId: number | bigint; organizationName: string; audience: number | bigint; sat: number | bigint; passed: number | bigint; meanScore: number | null };
type BucketRow = { bucket: number | bigint; people: number | bigint };
type PersonRow = { userId: number | bigint; name: string; organizationName: string; score: number | null; passed: number | bigint | null; attempts: number | bigint };

async function unitRows(db: Db, exam: ExamRow, userIds: number[]): Promise<UnitRow[]> {
  return db.$queryRaw<UnitRow[]>`
    SELECT u.organization_id AS organizationId, o.name AS organizationName, COUNT(*) AS audience, COUNT(c.user_id) AS sat,
      SUM(CASE WHEN c.passed = 1 THEN 1 ELSE 0 END) AS passed, AVG(c.score) AS meanScore
    FROM users u JOIN organizations o ON o.id = u.organization_id LEFT JOIN (${countedAttempts(exam)}) c ON c.user_id = u.id
    WHERE u.id IN (${Prisma.join(userIds)})
    GROUP BY u.organization_id, o.name ORDER BY u.organization_id`;
}

/** Bucket i holds scores in [i/10, (i+1)/10) of full marks; full marks go in the last one. */
async function distribution(db: Db, exam: ExamRow, userIds: number[], maxScore: number): Promise<number[]> {
  const ladder = Array.from({ length: BUCKETS - 1 }, (_, i) => BUCKETS - 1 - i)
    .map((bucket) => Prisma.sql`WHEN c.score >= ${(maxScore * bucket) / BUCKETS} THEN ${bucket}`);
  const rows = await db.$queryRaw<BucketRow[]>`
    SELECT t.bucket AS bucket, COUNT(*) AS people FROM (
      SELECT CASE ${Prisma.join(ladder, ' ')} ELSE 0 END AS bucket FROM (${countedAttempts(exam)}) c WHERE c.user_id IN (${Prisma.join(userIds)})
    ) t GROUP BY t.bucket`;
  const counts = Array<number>(BUCKETS).fill(0);
  for (const row of rows) counts[Number(row.bucket)] = Number(row.people);
  return counts;
}

const ratio = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 1000 : 0);

export async function examResults(db: Db, actor: Actor, examId: number) {
  const exam = await examInScopeOrThrow(db, actor, examId, 'exam.results');
  const view = await presentExam(db, exam);
  const userIds = await visibleAudience(db, actor, exam, 'exam.results');
  const units = userIds.length ? (await unitRows(db, exam, userIds)).map((row) => {
    const audience = Number(row.audience), sat = Number(row.sat), passed = Number(row.passed);
    return {
      organizationId: Number(row.organizationId), organizationName: row.organizationName, audience, sat, absent: audience - sat, passed,
      passRate: ratio(passed, audience), meanScore: row.meanScore === null ? null : Math.round(Number(row.meanScore) * 10) / 10,
    };
  }) : [];
  const total = (key: 'audience' | 'sat' | 'passed') => units.reduce((n, u) => n + u[key], 0);
  const width = view.maxScore / BUCKETS;
  const counts = userIds.length ? await distribution(db, exam, userIds, view.maxScore) : Array<number>(BUCKETS).fill(0);
  return {
    exam: { id: exam.id, title: exam.title, maxScore: view.maxScore, passMark: view.passMark, scoring: exam.scoring, makeUpOfId: exam.makeUpOfId },
    totals: { audience: total('audience'), sat: total('sat'), absent: total('audience') - total('sat'), passed: total('passed'), passRate: ratio(total('passed'), total('audience')) },
    byOrganization: units,
    distribution: counts.map((people, i) => ({ from: Math.round(i * width * 10) / 10, to: Math.round((i + 1) * width * 10) / 10, people })),
  };
}

async function personRows(db: Db, exam: ExamRow, userIds: number[]): Promise<PersonRow[]> {
  if (!userIds.length) return [];
  return db.$queryRaw<PersonRow[]>`
    SELECT u.id AS userId, u.name AS name, o.name AS organizationName, c.score AS score, c.passed AS passed,
      (SELECT COUNT(*) FROM attempts x WHERE x.exam_id = ${exam.id} AND x.user_id = u.id) AS attempts
    FROM users u JOIN organizations o ON o.id = u.organization_id LEFT JOIN (${countedAttempts(exam)}) c ON c.user_id = u.id
    WHERE u.id IN (${Prisma.join(userIds)}) ORDER BY u.organization_id, u.id`;
}

/** The xlsx: 按单位 (the roll-up) and 按人员 (everyone in the audience, 缺考 for those who never submitted). */
export async function examResultsXlsx(db: Db, actor: Actor, examId: number): Promise<{ title: string; body: Buffer }> {
  const results = await examResults(db, actor, examId);
  const exam = await examInScopeOrThrow(db, actor, examId, 'exam.results');
  const people = await personRows(db, exam, await visibleAudience(db, actor, exam, 'exam.results'));
  const workbook = new ExcelJS.Workbook();
  const units = workbook.addWorksheet('按单位');
  units.columns = [
    { header: '单位', width: 28 }, { header: '应考人数', width: 10 }, { header: '实考人数', width: 10 }, { header: '缺考人数', width: 10 },
    { header: '及格人数', width: 10 }, { header: '及格率', width: 10 }, { header: '平均分', width: 10 },
  ];
  for (const u of results.byOrganization) units.addRow([u.organizationName, u.audience, u.sat, u.absent, u.passed, `${(u.passRate * 100).toFixed(1)}%`, u.meanScore ?? '—']);
  const persons = workbook.addWorksheet('按人员');
  persons.columns = [{ header: '姓名', width: 12 }, { header: '单位', width: 28 }, { header: '成绩', width: 8 }, { header: '是否及格', width: 10 }, { header: '作答次数', width: 10 }];
  for (const p of people) {
    const sat = p.score !== null;
    const absent = Number(p.attempts) ? '未交卷' : '缺考';
    persons.addRow([p.name, p.organizationName, sat ? Number(p.score) : absent, sat ? (Number(p.passed) ? '及格' : '不及格') : absent, Number(p.attempts)]);
  }
  for (const sheet of [units, persons]) sheet.getRow(1).font = { bold: true };
  return { title: results.exam.title, body: Buffer.from(await workbook.xlsx.writeBuffer()) };
}
