// The question-file parser that runs in an import worker (imports/parse-in-worker.ts): it reads
// and checks the whole file there, off the event loop, against the statutes the main thread
// sent along, and hands back the questions that passed with every problem found.
import { readQuestionFile } from '../bank/sheet/read.ts';
import { statuteLookupFrom, type ImportIssue, type ParsedQuestion } from '../bank/sheet/types.ts';
import type { UploadedFile } from '../http/route.ts';
import type { ImportLimits } from '../imports/limits.ts';
import { defineSheetParser, type ParsedImport } from '../imports/parser.ts';

/** The current statutes as plain data (a StatuteLookup has functions, which cannot cross to a worker). */
export type StatuteList = Array<{ slug: string; title: string; articleNumbers: number[] }>;
export type QuestionFileReport = { issues: ImportIssue[]; emptyRows: number };

export async function parseQuestionUpload(file: UploadedFile, statutes: StatuteList, limits: ImportLimits): Promise<ParsedImport<ParsedQuestion, QuestionFileReport>> {
  const { questions, issues, emptyRows } = await readQuestionFile(file, statuteLookupFrom(statutes), limits);
  return { items: questions, report: { issues, emptyRows } };
}

export const questionFileParser = defineSheetParser(import.meta.url, 'parseQuestionUpload', parseQuestionUpload);
