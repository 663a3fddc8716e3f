// A people spreadsheet (姓名, 手机号, 单位, 职务, 职级, 是否关键少数) → rows checked one by one, every
// problem with its row and column. The cell reading and the row conventions are the question
// importer's (bank/sheet): the same trimming, the same header search, the same merged-cell rule.
import ExcelJS from 'exceljs';
import { cellText } from '../bank/sheet/cell-text.ts';
import { columnLetter } from '../bank/sheet/columns.ts';
import { isEmptyRow, type SheetRow } from '../bank/sheet/table.ts';
import type { ImportIssue } from '../bank/sheet/types.ts';

export const PEOPLE_COLUMNS = ['姓名', '手机号', '单位', '职务', '职级', '是否关键少数'] as const;
export type PeopleColumn = (typeof PEOPLE_COLUMNS)[number];
const REQUIRED: PeopleColumn[] = ['姓名', '手机号', '单位'];
const SPELLINGS: Record<PeopleColumn, string[]> = {
  姓名: ['姓名', '名字'],
  手机号: ['手机号', '手机', '手机号码', '联系电话', '电话'],
  单位: ['单位', '单位名称', '所在单位', '工作单位', '单位代码'],
  职务: ['职务'],
  职级: ['职级', '级别'],
  是否关键少数: ['是否关键少数', '关键少数'],
};
const BY_SPELLING = new Map(Object.entries(SPELLINGS).flatMap(([column, spellings]) => spellings.map((s) => [s, column as PeopleColumn] as const)));
const HEADER_SEARCH_ROWS = 5;
const YES = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓']);
const NO = new Set(['', '否', 'n', 'no', 'false', '0', '×']);

export type PersonRow = { row: number; name: string; phone: string; unit: string; position: string | null; rank: string | null; isKeyMinority: boolean };
export type PeopleSheet = { people: PersonRow[]; issues: ImportIssue[]; emptyRows: number };

const normaliseHeader = (text: string) => text.replace(/[\s*＊]|[（(](?:必填|选填)[)）]/g, '');

function readHeader(cells: string[]): Map<PeopleColumn, number> {
  const columns = new Map<PeopleColumn, number>();
  cells.forEach((text, index) => {
    const column = BY_SPELLING.get(normaliseHeader(text));
    if (column && !columns.has(column)) columns.set(column, index);
  });
  return columns;
}

function sheetRows(sheet: ExcelJS.Worksheet): SheetRow[] {
  const rows: SheetRow[] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const cells: string[] = [];
    sheet.findRow(r)?.eachCell((cell, column) => {
      if (cell.isMerged && cell.master.address !== cell.address) return;
      cells[column - 1] = cellText(cell.value);
    });
    rows.push({ row: r, cells: Array.from(cells, (cell) => cell ?? '') });
  }
  return rows;
}

/** One row's values, or its problems (a person is only returned when the row has none). */
function personFrom(sheetRow: SheetRow, columns: Map<PeopleColumn, number>): { person: PersonRow | null; issues: ImportIssue[] } {
  const cell = (column: PeopleColumn) => { const at = columns.get(column); return at === undefined ? '' : sheetRow.cells[at] ?? ''; };
  const issues: ImportIssue[] = [];
  const problem = (column: PeopleColumn, message: string) => issues.push({ row: sheetRow.row, column, message });
  const name = cell('姓名');
  if (!name) problem('姓名', '缺少姓名');
  else if (name.length < 2 || name.length > 50) problem('姓名', '姓名应为 2–50 个字');
  const phone = cell('手机号').replace(/[\s-]/g, '');
  if (!phone) problem('手机号', '缺少手机号');
  else if (!/^1\d{10}$/.test(phone)) problem('手机号', `手机号“${cell('手机号')}”应为 11 位数字，以 1 开头`);
  const unit = cell('单位');
  if (!unit) problem('单位', '缺少单位');
  const position = cell('职务'), rank = cell('职级');
  if (position.length > 100) problem('职务', '职务最多 100 个字');
  if (rank.length > 50) problem('职级', '职级最多 50 个字');
  const flag = cell('是否关键少数').toLowerCase();
  if (!YES.has(flag) && !NO.has(flag)) problem('是否关键少数', `“${cell('是否关键少数')}”无法识别，请填写“是”或“否”`);
  if (issues.length) return { person: null, issues };
  return { person: { row: sheetRow.row, name, phone, unit, position: position || null, rank: rank || null, isKeyMinority: YES.has(flag) }, issues };
}

