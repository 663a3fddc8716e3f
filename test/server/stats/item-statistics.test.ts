import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { facilityBy, itemStatistics, type AttemptTotal, type ItemResponse } from '../../../server/src/stats/item-statistics.ts';

// ---
// A constructed exam: 10 attempts × 4 items.
//   Q1 single, key B, 1 point     Q2 multiple, key [A,C], 2 points, partial credit
//   Q3 judge, 1 point             Q4 single, key D, 1 point (high scorers miss it: misleading)
//
//   attempt  Q1      Q2          Q3  Q4     total
//      1     1 B     2 [A,C]     1   0 A    4
//      2     1 B     2 [A,C]     1   0 A    4
//      3     1 B     2 [A,C]     1   1 D    5
//      4     1 B     1 [C]       1   0 B    3
//      5     0 A     2 [A,C]     1   0 A    3
//      6     1 B     0 [A,B]     1   1 D    3
//      7     0 C     1 [A]       1   1 D    3
//      8     0 A     1 [A]       1   1 D    3
//      9     0 D     0 [B,D]     1   1 D    2
//     10     0 —     0 [D]       1   1 D    2     (— = Q1 left unanswered)
//
// Ranked by total, ties by lower attemptId first: 3, 1, 2, 4, 5, 6, 7, 8, 9, 10.
// Group size = max(1, round(0.27 × 10)) = 3: upper {3, 1, 2}, lower {8, 9, 10}.
// (Breaking the tie at total 3 the other way would put attempt 4 in the lower group instead of 8.)
const table: Array<[attemptId: number, q1: [number, string | null], q2: [number, string[]], q3: number, q4: [number, string]]> = [
  [1, [1, 'B'], [2, ['A', 'C']], 1, [0, 'A']],
  [2, [1, 'B'], [2, ['A', 'C']], 1, [0, 'A']],
  [3, [1, 'B'], [2, ['A', 'C']], 1, [1, 'D']],
  [4, [1, 'B'], [1, ['C']], 1, [0, 'B']],
  [5, [0, 'A'], [2, ['A', 'C']], 1, [0, 'A']],
  [6, [1, 'B'], [0, ['A', 'B']], 1, [1, 'D']],
  [7, [0, 'C'], [1, ['A']], 1, [1, 'D']],
  [8, [0, 'A'], [1, ['A']], 1, [1, 'D']],
  [9, [0, 'D'], [0, ['B', 'D']], 1, [1, 'D']],
  [10, [0, null], [0, ['D']], 1, [1, 'D']],
];
const exam: ItemResponse[] = table.flatMap(([attemptId, q1, q2, q3, q4]) => [
  { attemptId, questionId: 1, score: q1[0], maxScore: 1, chosen: q1[1] === null ? null : [q1[1]] },
  { attemptId, questionId: 2, score: q2[0], maxScore: 2, chosen: q2[1] },
  { attemptId, questionId: 3, score: q3, maxScore: 1, chosen: null },
  { attemptId, questionId: 4, score: q4[0], maxScore: 1, chosen: [q4[1]] },
]);
const examTotals: AttemptTotal[] = [[1, 4], [2, 4], [3, 5], [4, 3], [5, 3], [6, 3], [7, 3], [8, 3], [9, 2], [10, 2]]
  .map(([attemptId, total]) => ({ attemptId: attemptId!, total: total! }));

const stats = itemStatistics(exam, examTotals);
const item = (questionId: number) => stats.find((s) => s.questionId === questionId)!;

