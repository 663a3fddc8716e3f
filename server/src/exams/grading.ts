// Grades one response against a question's answer key, and checks a response's shape before it is
// saved. Pure functions: exams and practice both store what these return.

export type QuestionType = 'single' | 'multiple' | 'judge' | 'fill';
export type AnswerKey = string | string[] | boolean | string[][];
/** What a cadre submits: single "B"; multiple ["A","C"] (any order); judge true/false; fill one string per blank. */
export type Response = string | string[] | boolean;
export type PartialRule = 'all-or-nothing' | 'partial';
export type Grade = { correct: boolean; score: number };

import { arabicNumbers } from './fill-numbers.ts';

const WRONG: Grade = { correct: false, score: 0 };
const FORMAT_PROBLEM = '答案格式不正确';
export const MAX_FILL_LENGTH = 200;

// Zero-width and other format characters (\p{Cf}) come along when answers are pasted from WeChat.
const IGNORED_IN_FILL = /[\s\p{P}\p{S}\p{Cf}]/gu;

/**
 * Reduces a fill-in answer to what matters for marking: 《民法典》 and 民法典 score the same, and so do
 * 三十日, 30日 and ３０日. A decimal point is kept (as 点) so 1.5 and 15 stay different numbers.
 */
export function normaliseFill(text: string): string {
  return arabicNumbers(text.normalize('NFKC').toLowerCase()).replace(/(\d)\.(\d)/g, '$1点$2').replace(IGNORED_IN_FILL, '');
}

/** Scores a response; an answer key that does not fit the question type is a data bug and throws. */
export function gradeResponse(type: QuestionType, key: AnswerKey, response: Response | null, points: number, rule: PartialRule): Grade {
  if (isBlank(response)) return WRONG;
  switch (type) {
    case 'single': return whole(response === keyOf(type, key, typeof key === 'string'), points);
    case 'judge': return whole(response === keyOf(type, key, typeof key === 'boolean'), points);
    case 'multiple': return gradeMultiple(keyOf(type, key, isStringArray(key)) as string[], response, points, rule);
    case 'fill': return gradeFill(keyOf(type, key, isAlternatives(key)) as string[][], response, points, rule);
  }
}

function gradeMultiple(key: string[], response: Response, points: number, rule: PartialRule): Grade {
  if (!isStringArray(response)) return WRONG;
  const expected = new Set(key);
  const chosen = new Set(response);
  if ([...chosen].some((option) => !expected.has(option))) return WRONG;
  // Every chosen option is correct here, so the set sizes decide between full and partial credit.
  if (rule === 'all-or-nothing') return whole(chosen.size === expected.size, points);
  return share(chosen.size, expected.size, points);
}

function gradeFill(key: string[][], response: Response, points: number, rule: PartialRule): Grade {
  if (!isStringArray(response)) return WRONG;
  const right = key.filter((alternatives, i) => blankIsRight(alternatives, response[i] ?? '')).length;
  if (rule === 'all-or-nothing') return whole(right === key.length, points);
  return share(right, key.length, points);
}

function blankIsRight(alternatives: string[], text: string): boolean {
  const given = normaliseFill(text);
  // An empty blank never matches, even if an alternative were all punctuation.
  return given !== '' && alternatives.some((alternative) => normaliseFill(alternative) === given);
}

function whole(correct: boolean, points: number): Grade {
  return correct ? { correct, score: points } : WRONG;
}

function share(right: number, of: number, points: number): Grade {
  return { correct: right === of, score: roundToCents((points * right) / of) };
}

/** Rounds half up to 2 decimals; toPrecision first so 1.005 (stored as 1.00499…) becomes 1.01, as a person expects. */
function roundToCents(value: number): number {
  return Math.round(Number((value * 100).toPrecision(12))) / 100;
}

function keyOf(type: QuestionType, key: AnswerKey, fits: boolean): AnswerKey {
  if (!fits) throw new Error(`answer key ${JSON.stringify(key)} does not fit a ${type} question`);
  return key;
}

function isBlank(response: Response | null): response is null | '' {
  return response === null || response === undefined || response === '' || (Array.isArray(response) && response.length === 0);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isAlternatives(value: unknown): value is string[][] {
  return Array.isArray(value) && value.every(isStringArray);
}

// ---

/** Checks the shape of a response for a question, before it is saved; returns a Chinese message or null. optionKeys = the keys shown (e.g. ["A","B","C","D"]), blanks = number of blanks. */
export function responseProblem(type: QuestionType, response: unknown, optionKeys: string[], blanks: number): string | null {
  if (response === null) return null; // clearing an answer
  switch (type) {
    case 'single': return singleProblem(response, optionKeys);
    case 'multiple': return multipleProblem(response, optionKeys);
    case 'judge': return typeof response === 'boolean' ? null : FORMAT_PROBLEM;
    case 'fill': return fillProblem(response, blanks);
  }
}

function singleProblem(response: unknown, optionKeys: string[]): string | null {
  if (isStringArray(response) && response.length > 1) return '单选题只能选择一个选项';
  if (typeof response !== 'string' || response === '') return FORMAT_PROBLEM;
  return optionKeys.includes(response) ? null : `选项 ${response} 不存在`;
}

function multipleProblem(response: unknown, optionKeys: string[]): string | null {
  if (!isStringArray(response)) return FORMAT_PROBLEM;
  const unknown = response.find((option) => !optionKeys.includes(option));
  if (unknown !== undefined) return `选项 ${unknown} 不存在`;
  const repeated = response.find((option, i) => response.indexOf(option) !== i);
  return repeated === undefined ? null : `选项 ${repeated} 重复选择`;
}

function fillProblem(response: unknown, blanks: number): string | null {
  if (!isStringArray(response)) return FORMAT_PROBLEM;
  if (response.length !== blanks) return `应填写 ${blanks} 个空`;
  // Counted in code points, so a character outside the BMP counts once, as the cadre sees it.
  const tooLong = response.some((text) => [...text].length > MAX_FILL_LENGTH);
  return tooLong ? `每个空最多填写 ${MAX_FILL_LENGTH} 个字` : null;
}