/** Reads the first worksheet whose header names the required columns; phones repeated in the file are problems. */
export async function readPeopleSheet(file: { name: string; buffer: Buffer }): Promise<PeopleSheet> {
  const fileIssue = (message: string): PeopleSheet => ({ people: [], issues: [{ row: 0, column: '文件', message }], emptyRows: 0 });
  if (!/\.xlsx$/i.test(file.name)) return fileIssue('请上传 .xlsx 文件（可先下载人员导入模板）');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(new Uint8Array(file.buffer).buffer);
  } catch {
    return fileIssue('无法读取该 Excel 文件，请确认是 .xlsx 格式（旧版 .xls 请先在 Excel 中另存为 .xlsx）');
  }
  for (const sheet of workbook.worksheets) {
    const rows = sheetRows(sheet);
    const candidates = rows.filter((row) => !isEmptyRow(row)).slice(0, HEADER_SEARCH_ROWS);
    const headerRow = candidates.find((row) => readHeader(row.cells).size >= 2);
    if (!headerRow) continue;
    const columns = readHeader(headerRow.cells);
    const missing = REQUIRED.filter((column) => !columns.has(column));
    if (missing.length) return { people: [], issues: missing.map((column) => ({ row: headerRow.row, column, message: `缺少“${column}”列` })), emptyRows: 0 };
    return peopleFromRows(rows.filter((row) => row.row > headerRow.row), columns, sheet);
  }
  return fileIssue(`无法识别表头，请确认第一行是列名：${PEOPLE_COLUMNS.join('、')}`);
}

function peopleFromRows(body: SheetRow[], columns: Map<PeopleColumn, number>, sheet: ExcelJS.Worksheet): PeopleSheet {
  const lastFilled = body.findLastIndex((row) => !isEmptyRow(row));
  const result: PeopleSheet = { people: [], issues: mergedCellIssues(sheet, body[0]?.row ?? Infinity), emptyRows: 0 };
  const firstRowOfPhone = new Map<string, number>();
  for (const sheetRow of body.slice(0, lastFilled + 1)) {
    if (isEmptyRow(sheetRow)) { result.emptyRows++; continue; }
    const { person, issues } = personFrom(sheetRow, columns);
    const first = person ? firstRowOfPhone.get(person.phone) : undefined;
    if (first !== undefined) issues.push({ row: sheetRow.row, column: '手机号', message: `手机号与第 ${first} 行重复` });
    else if (person) firstRowOfPhone.set(person.phone, sheetRow.row);
    result.issues.push(...issues);
    if (person && !issues.length) result.people.push(person);
  }
  const badRows = new Set(result.issues.map((issue) => issue.row));
  result.people = result.people.filter((person) => !badRows.has(person.row));
  return result;
}

/** A merged range below the header would copy one person's unit into several rows without anyone noticing. */
function mergedCellIssues(sheet: ExcelJS.Worksheet, firstBodyRow: number): ImportIssue[] {
  return (sheet.model.merges ?? []).flatMap((range) => {
    const match = /^([A-Z]+)(\d+):[A-Z]+(\d+)$/.exec(range);
    if (!match || Number(match[3]) < firstBodyRow) return [];
    const column = [...match[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    return [{ row: Math.max(Number(match[2]), firstBodyRow), column: columnLetter(column), message: `不支持合并单元格（范围 ${range}），请取消合并后逐行填写` }];
  });
}
