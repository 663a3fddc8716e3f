// Import and export of question files. An import is read and validated whole first, in a
// worker thread (imports/parse-in-worker.ts) so the server keeps answering meanwhile: with any
// problem nothing is written (unless the organiser asks for the clean rows only), and
// re-importing the same file changes nothing. Exports give the current versions of any selection.
import type { Prisma } from '../../generated/mysql/client.ts';
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/service.ts';
import type { Question } from '../bank/question-format.ts';
import { statuteLookupFrom, type ImportIssue, type StatuteLookup } from '../bank/sheet/types.ts';
import { writeQuestionsXlsx } from '../bank/sheet/write.ts';
import type { Db } from '../db/client.ts';
import { ImportRejectedError } from '../errors.ts';
import type { FileResponse, RequestMeta, UploadedFile } from '../http/route.ts';
import { DEFAULT_IMPORT_SETTINGS, type ImportSettings } from '../imports/limits.ts';
import { parseInWorker } from '../imports/parse-in-worker.ts';
import { contentHash, interchangeOf, ownerKeyOf, type QuestionOwner } from './content.ts';
import { questionFileParser, type StatuteList } from './import-parser.ts';
import { questionOwnerFor } from './owner.ts';
import { versionInclude } from './queries.ts';
import { saveQuestions, type SaveSummary } from './store.ts';

/** Rows per query when ids are listed: SQLite bounds the number of parameters. */
const EXPORT_CHUNK = 400;

/** Statute titles and article numbers of the current revisions, as plain data. */
async function statuteList(db: Db): Promise<StatuteList> {
  const revisions = await db.statuteRevision.findMany({
    where: { isCurrent: true }, select: { statute: { select: { slug: true, title: true } }, articles: { select: { number: true } } },
  });
  return revisions.map((r) => ({ slug: r.statute.slug, title: r.statute.title, articleNumbers: r.articles.map((a) => a.number) }));
}

/** Statute titles and article numbers of the current revisions, for reading 法条依据. */
async function statuteLookup(db: Db): Promise<StatuteLookup> {
  return statuteLookupFrom(await statuteList(db));
}

/** What saving would do, without writing: a dry run's counts. */
async function planSave(db: Db, questions: Question[], owner: QuestionOwner): Promise<SaveSummary> {
  const stored = new Map<string, string | undefined>();
  for (let start = 0; start < questions.length; start += EXPORT_CHUNK) {
    const rows = await db.question.findMany({
      where: { ownerKey: ownerKeyOf(owner), externalId: { in: questions.slice(start, start + EXPORT_CHUNK).map((q) => q.id) } },
      select: { externalId: true, versions: { where: { isCurrent: true }, select: { contentHash: true } } },
    });
    for (const row of rows) stored.set(row.externalId, row.versions[0]?.contentHash);
  }
  const summary: SaveSummary = { created: 0, updated: 0, unchanged: 0 };
  for (const question of questions) {
    if (!stored.has(question.id)) summary.created++;
    else if (stored.get(question.id) === contentHash(question)) summary.unchanged++;
    else summary.updated++;
  }
  return summary;
}

export type ImportOptions = {
  db: Db;
  owner: QuestionOwner;
  file: UploadedFile;
  mode: 'all' | 'clean-rows';
  dryRun: boolean;
  actorId: number | null;
  /** Limits, time and workers of the parse (IMPORT_* settings); the defaults when not given. */
  settings?: ImportSettings;
  onProgress?: (done: number, total: number) => void;
};

export async function importQuestionFile(options: ImportOptions) {
  const { db, owner, file, mode, dryRun } = options;
  const { items, report } = await parseInWorker(questionFileParser, file, await statuteList(db), options.settings ?? DEFAULT_IMPORT_SETTINGS);
  const rows = items.length + new Set(report.issues.filter((i) => i.row > 1).map((i) => i.row)).size;
  const issues = sortIssues(report.issues);
  const questions = items.map((q) => q.question);
  if (!dryRun && issues.length && (mode === 'all' || !questions.length)) {
    throw new ImportRejectedError(`文件中有 ${issues.length} 处错误，未导入任何题目。请按行列修改后重新上传${mode === 'all' && questions.length ? '，或选择只导入无错误的行' : ''}`, issues);
  }
  const summary = dryRun ? await planSave(db, questions, owner) : await saveQuestions(db, questions, { owner, actorId: options.actorId, onProgress: options.onProgress });
  return {
    dryRun, owner: { kind: owner.kind, organizationId: owner.kind === 'organization' ? owner.organizationId : null },
    rows, emptyRows: report.emptyRows, valid: questions.length, ...summary,
    skipped: rows - questions.length, issues,
  };
}

function sortIssues(issues: ImportIssue[]): ImportIssue[] {
  return [...issues].sort((a, b) => a.row - b.row);
}

export async function importForActor(input: { db: Db; actor: Actor; meta: RequestMeta; file: UploadedFile; organizationId?: number; mode: 'all' | 'clean-rows'; dryRun: boolean; settings: ImportSettings }) {
  const owner = await questionOwnerFor(input.db, input.actor, input.organizationId);
  const result = await importQuestionFile({ db: input.db, owner, file: input.file, mode: input.mode, dryRun: input.dryRun, actorId: input.actor.userId, settings: input.settings });
  if (!input.dryRun) {
    await recordAudit(input.db, {
      actorId: input.actor.userId, action: 'question.import', subjectType: 'question_import', subjectId: input.file.name.slice(0, 64),
      organizationId: owner.kind === 'organization' ? owner.organizationId : null, meta: input.meta,
      details: { file: input.file.name, created: result.created, updated: result.updated, unchanged: result.unchanged, skipped: result.skipped },
    });
  }
  return result;
}

/**
 * The current versions of the selected questions, in a stable order (by owner and id). Loaded
 * in chunks: one nested query over thousands of ids exceeds SQLite's bound-parameter limit.
 */
export async function exportableQuestions(db: Db, where: Prisma.QuestionWhereInput): Promise<Question[]> {
  const ids = (await db.question.findMany({ where, orderBy: [{ ownerKey: 'asc' }, { externalId: 'asc' }], select: { id: true } })).map((q) => q.id);
  const questions: Question[] = [];
  for (let start = 0; start < ids.length; start += EXPORT_CHUNK) {
    const chunk = ids.slice(start, start + EXPORT_CHUNK);
    const rows = await db.question.findMany({ where: { id: { in: chunk } }, select: { id: true, externalId: true, versions: { where: { isCurrent: true }, include: versionInclude } } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const id of chunk) {
      const row = byId.get(id)!;
      questions.push(interchangeOf(row.externalId, row.versions[0]!));
    }
  }
  return questions;
}

export function toJsonLines(questions: Question[]): Buffer {
  return Buffer.from(questions.map((q) => JSON.stringify(q)).join('\n') + (questions.length ? '\n' : ''), 'utf8');
}

export async function questionFile(db: Db, questions: Question[], format: 'xlsx' | 'jsonl', basename: string): Promise<FileResponse> {
  if (format === 'jsonl') return { filename: `${basename}.jsonl`, contentType: 'application/x-ndjson; charset=utf-8', body: toJsonLines(questions) };
  return {
    filename: `${basename}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: await writeQuestionsXlsx(questions, await statuteLookup(db)),
  };
}
