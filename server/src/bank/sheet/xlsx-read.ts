// .xlsx → questions. Picks the worksheet (题目 first), reads it as strings and reports merged cells,
// which would otherwise silently copy one value into several questions.
import ExcelJS from 'exceljs';
import { cellText } from './cell-text.ts';
import { columnLetter } from './columns.ts';
import { isEmptyRow, locateHeader, questionsFromRows, type LocatedHeader, type RowNotes, type SheetRow } from './table.ts';
import type { QuestionFileResult, StatuteLookup } from './types.ts';

const PREFERRED_SHEET = '题目';

function sheetRows(sheet: ExcelJS.Worksheet): SheetRow[] {
  const rows: SheetRow[] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    // Only cells with values: a sheet formatted out to column XFD must not cost 16,384 reads a row.
    const cells: string[] = [];
    sheet.findRow(r)?.eachCell((cell, column) => {
      // exceljs repeats the master's value in every cell of a merge; only the master holds it in Excel.
      if (cell.isMerged && cell.master.address !== cell.address) return;
      cells[column - 1] = cellText(cell.value);
    });
    rows.push({ row: r, cells: Array.from(cells, (cell) => cell ?? '') });
  }
  return rows;
}

type Range = { top: number; left: number; bottom: number; text: string };

function parseRange(text: string): Range | null {
  const match = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(text);
  if (!match) return null;
  const column = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { top: Number(match[2]), left: column(match[1]!), bottom: Number(match[4]), text };
}

/** One issue per merged range reaching below the header; its rows are left unread. */
function mergeNotes(sheet: ExcelJS.Worksheet, rows: SheetRow[], located: LocatedHeader): RowNotes {
  const headerRow = rows[located.at]!;
  const notes: RowNotes = { issues: [], unreadable: new Set() };
  for (const range of (sheet.model.merges ?? []).map(parseRange)) {
    if (!range || range.bottom <= headerRow.row) continue; // a merged title above the header is fine
    notes.issues.push({
      row: range.top,
      column: headerRow.cells[range.left] || columnLetter(range.left),
      message: `不支持合并单元格（范围 ${range.text}），请取消合并后逐行填写`,
    });
    for (let r = Math.max(range.top, headerRow.row + 1); r <= range.bottom; r++) notes.unreadable.add(r);
  }
  return notes;
}

export async function readXlsx(buffer: Buffer, statutes: StatuteLookup): Promise<QuestionFileResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    // A fresh ArrayBuffer: exceljs's typings want one, and a Node Buffer may be a view into a shared pool.
    await workbook.xlsx.load(new Uint8Array(buffer).buffer);
  } catch {
    return { questions: [], issues: [{ row: 0, column: '文件', message: '无法读取该 Excel 文件，请确认是 .xlsx 格式（旧版 .xls 请先在 Excel 中另存为 .xlsx）' }], emptyRows: 0 };
  }
  const sheets = [...workbook.worksheets].sort((a, b) => Number(b.name.trim() === PREFERRED_SHEET) - Number(a.name.trim() === PREFERRED_SHEET));
  let firstFilled: SheetRow | undefined;
  for (const sheet of sheets) {
    const rows = sheetRows(sheet);
    firstFilled ??= rows.find((row) => !isEmptyRow(row));
    const located = locateHeader(rows);
    if (located) return questionsFromRows(rows, located, statutes, mergeNotes(sheet, rows, located));
  }
  if (!firstFilled) return { questions: [], issues: [], emptyRows: 0 };
  return { questions: [], issues: [{ row: firstFilled.row, column: '表头', message: '无法识别表头，请确认第一行是列名（如 题型、题干、答案），题目放在第一个工作表或名为“题目”的工作表中' }], emptyRows: 0 };
}
