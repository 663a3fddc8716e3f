// Every answer notation people type, for each question type, and what is not an answer.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { answerHint, looksLikeAnswer, parseAnswer, parseFill, type QuestionShape } from '../../../bot/src/engine/answers.ts';

const options = ['A', 'B', 'C', 'D'].map((key) => ({ key }));
const single: QuestionShape = { type: 'single', options, blanks: 0 };
const multiple: QuestionShape = { type: 'multiple', options, blanks: 0 };
const judge: QuestionShape = { type: 'judge', options: null, blanks: 0 };
const fill = (blanks: number): QuestionShape => ({ type: 'fill', options: null, blanks });

const singleChoice = suite('parseAnswer: single choice');
singleChoice('A, a, Ａ, 选B, 答案是 c, “B。” are read as one letter', () => {
  assert.equal(['A', 'a', 'Ａ', 'ａ', '选B', '我选 b', '答案是 c', 'B。', ' D '].map((text) => parseAnswer(text, single)), ['A', 'A', 'A', 'A', 'B', 'B', 'C', 'B', 'D']);
});
singleChoice('two letters, a letter that is no option, words and digits are not answers', () => {
  assert.equal(['AB', 'E', '帮助', '1', '', 'A1'].map((text) => parseAnswer(text, single)), [null, null, null, null, null, null]);
});
singleChoice.run();

// ---

const multipleChoice = suite('parseAnswer: multiple choice');
multipleChoice('AC, A C, ＡＢ, a、c, CA, 选BD, repeated letters: sorted and unique', () => {
  assert.equal(['AC', 'A C', 'ＡＢ', 'a、c', 'CA', '选BD', 'A,C', 'A，C', 'AAC', 'ａ　ｃ'].map((text) => parseAnswer(text, multiple)),
    [['A', 'C'], ['A', 'C'], ['A', 'B'], ['A', 'C'], ['A', 'C'], ['B', 'D'], ['A', 'C'], ['A', 'C'], ['A', 'C'], ['A', 'C']]);
});
multipleChoice('a single letter is a (wrong or right) answer; unknown letters are not', () => {
  assert.equal(parseAnswer('B', multiple), ['B']);
  assert.is(parseAnswer('AZ', multiple), null);
});
multipleChoice.run();

// ---

const judgement = suite('parseAnswer: true/false');
judgement('对, √, 正确, 是, T are true; 错, ×, 错误, 否, F are false', () => {
  assert.equal(['对', '√', '正确', '是', 'T', 'true', '对。', '✓'].map((text) => parseAnswer(text, judge)), Array(8).fill(true));
  assert.equal(['错', '×', '错误', '否', 'F', 'x', '错的', '✗'].map((text) => parseAnswer(text, judge)), Array(8).fill(false));
});
judgement('anything else is not an answer', () => {
  assert.equal(['A', '也许', '对错'].map((text) => parseAnswer(text, judge)), [null, null, null]);
});
judgement.run();

// ---

const fillIn = suite('parseAnswer: fill in');
fillIn('one blank takes the whole reply, full-width characters normalised', () => {
  assert.equal(parseAnswer('依法治国', fill(1)), ['依法治国']);
  assert.equal(parseAnswer('答：２０１８年', fill(1)), ['2018年']);
  assert.equal(parseAnswer('ＡＢＣ　法治', fill(1)), ['ABC 法治']);
});
fillIn('several blanks split on spaces and list marks; the wrong number of parts is not an answer', () => {
  assert.equal(parseFill('全国人大、常委会', 2), ['全国人大', '常委会']);
  assert.equal(parseFill('全国人大　常委会', 2), ['全国人大', '常委会']);
  assert.equal(parseFill('甲；乙；丙', 3), ['甲', '乙', '丙']);
  assert.is(parseFill('全国人大', 2), null);
  assert.is(parseFill('   ', 1), null);
});
fillIn.run();

// ---

const groupFilter = suite('looksLikeAnswer');
groupFilter('choice letters, true/false words and 答-prefixed text reach the server; chat does not', () => {
  assert.equal(['A', 'a c', '对', '×', '答：依法治国'].map(looksLikeAnswer), [true, true, true, true, true]);
  assert.equal(['大家好', '今天开会吗', '收到，谢谢领导'].map(looksLikeAnswer), [false, false, false]);
});
groupFilter('each type has a hint', () => {
  assert.match(answerHint(single), '字母');
  assert.match(answerHint(multiple), 'AC');
  assert.match(answerHint(judge), '对');
  assert.match(answerHint(fill(2)), '2 个空');
});
groupFilter.run();
