// One spreadsheet row → one question, or the problems of each of its cells. Every cell is checked
// even after a problem is found, so the organiser can fix a row in one pass.
import { FILL_BLANK, type Question } from '../question-format.ts';
import { parseCitations } from './citations.ts';
import { OPTION_KEYS, REQUIRED_COLUMNS, type Column, type Header } from './columns.ts';
import { parseAnswer, parseDifficulty, parseTags, parseType, parseVersion, TYPE_LABELS } from './notation.ts';
import type { StatuteLookup } from './types.ts';
import { checkContract, deriveId } from './validate.ts';

type Field = 'id' | 'type' | 'stem' | 'options' | 'answer' | 'explanation' | 'citations' | 'difficulty' | 'tags' | 'version';
export type CellIssue = { column: string; message: string };
export type RowResult = { question: Question | null; id: string | null; idColumn: string; derivedId: boolean; issues: CellIssue[] };

const FIELD_COLUMNS: Record<Exclude<Field, 'options'>, Column> = {
  id: '编号', type: '题型', stem: '题干', answer: '答案', explanation: '解析', citations: '法条依据', difficulty: '难度', tags: '标签', version: '版本',
};
// Blanks typed as "（）", "( )" or "____" mean the one blank notation the contract knows.
const BLANK_VARIANTS = /[（(][ \u3000]*[）)]|_{3,}/g;

class RowReader {
  readonly issues: Array<CellIssue & { field: Field }> = [];
  constructor(private readonly cells: string[], private readonly header: Header) {}
  value(column: Column): string {
    const cell = this.header.columns.get(column);
    return cell ? (this.cells[cell.index] ?? '') : '';
  }
  /** The header text the organiser wrote, so messages point at a column they can find. */
  label(column: Column): string {
    return this.header.columns.get(column)?.text ?? column;
  }
  add(field: Field, column: Column, message: string): void {
    this.issues.push({ field, column: this.label(column), message });
  }
  flagged(field: Field): boolean {
    return this.issues.some((issue) => issue.field === field);
  }
}

function readOptions(reader: RowReader, type: Question['type'] | null): Question['options'] {
  const texts = OPTION_KEYS.map((key) => reader.value(`选项${key}`));
  const last = texts.findLastIndex(Boolean);
  if (last < 0) return undefined;
  if (type === 'judge' || type === 'fill') {
    const first = texts.findIndex(Boolean);
    reader.add('options', `选项${OPTION_KEYS[first]!}`, `${TYPE_LABELS[type]}不填选项，答案只写在答案列`);
    return undefined;
  }
  texts.slice(0, last).forEach((text, i) => {
    if (!text) reader.add('options', `选项${OPTION_KEYS[i]!}`, `选项${OPTION_KEYS[i]!}为空，但后面的选项有内容；选项应从 A 起连续填写`);
  });
  return texts.flatMap((text, i) => (text ? [{ key: OPTION_KEYS[i]!, text }] : []));
}

/** Cross-cell checks the answer parser cannot do alone: keys that are options, one answer per blank. */
function checkAnswerAgainst(reader: RowReader, type: Question['type'], answer: Question['answer'], stem: string, options: Question['options']): void {
  if (type === 'single' || type === 'multiple') {
    const keys = new Set(options?.map((o) => o.key));
    const missing = [answer].flat().filter((key) => typeof key === 'string' && !keys.has(key));
    if (options && missing.length) reader.add('answer', '答案', `答案 ${missing.join('、')} 不在已填写的选项中`);
  }
  const blanks = stem.split(FILL_BLANK).length - 1;
  if (type === 'fill' && blanks > 0 && Array.isArray(answer) && answer.length !== blanks) {
    reader.add('answer', '答案', `题干有 ${blanks} 个空，答案有 ${answer.length} 个；多个空的答案用 | 分隔`);
  }
}

