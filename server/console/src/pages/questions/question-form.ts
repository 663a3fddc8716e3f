// The question form's draft and its translation to and from the API, with the server's rules
// (server/src/bank/question-format.ts) repeated here so mistakes show beside the field before
// saving, and the server's field paths (`body.options.1.text`) mapped back to the same fields.
// Plain TypeScript without Vue or the browser client (types straight from the generated schema),
// so it is tested in Node against the server's own rules.
import type { paths } from '../../api/schema';

export type QuestionFull = paths['/api/questions/{id}/full']['get']['responses'][200]['content']['application/json']['data'];
export type QuestionBody = paths['/api/questions/{id}']['put']['requestBody']['content']['application/json'];
export type QuestionType = QuestionBody['type'];

/** How the server marks a blank in a fill question's stem. */
export const FILL_BLANK = '（  ）';
export const OPTION_KEYS = 'ABCDEFGH';
export const TYPE_NAMES: Record<QuestionType, string> = { single: '单选题', multiple: '多选题', judge: '判断题', fill: '填空题' };
export const LIMITS = { stem: [4, 2000], option: 500, options: [2, 8], explanation: [4, 5000], tag: 32 } as const;

export type OptionDraft = { text: string; correct: boolean };
export type CitationDraft = { law: string; article: number | null; paragraph: number | null };
export type QuestionDraft = {
  type: QuestionType;
  stem: string;
  /** Choice options in order; their letters come from the position. */
  options: OptionDraft[];
  judge: boolean | null;
  /** Fill questions: the accepted answers of each blank, one list per （  ） in the stem. */
  blanks: string[][];
  explanation: string;
  citations: CitationDraft[];
  difficulty: number;
  tags: string[];
};
/** Messages by field: stem, options, options.2, answer, answer.1 (a blank), explanation, citations, citations.0, difficulty, tags, form. */
export type FieldErrors = Record<string, string>;

const isChoice = (type: QuestionType) => type === 'single' || type === 'multiple';

export function emptyDraft(): QuestionDraft {
  return {
    type: 'single', stem: '', options: Array.from({ length: 4 }, () => ({ text: '', correct: false })), judge: null, blanks: [],
    explanation: '', citations: [{ law: '', article: null, paragraph: null }], difficulty: 1, tags: [],
  };
}

export function draftOf(question: QuestionFull): QuestionDraft {
  const answer = question.answer;
  const keys = typeof answer === 'string' ? [answer] : Array.isArray(answer) && answer.every((a) => typeof a === 'string') ? answer as string[] : [];
  return {
    type: question.type, stem: question.stem,
    options: (question.options ?? []).map((o) => ({ text: o.text, correct: keys.includes(o.key) })),
    judge: typeof answer === 'boolean' ? answer : null,
    blanks: question.type === 'fill' && Array.isArray(answer) ? (answer as string[][]).map((alternatives) => [...alternatives]) : [],
    explanation: question.explanation,
    citations: question.citations.map((c) => ({ law: c.law, article: c.article, paragraph: c.paragraph })),
    difficulty: question.difficulty, tags: [...question.tags],
  };
}

export function blankCount(stem: string): number {
  return stem.split(FILL_BLANK).length - 1;
}

/** One answer row per blank in the stem: rows are kept by position, added empty or dropped. */
export function syncBlanks(draft: QuestionDraft): void {
  const count = blankCount(draft.stem);
  draft.blanks = Array.from({ length: count }, (_, index) => draft.blanks[index] ?? []);
}

/** Single choice: exactly the picked option is correct. */
export function pickSingle(draft: QuestionDraft, index: number): void {
  draft.options.forEach((option, i) => { option.correct = i === index; });
}

export function moveOption(draft: QuestionDraft, index: number, offset: -1 | 1): void {
  const target = index + offset;
  if (target < 0 || target >= draft.options.length) return;
  const [moved] = draft.options.splice(index, 1);
  draft.options.splice(target, 0, moved!);
}

const clean = (texts: string[]) => [...new Set(texts.map((t) => t.trim()).filter(Boolean))];

function answerOf(draft: QuestionDraft): QuestionBody['answer'] {
  const keys = draft.options.flatMap((option, i) => (option.correct ? [OPTION_KEYS[i]!] : []));
  if (draft.type === 'single') return keys[0] ?? '';
  if (draft.type === 'multiple') return keys;
  if (draft.type === 'judge') return draft.judge ?? '';
  return draft.blanks.slice(0, blankCount(draft.stem)).map(clean);
}

export function bodyOf(draft: QuestionDraft): QuestionBody {
  return {
    type: draft.type, stem: draft.stem.trim(),
    ...(isChoice(draft.type) ? { options: draft.options.map((o, i) => ({ key: OPTION_KEYS[i]!, text: o.text.trim() })) } : {}),
    answer: answerOf(draft), explanation: draft.explanation.trim(),
    citations: draft.citations.map((c) => ({ law: c.law, article: c.article ?? 0, ...(c.paragraph ? { paragraph: c.paragraph } : {}) })),
    difficulty: draft.difficulty, tags: clean(draft.tags),
  };
}

