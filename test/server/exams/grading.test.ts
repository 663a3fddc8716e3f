import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { gradeResponse, normaliseFill, responseProblem } from '../../../server/src/exams/grading.ts';

const right = (score: number) => ({ correct: true, score });
const wrong = (score = 0) => ({ correct: false, score });

// ---
const normalise = suite('normaliseFill');
normalise('turns full-width letters and digits into lower-case half-width', () => {
  assert.is(normaliseFill('ＡＢＣ１２３'), 'abc123');
  assert.is(normaliseFill('PRC'), 'prc');
});
normalise('removes all whitespace, including the ideographic space and line breaks', () => {
  assert.is(normaliseFill(' 中华人民共和国\u3000宪法\n\t'), '中华人民共和国宪法');
});
normalise('removes Chinese punctuation', () => {
  assert.is(normaliseFill('《行政处罚法》，“期限”。（甲）、【乙】；丙：丁？戊！己…庚—辛·壬‘癸’'), '行政处罚法期限甲乙丙丁戊己庚辛壬癸');
});
normalise('removes ASCII punctuation and symbols', () => {
  assert.is(normaliseFill(`a,b.c;d:e?f!g"h'i(j)k[l]m<n>o-p_q+r=s$t%u&v*w/x|y~z`), 'abcdefghijklmnopqrstuvwxyz');
});
normalise('removes zero-width characters pasted with the answer', () => {
  assert.is(normaliseFill('民\u200b法\ufeff典'), '民法典');
});
normalise('writes every number in Arabic digits, whichever script it was typed in', () => {
  assert.is(normaliseFill('第3条 第二款'), '第3条第2款');
  for (const [chinese, arabic] of [['三十日', '30日'], ['二倍', '2倍'], ['两个月', '2个月'], ['一百零五', '105'], ['一十五日', '15日'], ['三万五千元', '35000元'], ['二〇二一年', '2021年'], ['百分之三十', '30%']]) {
    assert.is(normaliseFill(chinese!), normaliseFill(arabic!), chinese);
  }
});
normalise('keeps a different number different, decimals included', () => {
  assert.is.not(normaliseFill('三十一日'), normaliseFill('30日'));
  assert.is.not(normaliseFill('1.5'), normaliseFill('15'));
  assert.is(normaliseFill('一点五'), normaliseFill('1.5'));
  assert.is.not(normaliseFill('两年'), normaliseFill('3年'));
});
normalise.run();

// ---
const single = suite('gradeResponse: single and judge');
single('gives full points for the key', () => {
  assert.equal(gradeResponse('single', 'B', 'B', 2, 'all-or-nothing'), right(2));
});
single('gives nothing for another option, even under the partial rule', () => {
  assert.equal(gradeResponse('single', 'B', 'C', 2, 'partial'), wrong());
});
single('is case-sensitive, because option keys are always capitals', () => {
  assert.equal(gradeResponse('single', 'B', 'b', 2, 'all-or-nothing'), wrong());
});
single('gives nothing for a response of the wrong shape', () => {
  assert.equal(gradeResponse('single', 'B', ['B'], 2, 'all-or-nothing'), wrong());
});
single('judges true and false exactly', () => {
  assert.equal(gradeResponse('judge', false, false, 1, 'all-or-nothing'), right(1));
  assert.equal(gradeResponse('judge', true, false, 1, 'all-or-nothing'), wrong());
  assert.equal(gradeResponse('judge', true, 'true', 1, 'all-or-nothing'), wrong());
});
single('throws when the key does not fit the question type', () => {
  let thrown: unknown = null;
  try { gradeResponse('judge', 'A', true, 1, 'all-or-nothing'); } catch (error) { thrown = error; }
  assert.instance(thrown, Error);
  assert.match((thrown as Error).message, /judge/);
});
single.run();

// ---
const empty = suite('gradeResponse: no answer');
empty('scores null, an empty string and an empty list as 0', () => {
  assert.equal(gradeResponse('single', 'A', null, 2, 'partial'), wrong());
  assert.equal(gradeResponse('single', 'A', '', 2, 'partial'), wrong());
  assert.equal(gradeResponse('multiple', ['A', 'C'], [], 2, 'partial'), wrong());
  assert.equal(gradeResponse('judge', true, null, 1, 'partial'), wrong());
  assert.equal(gradeResponse('fill', [['甲']], null, 1, 'partial'), wrong());
});
empty.run();

// ---
const multiple = suite('gradeResponse: multiple');
multiple('all-or-nothing: full points for the key set in any order', () => {
  assert.equal(gradeResponse('multiple', ['A', 'C', 'D'], ['D', 'A', 'C'], 3, 'all-or-nothing'), right(3));
});
multiple('all-or-nothing: nothing for a missing or an extra option', () => {
  assert.equal(gradeResponse('multiple', ['A', 'C', 'D'], ['A', 'C'], 3, 'all-or-nothing'), wrong());
  assert.equal(gradeResponse('multiple', ['A', 'C'], ['A', 'B', 'C'], 3, 'all-or-nothing'), wrong());
});
multiple('partial: a share for each correct option chosen', () => {
  // 3 points × 2 of 3 correct options = 2; × 1 of 3 = 1.
  assert.equal(gradeResponse('multiple', ['A', 'C', 'D'], ['C', 'A'], 3, 'partial'), wrong(2));
  assert.equal(gradeResponse('multiple', ['A', 'C', 'D'], ['D'], 3, 'partial'), wrong(1));
});
multiple('partial: rounds the share to 2 decimals', () => {
  // 2 × 1/3 = 0.666… → 0.67; 2 × 2/3 = 1.333… → 1.33.
  assert.equal(gradeResponse('multiple', ['A', 'C', 'D'], ['A'], 2, 'partial'), wrong(0.67));
  assert.equal(gradeResponse('multiple', ['A', 'C', 'D'], ['A', 'D'], 2, 'partial'), wrong(1.33));
});
multiple('partial: full points and correct only for the whole key', () => {
  assert.equal(gradeResponse('multiple', ['A', 'C', 'D'], ['A', 'C', 'D'], 2, 'partial'), right(2));
});
multiple('partial: any wrong option chosen gives nothing', () => {
  assert.equal(gradeResponse('multiple', ['A', 'C', 'D'], ['A', 'C', 'B'], 3, 'partial'), wrong());
});
multiple.run();

