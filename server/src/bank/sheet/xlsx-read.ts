// .xlsx → questions. Picks the worksheet (题目 first), reads it as strings and reports merged cells,
// which would otherwise silently copy one value into several questions. The workbook is streamed
// within the import limits (imports/xlsx-sheets.ts): a hostile file is refused, not unpacked.
import { AppError } from '../../errors.ts';
import { DEFAULT_IMPORT_SETTINGS, type ImportLimits } from '../../imports/limits.ts';
import { readSheets, type StreamedSheet } from '../../imports/xlsx-sheets.ts';
import { columnLetter } from './columns.ts';
import { isEmptyRow, locateHeader, questionsFromRows, type LocatedHeader, type RowNotes, type SheetRow } from './table.ts';
import type { QuestionFileResult, StatuteLookup } from './types.ts';

const PREFERRED_SHEET = '题目';

type Range = { top: number; left: number; bottom: number; text: string };

function parseRange(text: string): Range | null {
  const match = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(text);
  if (!match) return null;
  const column = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { top: Number(match[2]), left: column(match[1]!), bottom: Number(match[4]), text };
}

/** One issue per merged range reaching below the header; its rows are left unread. */
function mergeNotes(sheet: StreamedSheet, rows: SheetRow[], located: LocatedHeader): RowNotes {
  const headerRow = rows[located.at]!;
  const notes: RowNotes = { issues: [], unreadable: new Set() };
  for (const range of sheet.merges.map(parseRange)) {
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

export async function readXlsx(buffer: Buffer, statutes: StatuteLookup, limits: ImportLimits = DEFAULT_IMPORT_SETTINGS.limits): Promise<QuestionFileResult> {
  let workbook: StreamedSheet[];
  try {
    workbook = await readSheets(buffer, limits);
  } catch (error) {
    if (error instanceof AppError) throw error;
    return { questions: [], issues: [{ row: 0, column: '文件', message: '无法读取该 Excel 文件，请确认是 .xlsx 格式（旧版 .xls 请先在 Excel 中另存为 .xlsx）' }], emptyRows: 0 };
  }
  const sheets = [...workbook].sort((a, b) => Number(b.name.trim() === PREFERRED_SHEET) - Number(a.name.trim() === PREFERRED_SHEET));
  let firstFilled: SheetRow | undefined;
  for (const sheet of sheets) {
    const { rows } = sheet;
    firstFilled ??= rows.find((row) => !isEmptyRow(row));
    const located = locateHeader(rows);
    if (located) return questionsFromRows(rows, located, statutes, mergeNotes(sheet, rows, located));
  }
  if (!firstFilled) return { questions: [], issues: [], emptyRows: 0 };
  return { questions: [], issues: [{ row: firstFilled.row, column: '表头', message: '无法识别表头，请确认第一行是列名（如 题型、题干、答案），题目放在第一个工作表或名为“题目”的工作表中' }], emptyRows: 0 };
}
