// .csv → questions. The hard part is the encoding: Chinese Excel saves CSV as GBK unless told
// otherwise, "Unicode text" is UTF-16, and newer versions write UTF-8 with a BOM.
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { DEFAULT_IMPORT_SETTINGS, limitCounter, type ImportLimits } from '../../imports/limits.ts';
import { AppError } from '../../errors.ts';
import { columnLetter } from './columns.ts';
import { isEmptyRow, locateHeader, questionsFromRows, type LocatedHeader, type RowNotes, type SheetRow } from './table.ts';
import type { QuestionFileResult, StatuteLookup } from './types.ts';

const REPLACEMENT = '\uFFFD';

/** BOM first; then strict UTF-8; anything that is not valid UTF-8 is taken as GB18030 (a superset of GBK). */
export function decodeCsv(buffer: Buffer): string {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return buffer.subarray(3).toString('utf8');
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return iconv.decode(buffer.subarray(2), 'utf-16le');
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return iconv.decode(buffer.subarray(2), 'utf-16be');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return iconv.decode(buffer, 'gb18030');
  }
}

/** Excel's "Unicode text" export separates with tabs; everything else here uses commas. */
function delimiterOf(text: string): string {
  const firstLine = text.split('\n').find((line) => line.trim()) ?? '';
  return (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
}

function csvRows(text: string, limits: ImportLimits): SheetRow[] {
  // One record past the limit is enough to refuse the file; the rest is never parsed.
  const records = parse(text, { delimiter: delimiterOf(text), relax_column_count: true, relax_quotes: true, skip_empty_lines: false, to: limits.maxRows + 1 });
  const counter = limitCounter(limits);
  counter.row(records.length);
  // Row numbers count records, as Excel shows them, not file lines: a quoted cell may span several lines.
  return records.map((cells, i) => {
    const row = { row: i + 1, cells: cells.map((cell) => cell.replace(/\r\n?/g, '\n').trim()) };
    counter.cells(row.cells.filter(Boolean).length);
    return row;
  });
}

/** A U+FFFD in a cell means bytes the decoder could not read: the file's encoding is not what we took it for. */
function replacementNotes(rows: SheetRow[], located: LocatedHeader): RowNotes {
  const header = rows[located.at]!;
  const issues = rows.slice(located.at + 1).flatMap((row) => row.cells.flatMap((cell, index) => (cell.includes(REPLACEMENT)
    ? [{ row: row.row, column: header.cells[index] || columnLetter(index), message: '该单元格含有无法识别的字符，文件编码可能不正确，请以 UTF-8 或 GBK 编码重新保存' }]
    : [])));
  return { issues, unreadable: new Set() };
}

export function readCsv(buffer: Buffer, statutes: StatuteLookup, limits: ImportLimits = DEFAULT_IMPORT_SETTINGS.limits): QuestionFileResult {
  let rows: SheetRow[];
  try {
    rows = csvRows(decodeCsv(buffer), limits);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const line = (error as { lines?: number }).lines;
    return { questions: [], issues: [{ row: line ?? 0, column: '文件', message: `CSV 文件格式有误${line ? `（第 ${line} 行附近）` : ''}，请检查引号是否成对` }], emptyRows: 0 };
  }
  const located = locateHeader(rows);
  if (located) return questionsFromRows(rows, located, statutes, replacementNotes(rows, located));
  const first = rows.find((row) => !isEmptyRow(row));
  if (!first) return { questions: [], issues: [], emptyRows: 0 };
  return { questions: [], issues: [{ row: first.row, column: '表头', message: '无法识别表头，请确认第一行是列名，并以 UTF-8 或 GBK 编码保存' }], emptyRows: 0 };
}
