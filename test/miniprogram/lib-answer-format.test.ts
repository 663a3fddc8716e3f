// UI selections ↔ the server's response format per question type, and the answer card.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  answerCard, describeKey, describeResponse, emptySelection, isAnswered, responseFrom, selectionFrom, stemParts, toggleOption, withBlank,
  type PaperQuestion,
} from '../../miniprogram/lib/answer-format.ts';

const options = ['A', 'B', 'C', 'D'].map((key) => ({ key, text: `选项${key}` }));
const single: PaperQuestion = { ordinal: 1, type: 'single', options, blanks: 0 };
const multiple: PaperQuestion = { ordinal: 2, type: 'multiple', options, blanks: 0 };
const judge: PaperQuestion = { ordinal: 3, type: 'judge', options: null, blanks: 0 };
const fill: PaperQuestion = { ordinal: 4, type: 'fill', options: null, blanks: 2 };

const selections = suite('selections and responses');

selections('a single choice is the tapped key, and a second tap moves it', () => {
  const once = toggleOption(emptySelection(single), 'B');
  assert.is(responseFrom(once), 'B');
  assert.is(responseFrom(toggleOption(once, 'D')), 'D');
  assert.is(responseFrom(emptySelection(single)), null);
});

selections('multiple choices toggle, come out sorted and unique, and none is null', () => {
  let selection = emptySelection(multiple);
  for (const key of ['C', 'A', 'D']) selection = toggleOption(selection, key);
  assert.equal(responseFrom(selection), ['A', 'C', 'D']);
  selection = toggleOption(selection, 'C');
  assert.equal(responseFrom(selection), ['A', 'D']);
  selection = toggleOption(toggleOption(selection, 'A'), 'D');
  assert.is(responseFrom(selection), null);
});

selections('judge answers are booleans', () => {
  assert.is(responseFrom(toggleOption(emptySelection(judge), 'true')), true);
  assert.is(responseFrom(toggleOption(emptySelection(judge), 'false')), false);
  assert.is(responseFrom(emptySelection(judge)), null);
});

selections('fill answers keep one trimmed string per blank, and all-blank is null', () => {
  let selection = emptySelection(fill);
  assert.is(responseFrom(selection), null);
  selection = withBlank(selection, 1, '  全国人民代表大会 ');
  assert.equal(responseFrom(selection), ['', '全国人民代表大会']);
  selection = withBlank(selection, 0, '人民');
  assert.equal(responseFrom(selection), ['人民', '全国人民代表大会']);
  assert.equal(responseFrom(withBlank(withBlank(selection, 0, ' '), 1, '')), null);
});

selections('a saved response becomes the same selection again (resume)', () => {
  for (const [question, response] of [[single, 'C'], [multiple, ['A', 'B']], [judge, false], [fill, ['甲', '乙']]] as const) {
    assert.equal(responseFrom(selectionFrom(question, response)), response, question.type);
  }
  assert.equal(selectionFrom(multiple, ['D', 'A']), { type: 'multiple', keys: ['A', 'D'] });
  assert.equal(selectionFrom(fill, ['只有一个']), { type: 'fill', texts: ['只有一个', ''] });
});

selections('a response of the wrong shape resumes as unanswered', () => {
  assert.equal(selectionFrom(single, ['A']), emptySelection(single));
  assert.equal(selectionFrom(judge, 'true'), emptySelection(judge));
  assert.equal(selectionFrom(multiple, 'A'), emptySelection(multiple));
  assert.equal(selectionFrom(fill, null), emptySelection(fill));
});

selections.run();

// ---

const card = suite('answer card');

card('answered means a full answer: every blank of a fill, at least one choice', () => {
  assert.ok(isAnswered(single, 'A'));
  assert.not.ok(isAnswered(single, null));
  assert.ok(isAnswered(judge, false), 'false is an answer');
  assert.not.ok(isAnswered(multiple, []));
  assert.not.ok(isAnswered(fill, ['甲', '']), 'one blank left');
  assert.ok(isAnswered(fill, ['甲', '乙']));
});

card('lists the unanswered ordinals and marks the current question', () => {
  const result = answerCard([single, multiple, judge, fill], { 1: 'B', 3: false, 4: ['甲', ' '] }, 3);
  assert.equal(result.unanswered, [2, 4]);
  assert.is(result.answeredCount, 2);
  assert.equal(result.cells.map((c) => [c.ordinal, c.answered, c.current]), [[1, true, false], [2, false, false], [3, true, true], [4, false, false]]);
});

card.run();

// ---

const words = suite('responses and keys in words');

words('each type reads as a person would say it', () => {
  assert.is(describeResponse('single', 'B'), 'B');
  assert.is(describeResponse('multiple', ['A', 'C']), 'A、C');
  assert.is(describeResponse('judge', true), '正确');
  assert.is(describeResponse('judge', false), '错误');
  assert.is(describeResponse('fill', ['宪法', '']), '宪法；（空）');
  assert.is(describeResponse('single', null), '未作答');
  assert.is(describeResponse('multiple', []), '未作答');
});

words('a fill key lists the accepted alternatives of each blank', () => {
  assert.is(describeKey('fill', [['人民'], ['全国人民代表大会', '全国人大']]), '人民；全国人民代表大会 / 全国人大');
  assert.is(describeKey('multiple', ['B', 'D']), 'B、D');
});

words('a fill stem is cut at its blanks', () => {
  assert.equal(stemParts('一切权力属于（  ）。行使国家权力的机关是（  ）和地方各级人大。'), ['一切权力属于', '。行使国家权力的机关是', '和地方各级人大。']);
});

words.run();
