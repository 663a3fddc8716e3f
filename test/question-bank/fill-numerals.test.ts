// Every fill key of the national bank, typed the other way round: Chinese numerals as Arabic digits
// and back, 二 as 两; each variant must be accepted and the neighbouring number refused.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadQuestionLines } from '../../server/src/bank/files.ts';
import { gradeResponse } from '../../server/src/exams/grading.ts';
import { arabicNumbers } from '../../server/src/exams/fill-numbers.ts';
import { toChineseNumeral } from '../../server/src/bank/sheet/numerals.ts';

type Fill = { id: string; type: string; answer: string[][] };
const fills = loadQuestionLines().map((line) => line.value as Fill).filter((q) => q.type === 'fill');
const numeric = fills.flatMap((q) => q.answer.flatMap((alternatives, blank) => alternatives.filter((a) => /\d/.test(arabicNumbers(a))).map((key) => ({ q, blank, key }))));

/** The response with `text` in blank `blank` and the first listed key in every other blank. */
function responseWith(q: Fill, blank: number, text: string): string[] {
  return q.answer.map((alternatives, i) => (i === blank ? text : alternatives[0]!));
}
const grade = (q: Fill, response: string[]) => gradeResponse('fill', q.answer, response, 1, 'all-or-nothing').correct;

/** Arabic 1–999 written the official Chinese way (30 → 三十). */
const chineseDigits = (text: string) => text.replace(/\d+/g, (n) => (Number(n) >= 1 && Number(n) <= 999 ? toChineseNumeral(Number(n)) : n));

test('the bank has numeric fill keys to check', () => {
  assert.ok(numeric.length >= 30, `only ${numeric.length} numeric fill keys`);
});

test('every numeric fill key is accepted in Arabic digits, in Chinese numerals and with 两 for 二', () => {
  const refused: string[] = [];
  for (const { q, blank, key } of numeric) {
    const variants = new Set([arabicNumbers(key), chineseDigits(arabicNumbers(key)), key.replace(/二/g, '两'), key.replace(/两/g, '二'), arabicNumbers(key).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))]);
    for (const variant of variants) if (!grade(q, responseWith(q, blank, variant))) refused.push(`${q.id} 第${blank + 1}空 ${key} → ${variant}`);
  }
  assert.equal(refused, []);
});

test('the neighbouring number is refused for every numeric fill key', () => {
  const accepted: string[] = [];
  for (const { q, blank, key } of numeric) {
    const neighbour = arabicNumbers(key).replace(/\d+/, (n) => String(Number(n) + 1));
    if (q.answer[blank]!.some((a) => arabicNumbers(a) === neighbour)) continue;
    for (const variant of [neighbour, chineseDigits(neighbour)]) if (grade(q, responseWith(q, blank, variant))) accepted.push(`${q.id} 第${blank + 1}空 ${key} → ${variant}`);
  }
  assert.equal(accepted, []);
});

test.run();