const analysis = suite('itemStatistics');
analysis('describes every item once, ordered by questionId, with all 10 responses', () => {
  assert.equal(stats.map((s) => [s.questionId, s.responses]), [[1, 10], [2, 10], [3, 10], [4, 10]]);
});
analysis('facility is mean score ÷ max score', () => {
  // Q1 5/10 = 0.5; Q2 (2+2+2+1+2+0+1+1+0+0)/20 = 11/20 = 0.55; Q3 10/10 = 1; Q4 6/10 = 0.6.
  assert.equal(stats.map((s) => s.facility), [0.5, 0.55, 1, 0.6]);
});
analysis('discrimination is upper-group minus lower-group facility, 3 attempts each', () => {
  // Q1: upper 3/3 − lower 0/3 = 1.
  // Q2: upper (2+2+2)/6 − lower (1+0+0)/6 = 5/6 = 0.8333 → 0.833.
  // Q3: 1 − 1 = 0.
  // Q4: upper (1+0+0)/3 − lower 3/3 = −2/3 → −0.667.
  assert.equal(stats.map((s) => s.discrimination), [1, 0.833, 0, -0.667]);
});
analysis('point-biserial correlates the item with the rest of the total', () => {
  // Q1: x = [1,1,1,1,0,1,0,0,0,0], mean 0.5; rest y = total − Q1 = [3,3,4,2,3,2,3,3,2,2], mean 2.7.
  //   Σdxdy = 0.5·(0.3+0.3+1.3−0.7−0.7) − 0.5·(0.3+0.3+0.3−0.7−0.7) = 0.25 + 0.25 = 0.5
  //   Σdx² = 10 × 0.25 = 2.5;  Σdy² = 5 × 0.09 + 1.69 + 4 × 0.49 = 4.1
  //   r = 0.5 / √(2.5 × 4.1) = 0.5 / 3.20156 = 0.15617 → 0.156
  assert.is(item(1).pointBiserial, 0.156);
  // Q2: x = Q2/2 = [1,1,1,.5,1,0,.5,.5,0,0], mean 0.55; y = total − Q2 = [2,2,3,2,1,3,2,2,2,2], mean 2.1.
  //   Σdxdy = −.045 −.045 +.405 +.005 −.495 −.495 +.005 +.005 +.055 +.055 = −0.55
  //   Σdx² = 4 × .2025 + 3 × .0025 + 3 × .3025 = 1.725;  Σdy² = 7 × .01 + .81 + .81 + 1.21 = 2.9
  //   r = −0.55 / √(1.725 × 2.9) = −0.55 / 2.23663 = −0.24591 → −0.246
  assert.is(item(2).pointBiserial, -0.246);
  // Q4: x = [0,0,1,0,0,1,1,1,1,1], mean 0.6; y = total − Q4 = [4,4,4,3,3,2,2,2,1,1], mean 2.6.
  //   Σdxdy = −.84 −.84 +.56 −.24 −.24 −.24 −.24 −.24 −.64 −.64 = −3.6
  //   Σdx² = 4 × .36 + 6 × .16 = 2.4;  Σdy² = 3 × 1.96 + 2 × .16 + 3 × .36 + 2 × 2.56 = 12.4
  //   r = −3.6 / √(2.4 × 12.4) = −3.6 / 5.45527 = −0.65991 → −0.66
  assert.is(item(4).pointBiserial, -0.66);
});
analysis('point-biserial is null for an item everyone got right', () => {
  assert.is(item(3).pointBiserial, null);
});
analysis('flags an item when either index is negative', () => {
  // Q1 both positive; Q2 upper–lower +0.833 but point-biserial −0.246; Q3 both 0 or null; Q4 both negative.
  assert.equal(stats.map((s) => s.flagged), [false, true, false, true]);
});
analysis('counts the options chosen, skipping unanswered responses and non-choice items', () => {
  // Q1: B by 1,2,3,4,6; A by 5,8; C by 7; D by 9; attempt 10 left it blank.
  assert.equal(item(1).optionCounts, { A: 2, B: 5, C: 1, D: 1 });
  // Q2: A by 1,2,3,5,6,7,8 = 7; B by 6,9 = 2; C by 1,2,3,4,5 = 5; D by 9,10 = 2.
  assert.equal(item(2).optionCounts, { A: 7, B: 2, C: 5, D: 2 });
  assert.equal(item(3).optionCounts, {});
  // Q4: A by 1,2,5; B by 4; D by 3,6,7,8,9,10.
  assert.equal(item(4).optionCounts, { A: 3, B: 1, D: 6 });
});
analysis('does not depend on the order of the rows', () => {
  assert.equal(itemStatistics([...exam].reverse(), [...examTotals].reverse()), stats);
});
analysis.run();

// ---
const edges = suite('itemStatistics: small and incomplete data');
const responsesOf = (scores: number[], maxScore = 1): ItemResponse[] =>
  scores.map((score, i) => ({ attemptId: i + 1, questionId: 9, score, maxScore, chosen: null }));
const totalsOf = (totals: number[]): AttemptTotal[] => totals.map((total, i) => ({ attemptId: i + 1, total }));

