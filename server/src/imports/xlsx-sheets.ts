// An .xlsx → its worksheets as rows of trimmed strings, streamed within the import limits:
// the zip's directory and every entry's real size are checked before exceljs reads a byte,
// then exceljs's streaming WorkbookReader hands over one row at a time, counted against the
// row and cell limits, so a sheet is never held as an object model. Merged ranges, which the
// streaming reader skips, are collected from the sheet XML during the size check.
import type { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { cellText } from '../bank/sheet/cell-text.ts';
import { limitCounter, type ImportLimits } from './limits.ts';
import { inflateEntry, zipEntries, type ZipEntry } from './zip-guard.ts';

export { UnreadableZipError } from './zip-guard.ts';

/** row: the 1-based row number as Excel shows it; cells: trimmed strings, '' for empty. */
export type StreamedRow = { row: number; cells: string[] };
/** merges: ranges such as "B4:B5", in the sheet's order. */
export type StreamedSheet = { name: string; rows: StreamedRow[]; merges: string[] };

const SHEET_PATH = /^xl\/worksheets\/sheet(\d+)\.xml$/;
const MERGE = /<mergeCell\s+ref="([A-Z]+\d+:[A-Z]+\d+)"/g;
/** Enough of a chunk's end to hold a mergeCell tag cut in two. */
const CARRY = 64;

/** Inflates every entry once, counting real bytes; returns the merged ranges of each sheet number. */
async function checkEntries(buffer: Buffer, entries: ZipEntry[], limits: ImportLimits): Promise<Map<string, string[]>> {
  const merges = new Map<string, string[]>();
  for (const entry of entries) {
    const sheetNo = SHEET_PATH.exec(entry.name)?.[1];
    const ranges: string[] = [];
    let tail = '';
    for await (const chunk of inflateEntry(buffer, entry, limits)) {
      if (!sheetNo) continue;
      const text = tail + chunk.toString('latin1');
      for (const match of text.matchAll(MERGE)) if (match.index + match[0].length > tail.length) ranges.push(match[1]!);
      tail = text.slice(-CARRY);
    }
    if (sheetNo) merges.set(sheetNo, ranges);
  }
  return merges;
}

/** Rows in order with the gaps filled, since row numbers are what organisers are told. */
async function rowsOf(worksheet: AsyncIterable<ExcelJS.Row>, counter: ReturnType<typeof limitCounter>): Promise<StreamedRow[]> {
  const rows: StreamedRow[] = [];
  for await (const row of worksheet) {
    counter.row(row.number);
    const cells: string[] = [];
    row.eachCell((cell, column) => { cells[column - 1] = cellText(cell.value); });
    counter.cells(cells.filter(Boolean).length);
    for (let r = rows.length + 1; r < row.number; r++) rows.push({ row: r, cells: [] });
    rows.push({ row: row.number, cells: Array.from(cells, (cell) => cell ?? '') });
  }
  return rows;
}

/**
 * The workbook's sheets in file order. Throws ImportTooLargeError past a limit, and
 * UnreadableZipError (or exceljs's own error) for a file that is not a readable .xlsx.
 */
export async function readSheets(buffer: Buffer, limits: ImportLimits): Promise<StreamedSheet[]> {
  const merges = await checkEntries(buffer, zipEntries(buffer, limits), limits);
  const counter = limitCounter(limits);
  // styles: dates are told from numbers by their format; hyperlinks: the cell's text is enough.
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'emit' });
  let sheetNo = '';
  // The 'entry' event names the sheet file right before its reader is handed over.
  (workbook as unknown as EventEmitter).on('entry', (entry: { type: string; id?: string }) => { if (entry.type === 'worksheet') sheetNo = String(entry.id); });
  const sheets: StreamedSheet[] = [];
  for await (const worksheet of workbook) {
    const name = (worksheet as unknown as { name?: string }).name ?? `Sheet${sheetNo}`;
    sheets.push({ name, rows: await rowsOf(worksheet, counter), merges: merges.get(sheetNo) ?? [] });
  }
  return sheets;
}
