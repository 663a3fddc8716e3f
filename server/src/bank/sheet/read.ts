// The entry point for importing a question file, whatever its format.
import { DEFAULT_IMPORT_SETTINGS, type ImportLimits } from '../../imports/limits.ts';
import { readCsv } from './csv-read.ts';
import { readJsonl } from './jsonl-read.ts';
import type { QuestionFileResult, StatuteLookup } from './types.ts';
import { readXlsx } from './xlsx-read.ts';

const READERS: Record<string, (buffer: Buffer, statutes: StatuteLookup, limits: ImportLimits) => QuestionFileResult | Promise<QuestionFileResult>> = {
  xlsx: readXlsx,
  csv: readCsv,
  jsonl: readJsonl,
};

/**
 * Reads an uploaded .xlsx, .csv or .jsonl file. Every row is checked in full and every problem is
 * returned with its row and column, so organisers fix the whole file in one round; a question is
 * only returned when its row has no problem at all. A file past the limits throws ImportTooLargeError.
 */
export async function readQuestionFile(file: { name: string; buffer: Buffer }, statutes: StatuteLookup, limits: ImportLimits = DEFAULT_IMPORT_SETTINGS.limits): Promise<QuestionFileResult> {
  const extension = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  const reader = READERS[extension];
  if (!reader) {
    const shown = extension ? `.${extension}` : '（无扩展名）';
    return { questions: [], issues: [{ row: 0, column: '文件', message: `不支持的文件类型 ${shown}，请上传 .xlsx、.csv 或 .jsonl 文件` }], emptyRows: 0 };
  }
  const result = await reader(file.buffer, statutes, limits);
  // Issues come from several passes (merges, encoding, cells); organisers read them top to bottom.
  result.issues.sort((a, b) => a.row - b.row);
  if (!result.questions.length && !result.issues.length) result.issues.push({ row: 0, column: '文件', message: '文件中没有题目' });
  return result;
}