// ---
const fill = suite('gradeResponse: fill');
const twoBlanks = [['十五日', '15日'], ['全国人民代表大会常务委员会', '全国人大常委会']];
fill('accepts any alternative for each blank, after normalising', () => {
  assert.equal(gradeResponse('fill', twoBlanks, ['１５日', ' 全国人大常委会。'], 4, 'all-or-nothing'), right(4));
});
fill('all-or-nothing: nothing unless every blank is right', () => {
  assert.equal(gradeResponse('fill', twoBlanks, ['十五日', '国务院'], 4, 'all-or-nothing'), wrong());
});
fill('partial: a share for each right blank, rounded to 2 decimals', () => {
  // 4 × 1/2 = 2.
  assert.equal(gradeResponse('fill', twoBlanks, ['十五日', '国务院'], 4, 'partial'), wrong(2));
  // 2 × 2/3 = 1.333… → 1.33.
  assert.equal(gradeResponse('fill', [['甲'], ['乙'], ['丙']], ['甲', '乙', '丁'], 2, 'partial'), wrong(1.33));
});
fill('partial: rounds half up, even where binary floating point falls just below', () => {
  // 2.01 × 1/2 = 1.005 → 1.01 (plain Math.round(x * 100) / 100 gives 1.00).
  assert.equal(gradeResponse('fill', [['甲'], ['乙']], ['甲', ''], 2.01, 'partial'), wrong(1.01));
});
fill('an empty blank is wrong, even against an alternative that normalises to nothing', () => {
  assert.equal(gradeResponse('fill', [['——'], ['乙']], ['', '乙'], 2, 'partial'), wrong(1));
});
fill('missing blanks are wrong; the blanks given are still marked', () => {
  assert.equal(gradeResponse('fill', [['甲'], ['乙']], ['甲'], 2, 'partial'), wrong(1));
});
fill('a plain string is not a fill response', () => {
  assert.equal(gradeResponse('fill', [['甲']], '甲', 2, 'partial'), wrong());
});
fill.run();

// ---
const problem = suite('responseProblem');
const keys = ['A', 'B', 'C', 'D'];
problem('allows null, which clears an answer', () => {
  for (const type of ['single', 'multiple', 'judge', 'fill'] as const) assert.is(responseProblem(type, null, keys, 1), null, type);
});
problem('accepts well-formed responses', () => {
  assert.is(responseProblem('single', 'D', keys, 0), null);
  assert.is(responseProblem('multiple', ['C', 'A'], keys, 0), null);
  assert.is(responseProblem('multiple', [], keys, 0), null);
  assert.is(responseProblem('judge', false, [], 0), null);
  assert.is(responseProblem('fill', ['甲', ''], [], 2), null);
});
problem('rejects the wrong JavaScript type', () => {
  assert.is(responseProblem('single', 1, keys, 0), '答案格式不正确');
  assert.is(responseProblem('single', '', keys, 0), '答案格式不正确');
  assert.is(responseProblem('multiple', 'A', keys, 0), '答案格式不正确');
  assert.is(responseProblem('multiple', ['A', 2], keys, 0), '答案格式不正确');
  assert.is(responseProblem('judge', 'true', [], 0), '答案格式不正确');
  assert.is(responseProblem('judge', undefined, [], 0), '答案格式不正确');
  assert.is(responseProblem('fill', '甲', [], 1), '答案格式不正确');
  assert.is(responseProblem('fill', [['甲']], [], 1), '答案格式不正确');
});
problem('names an option that is not shown', () => {
  assert.is(responseProblem('single', 'E', keys, 0), '选项 E 不存在');
  assert.is(responseProblem('multiple', ['A', 'F'], keys, 0), '选项 F 不存在');
});
problem('rejects more than one option for a single-choice question', () => {
  assert.is(responseProblem('single', ['A', 'B'], keys, 0), '单选题只能选择一个选项');
});
problem('rejects an option chosen twice', () => {
  assert.is(responseProblem('multiple', ['A', 'C', 'A'], keys, 0), '选项 A 重复选择');
});
problem('requires one string per blank', () => {
  assert.is(responseProblem('fill', ['甲'], [], 2), '应填写 2 个空');
  assert.is(responseProblem('fill', ['甲', '乙', '丙'], [], 2), '应填写 2 个空');
});
problem('allows 200 characters per blank, not 201', () => {
  assert.is(responseProblem('fill', ['法'.repeat(200)], [], 1), null);
  assert.is(responseProblem('fill', ['法'.repeat(201)], [], 1), '每个空最多填写 200 个字');
});
problem('counts characters outside the BMP once', () => {
  // '𠀀' is one character but two UTF-16 units: 150 of them are 300 units, still 150 characters.
  assert.is(responseProblem('fill', ['𠀀'.repeat(150)], [], 1), null);
});
problem.run();
