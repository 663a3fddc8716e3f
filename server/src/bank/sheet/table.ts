// The rows of one worksheet (xlsx or csv, already turned into strings) → questions and issues.
import { columnLetter, isRecognisable, readHeader, REQUIRED_COLUMNS, type Header } from './columns.ts';
import { questionFromRow } from './row.ts';
import type { ImportIssue, QuestionFileResult, StatuteLookup } from './types.ts';
import { duplicateTracker } from './validate.ts';

/** row: the 1-based row number the organiser sees; cells: trimmed strings, '' for empty. */
export type SheetRow = { row: number; cells: string[] };
export type LocatedHeader = { at: number; header: Header };
/** Rows a format reader has already judged: their issues, and whether the row must not be read at all. */
export type RowNotes = { issues: ImportIssue[]; unreadable: Set<number> };

// A title row ("2024年学法考试题库") or a note may sit above the header; look a little further down.
const HEADER_SEARCH_ROWS = 5;

export const isEmptyRow = (row: SheetRow) => row.cells.every((cell) => !cell);

/** The first of the first few non-empty rows that names the columns; null when there is none. */
export function locateHeader(rows: SheetRow[]): LocatedHeader | null {
  const candidates = rows.map((row, at) => ({ row, at })).filter(({ row }) => !isEmptyRow(row)).slice(0, HEADER_SEARCH_ROWS);
  for (const { row, at } of candidates) {
    const header = readHeader(row.cells);
    if (isRecognisable(header)) return { at, header };
  }
  return null;
}

/** Problems of the header itself; when there are any, the rows below cannot be read reliably. */
function headerIssues(header: Header, row: number): ImportIssue[] {
  const missing = REQUIRED_COLUMNS.filter((column) => !header.columns.has(column))
    .map((column) => ({ row, column, message: `缺少“${column}”列` }));
  const repeated = header.duplicates.map(({ column, first, second }) => ({
    row, column: second.text, message: `“${second.text}”（第 ${columnLetter(second.index)} 列）与“${first.text}”（第 ${columnLetter(first.index)} 列）都是${column}列，请只保留一列`,
  }));
  return [...missing, ...repeated];
}

export function questionsFromRows(rows: SheetRow[], located: LocatedHeader, statutes: StatuteLookup, notes: RowNotes): QuestionFileResult {
  const headerRow = rows[located.at]!.row;
  const problems = headerIssues(located.header, headerRow);
  if (problems.length) return { questions: [], issues: problems, emptyRows: 0 };
  const body = rows.slice(located.at + 1);
  // Trailing blank rows are formatting left over at the bottom of a sheet, not rows the organiser skipped.
  const lastFilled = body.findLastIndex((row) => !isEmptyRow(row));
  const result: QuestionFileResult = { questions: [], issues: [...notes.issues], emptyRows: 0 };
  const seen = duplicateTracker();
  for (const sheetRow of body.slice(0, lastFilled + 1)) {
    if (isEmptyRow(sheetRow)) { result.emptyRows++; continue; }
    if (notes.unreadable.has(sheetRow.row)) continue;
    const { question, id, idColumn, derivedId, issues } = questionFromRow(sheetRow.cells, located.header, statutes);
    const rowIssues = issues.map((issue) => ({ row: sheetRow.row, ...issue }));
    const first = id ? seen(id, sheetRow.row) : null;
    if (first !== null) rowIssues.push({ row: sheetRow.row, column: idColumn, message: `与第${first}行编号重复${derivedId ? '（题型和题干都相同）' : ''}` });
    result.issues.push(...rowIssues);
    const noted = notes.issues.some((issue) => issue.row === sheetRow.row);
    if (question && !rowIssues.length && !noted) result.questions.push({ row: sheetRow.row, question });
  }
  return result;
}
