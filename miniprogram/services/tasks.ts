// 学·讲·述·考 tasks and their evidence: the task list, lectures (record + material upload) and
// the 述法 report (write, upload, see a returned report's note, resubmit).
import type { paths } from '../typings/api';
import { request, upload, type Data } from './request';

export type Task = Data<'/api/my/tasks', 'get'>[number];
export type Lecture = Data<'/api/my/lectures', 'get'>[number];
export type LawReport = Data<'/api/my/law-reports', 'get'>[number];
export type ArchiveEntry = Data<'/api/archive', 'get'>['entries'][number];
export type LectureInput = paths['/api/lectures']['post']['requestBody']['content']['application/json'];

export function listMyTasks(): Promise<Task[]> {
  return request('get', '/api/my/tasks', { query: { pageSize: 100 } });
}

export async function taskById(id: number): Promise<Task | null> {
  return (await listMyTasks()).find((task) => task.id === id) ?? null;
}

/** The cadre's lectures given within the task's period: the ones that count for it. */
export async function lecturesFor(task: Pick<Task, 'opensAt' | 'dueAt'>): Promise<Lecture[]> {
  const lectures = await request('get', '/api/my/lectures', { query: { pageSize: 100 } });
  const from = Date.parse(task.opensAt);
  const to = Date.parse(task.dueAt);
  return lectures.filter((lecture) => Date.parse(lecture.givenAt) >= from && Date.parse(lecture.givenAt) < to);
}

const RECORD_KIND: Partial<Record<Task['requirement']['kind'], ArchiveEntry['kind']>> = { study: 'study', meeting: 'attendance', exam: 'exam' };

/** The 学法档案 entries of the task's period that are its kind of evidence: study sessions, attendance, the exam's attempts. */
export async function recordsFor(task: Pick<Task, 'requirement' | 'opensAt' | 'dueAt' | 'examId'>): Promise<ArchiveEntry[]> {
  const kind = RECORD_KIND[task.requirement.kind];
  if (!kind) return [];
  const archive = await request('get', '/api/archive', { query: { from: task.opensAt, to: task.dueAt } });
  return archive.entries.filter((entry) => entry.kind === kind && (kind !== 'exam' || entry.evidence === `/api/exams/${task.examId}/attempts`));
}

export function recordLecture(body: LectureInput): Promise<Lecture> {
  return request('post', '/api/lectures', { body });
}

export function uploadLectureMaterial(lectureId: number, filePath: string): Promise<Lecture> {
  return upload('/api/lectures/{id}/material', { filePath, pathParams: { id: lectureId } });
}

/** The report answering this task (same requirement and period), if one was submitted. */
export async function reportFor(task: Pick<Task, 'requirement' | 'periodKey'>): Promise<LawReport | null> {
  const reports = await request('get', '/api/my/law-reports', { query: { pageSize: 100 } });
  return reports.find((report) => report.requirementId === task.requirement.id && report.periodKey === task.periodKey) ?? null;
}

export function submitReport(taskId: number, content: string): Promise<LawReport> {
  return request('put', '/api/law-reports', { body: { taskId, content } });
}

export function uploadReportFile(reportId: number, filePath: string): Promise<LawReport> {
  return upload('/api/law-reports/{id}/attachment', { filePath, pathParams: { id: reportId } });
}
