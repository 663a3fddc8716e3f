// How organisers write 题型, 答案, 难度, 标签 and 版本 in a spreadsheet cell, read and written.
// Every reader returns a Chinese message naming what is accepted instead of throwing.
import type { Question } from '../question-format.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
type QuestionType = Question['type'];

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });
const compact = (text: string) => text.replace(/\s+/g, '').toLowerCase();

const TYPE_WORDS: Record<QuestionType, string[]> = {
  single: ['单选', '单选题', '单项选择', '单项选择题', 'single'],
  multiple: ['多选', '多选题', '多项选择', '多项选择题', '不定项', '不定项选择', '不定项选择题', 'multiple'],
  judge: ['判断', '判断题', 'judge'],
  fill: ['填空', '填空题', 'fill'],
};
export const TYPE_LABELS: Record<QuestionType, string> = { single: '单选题', multiple: '多选题', judge: '判断题', fill: '填空题' };

export function parseType(text: string): Parsed<QuestionType> {
  const word = compact(text);
  const type = (Object.keys(TYPE_WORDS) as QuestionType[]).find((t) => TYPE_WORDS[t].includes(word));
  return type ? ok(type) : fail(`无法识别题型“${text}”，请填写 单选题、多选题、判断题 或 填空题`);
}

// Brackets and trailing dots are decoration: "（B）", "B.", "【A、C】".
const DECORATION = /[（）()【】[\]{}.．。]/g;
const JUDGE_TRUE = ['对', '正确', '√', '✓', '✔', '是', 't', 'true', 'y', 'yes'];
const JUDGE_FALSE = ['错', '错误', '×', '✗', '✘', '否', 'f', 'false', 'n', 'no'];
export const JUDGE_HINT = '对/错、正确/错误、√/×、是/否、T/F 或 true/false';

function parseKeys(text: string): string[] | null {
  const letters = text.replace(DECORATION, '').replace(/[\s,，、;；]+/g, '').toUpperCase();
  return /^[A-H]+$/.test(letters) ? [...new Set(letters)].sort() : null;
}

function parseFill(text: string): Parsed<string[][]> {
  const blanks = text.split(/[|｜]/).map((blank) => blank.split(/[/／]/).map((a) => a.trim()).filter(Boolean));
  const empty = blanks.findIndex((alternatives) => !alternatives.length);
  if (empty >= 0) return fail(`第${empty + 1}个空没有答案；多个空用 | 分隔，同一空的多个可接受答案用 / 分隔`);
  return ok(blanks);
}

/** The answer cell for a question of the given type, in the interchange shape. */
export function parseAnswer(type: QuestionType, text: string): Parsed<Question['answer']> {
  if (type === 'judge') {
    const word = compact(text).replace(DECORATION, '');
    if (JUDGE_TRUE.includes(word)) return ok(true);
    if (JUDGE_FALSE.includes(word)) return ok(false);
    return fail(`无法识别判断题答案“${text}”，请填写 ${JUDGE_HINT}`);
  }
  if (type === 'fill') return parseFill(text);
  const keys = parseKeys(text);
  if (type === 'single') {
    if (keys?.length === 1) return ok(keys[0]!);
    if (keys) return fail(`单选题答案只能有一个选项字母，这里是“${text}”`);
    return fail(`无法识别单选题答案“${text}”，请填写一个选项字母，如 B`);
  }
  if (!keys) return fail(`无法识别多选题答案“${text}”，请填写选项字母，如 AC 或 A、C`);
  if (keys.length < 2) return fail('多选题答案应至少有两个选项');
  return ok(keys);
}

/** The answer as organisers write it: "B", "AC", "对", "全国人民代表大会/全国人大|国务院". */
export function formatAnswer(question: Question): string {
  const { answer } = question;
  if (typeof answer === 'boolean') return answer ? '对' : '错';
  if (typeof answer === 'string') return answer;
  return answer.map((part) => (Array.isArray(part) ? part.join('/') : part)).join(question.type === 'fill' ? '|' : '');
}

const DIFFICULTY_WORDS: Record<1 | 2 | 3, string[]> = {
  1: ['1', '易', '简单', '容易'],
  2: ['2', '中', '中等', '一般'],
  3: ['3', '难', '困难', '较难'],
};

/** A blank difficulty means 2, the middle level: most questions test understanding. */
export function parseDifficulty(text: string): Parsed<Question['difficulty']> {
  if (!text) return ok(2);
  const word = compact(text);
  const level = ([1, 2, 3] as const).find((d) => DIFFICULTY_WORDS[d].includes(word));
  return level ? ok(level) : fail(`无法识别难度“${text}”，请填写 1、2、3 或 易、中、难（留空按 2）`);
}

export function parseTags(text: string): string[] | undefined {
  const tags = [...new Set(text.split(/[，,、;；|\s]+/).filter(Boolean))];
  return tags.length ? tags : undefined;
}

export function parseVersion(text: string): Parsed<number | undefined> {
  if (!text) return ok(undefined);
  return /^\d+$/.test(text) && Number(text) >= 1 ? ok(Number(text)) : fail(`版本应为不小于 1 的整数，这里是“${text}”`);
}