edges('with one attempt, both indices are null and nothing is flagged', () => {
  const [only] = itemStatistics(responsesOf([0]), totalsOf([3]));
  assert.equal(only, { questionId: 9, responses: 1, facility: 0, discrimination: null, pointBiserial: null, optionCounts: {}, flagged: false });
});
edges('with 3 attempts, each group holds one attempt', () => {
  // max(1, round(0.81)) = 1: upper attempt 1 (2/2 = 1), lower attempt 3 (1/2 = 0.5) → 0.5.
  const [only] = itemStatistics(responsesOf([2, 0, 1], 2), totalsOf([10, 6, 2]));
  assert.is(only!.discrimination, 0.5);
});
edges('rounds the group size: 5 attempts give groups of 1', () => {
  // round(1.35) = 1: upper {1} 1/1 − lower {5} 0/1 = 1. (Groups of 2 would give 1/2 − 1/2 = 0.)
  const [only] = itemStatistics(responsesOf([1, 0, 0, 1, 0]), totalsOf([50, 40, 30, 20, 10]));
  assert.is(only!.discrimination, 1);
});
edges('rounds the group size: 6 attempts give groups of 2', () => {
  // round(1.62) = 2: upper {1,2} 1/2 − lower {5,6} 0/2 = 0.5. (Groups of 1 would give 1 − 0 = 1.)
  const [only] = itemStatistics(responsesOf([1, 0, 1, 1, 0, 0]), totalsOf([60, 50, 40, 30, 20, 10]));
  assert.is(only!.discrimination, 0.5);
});
edges('point-biserial is null when the rest of the total does not vary', () => {
  // Totals 2, 1, 2 with item scores 1, 0, 1: the rest is 1 for every attempt.
  const [only] = itemStatistics(responsesOf([1, 0, 1]), totalsOf([2, 1, 2]));
  assert.is(only!.pointBiserial, null);
  assert.is(only!.discrimination, 1);
});
edges('a response without a graded attempt counts towards facility only', () => {
  // Attempt 4 has no total. Facility (1+0+1+1)/4 = 0.75; indices over attempts 1–3 only:
  // upper {1} 1 − lower {2} 0 = 1 (counted with a total of 0, attempt 4 would be the lower group: 1 − 1 = 0).
  const [only] = itemStatistics(responsesOf([1, 0, 1, 1]), totalsOf([5, 1, 3]));
  assert.is(only!.responses, 4);
  assert.is(only!.facility, 0.75);
  assert.is(only!.discrimination, 1);
});
edges('reports facility 0 for an item with no points to score', () => {
  const [only] = itemStatistics(responsesOf([0, 0], 0), totalsOf([1, 2]));
  assert.is(only!.facility, 0);
});
edges('returns nothing for no responses', () => {
  assert.equal(itemStatistics([], totalsOf([1, 2])), []);
});
edges.run();

// ---
const grouped = suite('facilityBy');
grouped('weights by max score, keeping groups in the order they first appear', () => {
  const rows = [
    { group: '行政处罚法', score: 1, maxScore: 2 },
    { group: '民法典', score: 0, maxScore: 1 },
    { group: '行政处罚法', score: 3, maxScore: 3 },
    { group: '行政处罚法', score: 0, maxScore: 1 },
    { group: '民法典', score: 2, maxScore: 2 },
  ];
  // 行政处罚法: (1+3+0)/(2+3+1) = 4/6 = 0.667 (the unweighted mean of 0.5, 1, 0 would be 0.5).
  // 民法典: (0+2)/(1+2) = 2/3 = 0.667 (unweighted: (0 + 1)/2 = 0.5).
  assert.equal(facilityBy(rows), [
    { group: '行政处罚法', responses: 3, facility: 0.667 },
    { group: '民法典', responses: 2, facility: 0.667 },
  ]);
});
grouped('handles composite keys such as organisation × statute', () => {
  const rows = [
    { group: '财政局|宪法', score: 1, maxScore: 4 },
    { group: '教育局|宪法', score: 4, maxScore: 4 },
    { group: '财政局|宪法', score: 2, maxScore: 4 },
  ];
  // 财政局: 3/8 = 0.375; 教育局: 4/4 = 1.
  assert.equal(facilityBy(rows), [
    { group: '财政局|宪法', responses: 2, facility: 0.375 },
    { group: '教育局|宪法', responses: 1, facility: 1 },
  ]);
});
grouped('returns nothing for no rows', () => {
  assert.equal(facilityBy([]), []);
});
grouped.run();
