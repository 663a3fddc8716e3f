// Between what a cadre taps on the exam page and the server's response format, per question
// type, and back again when a paper is resumed; also what the answer card (答题卡) shows.
// Plain TS: no `wx`, so it is tested in Node.

export type QuestionType = 'single' | 'multiple' | 'judge' | 'fill';
/** The server's response format: single "B"; multiple ["A","C"]; judge true/false; fill one string per blank; null = no answer. */
export type AnswerResponse = string | boolean | string[] | null;
export type PaperOption = { key: string; text: string };
export type PaperQuestion = { ordinal: number; type: QuestionType; options: PaperOption[] | null; blanks: number };

/** What the page keeps per question while the cadre answers. */
export type Selection =
  | { type: 'single'; key: string | null }
  | { type: 'multiple'; keys: string[] }
  | { type: 'judge'; value: boolean | null }
  | { type: 'fill'; texts: string[] };

/** The two choices of a true/false question, shown like options. */
export const JUDGE_CHOICES = [
  { key: 'true', text: '正确' },
  { key: 'false', text: '错误' },
] as const;

/** The blank marker in a fill-in stem (the question bank's format). */
export const FILL_BLANK = '（  ）';

export function emptySelection(question: PaperQuestion): Selection {
  switch (question.type) {
    case 'single': return { type: 'single', key: null };
    case 'multiple': return { type: 'multiple', keys: [] };
    case 'judge': return { type: 'judge', value: null };
    case 'fill': return { type: 'fill', texts: Array.from({ length: question.blanks }, () => '') };
  }
}

/** The selection a saved response stands for (resuming a paper); a response of the wrong shape counts as none. */
export function selectionFrom(question: PaperQuestion, response: unknown): Selection {
  const empty = emptySelection(question);
  if (response === null || response === undefined) return empty;
  switch (question.type) {
    case 'single': return typeof response === 'string' ? { type: 'single', key: response } : empty;
    case 'multiple': return isStrings(response) ? { type: 'multiple', keys: [...response].sort() } : empty;
    case 'judge': return typeof response === 'boolean' ? { type: 'judge', value: response } : empty;
    case 'fill': return isStrings(response)
      ? { type: 'fill', texts: Array.from({ length: question.blanks }, (_, i) => response[i] ?? '') }
      : empty;
  }
}

/** The response to save for a selection; an empty selection is null (clears the answer). */
export function responseFrom(selection: Selection): AnswerResponse {
  switch (selection.type) {
    case 'single': return selection.key;
    case 'multiple': return selection.keys.length ? [...new Set(selection.keys)].sort() : null;
    case 'judge': return selection.value;
    // The server wants exactly one string per blank, so blank ones stay as '' unless all are blank.
    case 'fill': return selection.texts.some((text) => text.trim() !== '') ? selection.texts.map((text) => text.trim()) : null;
  }
}

/** A tap on an option key ('A'…, or 'true'/'false' for judge questions) applied to the selection. */
export function toggleOption(selection: Selection, key: string): Selection {
  switch (selection.type) {
    case 'single': return { type: 'single', key };
    case 'multiple': return {
      type: 'multiple',
      keys: selection.keys.includes(key) ? selection.keys.filter((k) => k !== key) : [...selection.keys, key].sort(),
    };
    case 'judge': return { type: 'judge', value: key === 'true' };
    case 'fill': return selection;
  }
}

/** Text typed into one blank. */
export function withBlank(selection: Selection, index: number, text: string): Selection {
  if (selection.type !== 'fill') return selection;
  return { type: 'fill', texts: selection.texts.map((old, i) => (i === index ? text : old)) };
}

/** Whether a response counts as answered on the answer card (a fill needs every blank). */
export function isAnswered(question: Pick<PaperQuestion, 'type' | 'blanks'>, response: unknown): boolean {
  if (response === null || response === undefined) return false;
  switch (question.type) {
    case 'single': return typeof response === 'string' && response !== '';
    case 'multiple': return isStrings(response) && response.length > 0;
    case 'judge': return typeof response === 'boolean';
    case 'fill': return isStrings(response) && response.length === question.blanks && response.every((text) => text.trim() !== '');
  }
}

export type CardCell = { ordinal: number; answered: boolean; current: boolean };

/** The answer card: one cell per question and the ordinals still unanswered. */
export function answerCard(questions: Array<Pick<PaperQuestion, 'ordinal' | 'type' | 'blanks'>>, responses: Record<number, unknown>, currentOrdinal: number) {
  const cells: CardCell[] = questions.map((q) => ({ ordinal: q.ordinal, answered: isAnswered(q, responses[q.ordinal]), current: q.ordinal === currentOrdinal }));
  const unanswered = cells.filter((cell) => !cell.answered).map((cell) => cell.ordinal);
  return { cells, answeredCount: cells.length - unanswered.length, unanswered };
}

/** A response in words, for the review: "B", "A、C", "正确", "宪法；全国人民代表大会". */
export function describeResponse(type: QuestionType, response: unknown): string {
  const NONE = '未作答';
  switch (type) {
    case 'single': return typeof response === 'string' && response !== '' ? response : NONE;
    case 'multiple': return isStrings(response) && response.length ? response.join('、') : NONE;
    case 'judge': return response === true ? '正确' : response === false ? '错误' : NONE;
    case 'fill': return isStrings(response) && response.length ? response.map((text) => text || '（空）').join('；') : NONE;
  }
}

/** The correct answer in words, for the review; a fill-in key lists the accepted alternatives of each blank. */
export function describeKey(type: QuestionType, key: unknown): string {
  if (type === 'fill' && Array.isArray(key) && key.every(isStrings)) return key.map((alternatives) => alternatives.join(' / ')).join('；');
  return describeResponse(type, key);
}

/** A fill-in stem cut at its blanks, so the page can put an input in each gap. */
export function stemParts(stem: string): string[] {
  return stem.split(FILL_BLANK);
}

const QUESTION_TYPE_NAMES: Record<QuestionType, string> = { single: '单选题', multiple: '多选题', judge: '判断题', fill: '填空题' };
export function questionTypeName(type: QuestionType): string {
  return QUESTION_TYPE_NAMES[type];
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