const FIELD_OF = new Map(Object.entries(FIELD_COLUMNS).map(([field, column]) => [column, field as Field]));

function readRequired(reader: RowReader): void {
  for (const column of REQUIRED_COLUMNS) if (!reader.value(column)) reader.add(FIELD_OF.get(column)!, column, `${column}不能为空`);
}

export function questionFromRow(cells: string[], header: Header, statutes: StatuteLookup): RowResult {
  const reader = new RowReader(cells, header);
  readRequired(reader);
  const candidate: Record<string, unknown> = {};
  const typeText = reader.value('题型');
  const typed = typeText ? parseType(typeText) : null;
  if (typed && !typed.ok) reader.add('type', '题型', typed.message);
  const type = typed?.ok ? typed.value : null;
  const stem = type === 'fill' ? reader.value('题干').replace(BLANK_VARIANTS, FILL_BLANK) : reader.value('题干');
  const options = readOptions(reader, type);
  Object.assign(candidate, { type: type ?? undefined, stem: stem || undefined, options });

  const answerText = reader.value('答案');
  if (type && answerText) {
    const answer = parseAnswer(type, answerText);
    if (!answer.ok) reader.add('answer', '答案', answer.message);
    else { candidate.answer = answer.value; checkAnswerAgainst(reader, type, answer.value, stem, options); }
  }
  candidate.explanation = reader.value('解析') || undefined;
  const citationText = reader.value('法条依据');
  if (citationText) {
    const parsed = parseCitations(citationText, statutes);
    for (const message of parsed.problems) reader.add('citations', '法条依据', message);
    if (parsed.citations.length) candidate.citations = parsed.citations;
  }
  const difficulty = parseDifficulty(reader.value('难度'));
  if (difficulty.ok) candidate.difficulty = difficulty.value; else reader.add('difficulty', '难度', difficulty.message);
  candidate.tags = parseTags(reader.value('标签'));
  const version = parseVersion(reader.value('版本'));
  if (version.ok) candidate.version = version.value; else reader.add('version', '版本', version.message);

  const explicitId = reader.value('编号');
  const id = explicitId || (type && stem ? deriveId(type, stem) : null);
  candidate.id = id ?? undefined;
  return finish(reader, dropUndefined(candidate), { id, derivedId: !explicitId });
}

function dropUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/** The contract has the last word; its findings on cells already reported (or left unread because of them) are dropped. */
function finish(reader: RowReader, candidate: Record<string, unknown>, ids: { id: string | null; derivedId: boolean }): RowResult {
  const contract = checkContract(candidate, (path) => labelOfPath(reader, path));
  for (const issue of contract.issues) {
    const field = issue.path[0] as Field;
    const consequence = !(field in candidate) && field !== 'options';
    // Without a type the contract's type-specific rules (options, answer, blanks in the stem) mean nothing.
    const typeUnknown = !candidate.type && (field === 'options' || field === 'answer' || (field === 'stem' && issue.code === 'custom'));
    if (reader.flagged(field) || consequence || typeUnknown) continue;
    const message = field === 'id' ? '编号应为 3–64 位小写字母、数字或短横线（也可以留空，系统会按题型和题干自动生成）' : issue.message;
    reader.issues.push({ field, column: labelOfPath(reader, issue.path), message });
  }
  const issues = reader.issues.map(({ column, message }) => ({ column, message }));
  return { question: issues.length ? null : contract.question, id: ids.id, idColumn: reader.label(ids.derivedId ? '题干' : '编号'), derivedId: ids.derivedId, issues };
}

function labelOfPath(reader: RowReader, path: PropertyKey[]): string {
  const [field, index] = path;
  if (field === 'options') return reader.label(typeof index === 'number' ? `选项${OPTION_KEYS[index] ?? 'A'}` : '选项A');
  return reader.label(FIELD_COLUMNS[field as keyof typeof FIELD_COLUMNS] ?? '题干');
}