function lengthError(text: string, [min, max]: readonly [number, number], name: string): string | null {
  const length = text.trim().length;
  if (length < min) return `${name}至少 ${min} 个字`;
  if (length > max) return `${name}不超过 ${max} 字`;
  return null;
}

function choiceErrors(draft: QuestionDraft, errors: FieldErrors): void {
  const [min, max] = LIMITS.options;
  if (draft.options.length < min) errors.options = `至少需要 ${min} 个选项`;
  if (draft.options.length > max) errors.options = `最多 ${max} 个选项`;
  draft.options.forEach((option, i) => {
    if (!option.text.trim()) errors[`options.${i}`] = `选项 ${OPTION_KEYS[i] ?? ''} 不能为空`;
    else if (option.text.trim().length > LIMITS.option) errors[`options.${i}`] = `选项不超过 ${LIMITS.option} 字`;
  });
  const correct = draft.options.filter((o) => o.correct).length;
  if (draft.type === 'single' && correct !== 1) errors.answer = '请选择一个正确答案';
  if (draft.type === 'multiple' && correct < 2) errors.answer = '多选题至少选择两个正确答案';
}

function fillErrors(draft: QuestionDraft, errors: FieldErrors): void {
  const count = blankCount(draft.stem);
  if (!count) errors.stem ??= `填空题题干中应以“${FILL_BLANK}”标出空格（可点“插入空格”）`;
  for (let i = 0; i < count; i++) {
    if (!clean(draft.blanks[i] ?? []).length) errors[`answer.${i}`] = `请填写第 ${i + 1} 空的答案（可填多个备选）`;
  }
}

/** The server's rules, with messages for the form; an empty object means the draft may be sent. */
export function validateDraft(draft: QuestionDraft): FieldErrors {
  const errors: FieldErrors = {};
  const stem = lengthError(draft.stem, LIMITS.stem, '题干');
  if (stem) errors.stem = stem;
  if (isChoice(draft.type)) choiceErrors(draft, errors);
  if (draft.type === 'judge' && draft.judge === null) errors.answer = '请选择“正确”或“错误”';
  if (draft.type === 'fill') fillErrors(draft, errors);
  const explanation = lengthError(draft.explanation, LIMITS.explanation, '解析');
  if (explanation) errors.explanation = explanation;
  if (!draft.citations.length) errors.citations = '请至少引用一条法条';
  draft.citations.forEach((c, i) => {
    if (!c.law) errors[`citations.${i}`] = '请选择法规';
    else if (!c.article) errors[`citations.${i}`] = '请选择条文';
  });
  if (![1, 2, 3].includes(draft.difficulty)) errors.difficulty = '请选择难度';
  if (draft.tags.some((tag) => tag.trim().length > LIMITS.tag)) errors.tags = `每个标签不超过 ${LIMITS.tag} 个字`;
  return errors;
}

/** The form field a server path names: `body.options.1.text` → `options.1`; unknown paths → `form`. */
export function fieldOfPath(path: string, type: QuestionType): string {
  const [head = '', index] = path.replace(/^body\.?/, '').split('.');
  const indexed = index !== undefined && /^\d+$/.test(index);
  if (head === 'options' || head === 'citations') return indexed ? `${head}.${index}` : head;
  if (head === 'answer') return type === 'fill' && indexed ? `answer.${index}` : 'answer';
  if (['type', 'stem', 'explanation', 'difficulty', 'tags'].includes(head)) return head;
  return 'form';
}

/** The server's validation details as form errors (the first message of each field). */
export function fieldErrorsFrom(details: unknown, type: QuestionType): FieldErrors {
  const errors: FieldErrors = {};
  if (!Array.isArray(details)) return errors;
  for (const detail of details as Array<{ path?: unknown; message?: unknown }>) {
    if (typeof detail?.path !== 'string' || typeof detail.message !== 'string') continue;
    errors[fieldOfPath(detail.path, type)] ??= detail.message;
  }
  return errors;
}

/** The key as people read it: B; A、C; 正确; 第 1 空：人民／人民群众. */
export function answerText(type: QuestionType, answer: unknown): string {
  if (type === 'judge') return answer === true ? '正确' : answer === false ? '错误' : '';
  if (type === 'fill' && Array.isArray(answer)) return (answer as string[][]).map((alternatives, i) => `第 ${i + 1} 空：${alternatives.join('／')}`).join('；');
  return Array.isArray(answer) ? answer.join('、') : String(answer ?? '');
}

/** What a form field holds in a body (`options.1` → the second option), to tell whether it changed since a save. */
export function valueAtField(body: QuestionBody, field: string): string {
  const [head, index] = field.split('.') as [keyof QuestionBody, string | undefined];
  const value = body[head] as unknown;
  return JSON.stringify(index !== undefined && Array.isArray(value) ? value[Number(index)] : value);
}
