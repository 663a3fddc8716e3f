// Question files for organisers: the export of a bank (which imports back unchanged) and the empty
// import template with drop-downs and a sheet of instructions.
import ExcelJS from 'exceljs';
import type { Question } from '../question-format.ts';
import { formatCitations } from './citations.ts';
import { OPTION_COLUMNS, OPTION_KEYS, type Column } from './columns.ts';
import { formatAnswer, TYPE_LABELS } from './notation.ts';
import { ANSWER_NOTES, COLUMN_NOTES, TEMPLATE_EXAMPLES } from './template.ts';
import type { StatuteLookup } from './types.ts';

const WIDTHS: Partial<Record<Column, number>> = { 编号: 24, 题型: 10, 题干: 50, 答案: 12, 解析: 50, 法条依据: 36, 难度: 6, 标签: 18, 版本: 6 };
const WRAPPED: Column[] = ['题干', '解析'];
const EXPORT_COLUMNS: Column[] = ['编号', '题型', '题干', ...OPTION_COLUMNS, '答案', '解析', '法条依据', '难度', '标签', '版本'];
const TEMPLATE_COLUMNS: Column[] = ['题型', '题干', ...OPTION_COLUMNS, '答案', '解析', '法条依据', '难度', '标签'];
const TEMPLATE_ROWS = { first: 2, last: 1000 };

/** The 题目 sheet's layout: bold frozen header, readable widths, long texts wrapped. */
function addQuestionSheet(workbook: ExcelJS.Workbook, columns: Column[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet('题目', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({ header: column, key: column, width: WIDTHS[column] ?? 20 }));
  for (const column of WRAPPED) if (columns.includes(column)) sheet.getColumn(column).alignment = { wrapText: true, vertical: 'top' };
  sheet.getRow(1).font = { bold: true };
  return sheet;
}

function rowOf(question: Question, statutes: StatuteLookup): Record<Column, string | number | null> {
  const options = Object.fromEntries(OPTION_KEYS.map((key) => [`选项${key}`, question.options?.find((o) => o.key === key)?.text ?? null]));
  return {
    编号: question.id, 题型: TYPE_LABELS[question.type], 题干: question.stem, ...options,
    答案: formatAnswer(question), 解析: question.explanation, 法条依据: formatCitations(question.citations, statutes),
    难度: question.difficulty, 标签: question.tags?.join('，') ?? null, 版本: question.version ?? null,
  } as Record<Column, string | number | null>;
}

async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Exports questions in the same layout the importer reads, with 编号 and 版本, so a round trip changes nothing. */
export async function writeQuestionsXlsx(questions: Question[], statutes: StatuteLookup): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = addQuestionSheet(workbook, EXPORT_COLUMNS);
  for (const question of questions) sheet.addRow(rowOf(question, statutes));
  return toBuffer(workbook);
}

// exceljs has worksheet.dataValidations (ranges allowed) but leaves it out of its typings.
type ValidatedSheet = ExcelJS.Worksheet & { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

function addDropDown(sheet: ValidatedSheet, column: Column, values: string[], error: string): void {
  const letter = sheet.getColumn(column).letter;
  sheet.dataValidations.add(`${letter}${TEMPLATE_ROWS.first}:${letter}${TEMPLATE_ROWS.last}`, {
    type: 'list', allowBlank: true, formulae: [`"${values.join(',')}"`],
    // A warning, not a stop: the importer also accepts 单选、易 and the like, typed by hand.
    showErrorMessage: true, errorStyle: 'warning', errorTitle: '请从下拉列表选择', error,
  });
}

function addInstructionSheet(workbook: ExcelJS.Workbook): void {
  const sheet = workbook.addWorksheet('填写说明');
  sheet.columns = [{ width: 16 }, { width: 18 }, { width: 90 }];
  const heading = (text: string) => { sheet.addRow([]); sheet.addRow([text]).font = { bold: true, size: 12 }; };
  sheet.addRow(['题目导入填写说明']).font = { bold: true, size: 14 };
  sheet.addRow(['在“题目”工作表中每行填写一道题，第一行列名不要改动；示例只写在本页，不要复制到“题目”表中的示例也会被导入。']);
  heading('各列说明');
  for (const [column, required, note] of COLUMN_NOTES) sheet.addRow([column, required, note]);
  heading('答案写法');
  for (const [type, note] of ANSWER_NOTES) sheet.addRow([type, note]);
  for (const example of TEMPLATE_EXAMPLES) {
    heading(`示例：${example.题型}`);
    for (const [column, value] of Object.entries(example)) sheet.addRow([column, value]);
  }
  sheet.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  sheet.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
}

/** The empty import template: header only, drop-downs for 题型 and 难度, instructions on a second sheet. */
export async function writeTemplateXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = addQuestionSheet(workbook, TEMPLATE_COLUMNS) as ValidatedSheet;
  addDropDown(sheet, '题型', Object.values(TYPE_LABELS), '题型应为 单选题、多选题、判断题 或 填空题');
  addDropDown(sheet, '难度', ['1', '2', '3'], '难度应为 1（易）、2（中）或 3（难）');
  addInstructionSheet(workbook);
  return toBuffer(workbook);
}
