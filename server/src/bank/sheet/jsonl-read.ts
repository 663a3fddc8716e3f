// .jsonl → questions: one interchange object per line, checked against the contract and the statutes.
import { DEFAULT_IMPORT_SETTINGS, limitCounter, type ImportLimits } from '../../imports/limits.ts';
import type { ImportIssue, QuestionFileResult, StatuteLookup } from './types.ts';
import { checkCitationSlugs, checkContract, duplicateTracker, type FieldIssue } from './validate.ts';

/** ['citations', 0, 'article'] → "citations[0].article", the way the field appears in the line. */
export function formatPath(path: PropertyKey[]): string {
  const text = path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '');
  return text || 'JSON';
}

/** V8's JSON errors are English; the character position is the part worth passing on. */
function jsonProblem(error: unknown): string {
  const position = /position (\d+)/.exec((error as Error).message)?.[1];
  return `该行不是有效的 JSON${position ? `（第 ${Number(position) + 1} 个字符附近）` : ''}`;
}

function lineIssues(value: unknown, statutes: StatuteLookup): { issues: FieldIssue[]; question: ReturnType<typeof checkContract>['question'] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { issues: [{ path: [], code: 'custom', message: '该行应为一个 JSON 对象（{…}）' }], question: null };
  const contract = checkContract(value as Record<string, unknown>, formatPath);
  if (!contract.question) return contract;
  const missing = checkCitationSlugs(contract.question, statutes);
  return { issues: missing, question: missing.length ? null : contract.question };
}

export function readJsonl(buffer: Buffer, statutes: StatuteLookup, limits: ImportLimits = DEFAULT_IMPORT_SETTINGS.limits): QuestionFileResult {
  const lines = buffer.toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  const lastFilled = lines.findLastIndex((line) => line.trim());
  // A line is a row; its fields are not counted as cells (a JSON line is one question, however written).
  limitCounter(limits).row(lastFilled + 1);
  const result: QuestionFileResult = { questions: [], issues: [], emptyRows: 0 };
  const seen = duplicateTracker();
  lines.slice(0, lastFilled + 1).forEach((text, index) => {
    const row = index + 1;
    if (!text.trim()) { result.emptyRows++; return; }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      result.issues.push({ row, column: 'JSON', message: jsonProblem(error) });
      return;
    }
    const { issues, question } = lineIssues(value, statutes);
    const rowIssues: ImportIssue[] = issues.map((issue) => ({ row, column: formatPath(issue.path), message: issue.message }));
    const id = (value as { id?: unknown } | null)?.id;
    const first = typeof id === 'string' ? seen(id, row) : null;
    if (first !== null) rowIssues.push({ row, column: 'id', message: `与第${first}行编号重复` });
    result.issues.push(...rowIssues);
    if (question && !rowIssues.length) result.questions.push({ row, question });
  });
  return result;
}
