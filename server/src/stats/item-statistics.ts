// Classical item analysis for the question bank: how hard each question was, whether it separates
// cadres who know the law from those who do not, and which wrong options drew answers.
// Pure functions over graded answers; the reporting service loads the rows.

export type ItemResponse = { attemptId: number; questionId: number; score: number; maxScore: number; chosen: string[] | null };
/** One entry per graded attempt: its total score. */
export type AttemptTotal = { attemptId: number; total: number };
export type ItemStatistic = {
  questionId: number;
  responses: number;
  /** Mean score ÷ max score, 0..1. */
  facility: number;
  /** Facility in the top 27 % of attempts by total minus facility in the bottom 27 % (at least one attempt per group; ties broken by attemptId). null with fewer than 2 attempts. */
  discrimination: number | null;
  /** Pearson correlation between the item's score fraction and the attempt's total score with this item removed (corrected point-biserial); null when either has zero variance. */
  pointBiserial: number | null;
  /** How many responses chose each option key (choice questions), e.g. {A: 3, B: 10}; {} otherwise. */
  optionCounts: Record<string, number>;
  /** Negative discrimination (either index below 0): the key may be wrong or the question misleading. */
  flagged: boolean;
};

/** The share of attempts in each of the upper and lower groups (Kelley's 27 %). */
const GROUP_SHARE = 0.27;

/** One response joined to its attempt's total. */
type Scored = { attemptId: number; score: number; maxScore: number; total: number };

/** Describes every question answered, ordered by questionId; responses without a graded attempt count only towards facility. */
export function itemStatistics(responses: ItemResponse[], totals: AttemptTotal[]): ItemStatistic[] {
  const totalOf = new Map(totals.map((t) => [t.attemptId, t.total]));
  const byQuestion = new Map<number, ItemResponse[]>();
  for (const response of responses) pushTo(byQuestion, response.questionId, response);
  return [...byQuestion.keys()].sort((a, b) => a - b).map((id) => describeItem(id, byQuestion.get(id)!, totalOf));
}

function describeItem(questionId: number, rows: ItemResponse[], totalOf: Map<number, number>): ItemStatistic {
  const scored: Scored[] = rows
    .filter((row) => totalOf.has(row.attemptId))
    .map((row) => ({ attemptId: row.attemptId, score: row.score, maxScore: row.maxScore, total: totalOf.get(row.attemptId)! }));
  const discrimination = maybeRound(upperLowerIndex(scored));
  const pointBiserial = maybeRound(pearson(scored.map((s) => ratio(s.score, s.maxScore)), scored.map((s) => s.total - s.score)));
  return {
    questionId,
    responses: rows.length,
    facility: round3(facilityOf(rows)),
    discrimination,
    pointBiserial,
    optionCounts: countOptions(rows),
    // Decided on the rounded values, so an index reported as 0 is never flagged.
    flagged: (discrimination ?? 0) < 0 || (pointBiserial ?? 0) < 0,
  };
}

/** Upper-group facility minus lower-group facility; ranks by total, then lower attemptId first. */
function upperLowerIndex(scored: Scored[]): number | null {
  if (scored.length < 2) return null;
  const ranked = [...scored].sort((a, b) => b.total - a.total || a.attemptId - b.attemptId);
  const size = Math.max(1, Math.round(GROUP_SHARE * ranked.length));
  return facilityOf(ranked.slice(0, size)) - facilityOf(ranked.slice(-size));
}

/** Pearson's r; null when there are fewer than 2 pairs or either side is constant. */
function pearson(xs: number[], ys: number[]): number | null {
  // Constancy is tested on the values, not on a computed variance, which rounding leaves a hair above 0.
  if (xs.length < 2 || isConstant(xs) || isConstant(ys)) return null;
  const meanX = mean(xs);
  const meanY = mean(ys);
  let sxy = 0, sxx = 0, syy = 0;
  for (const [i, x] of xs.entries()) {
    const dx = x - meanX;
    const dy = ys[i]! - meanY;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

function countOptions(rows: ItemResponse[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const key of rows.flatMap((row) => row.chosen ?? [])) counts.set(key, (counts.get(key) ?? 0) + 1);
  return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * Answers of one question sharing their points value, as sums in cents (stats/item-rollup.ts): n,
 * Σs, Σs², Σr, Σr², Σs·r, with s an answer's score and r its attempt's score without it.
 */
export type AnswerSums = { points: number; responses: bigint; scoreSum: bigint; scoreSquares: bigint; restSum: bigint; restSquares: bigint; scoreRestProducts: bigint };

/**
 * Responses, facility and corrected point-biserial of one question from the sums of its answers:
 * the figures itemStatistics gives from the answers themselves (each answer here has its attempt's
 * total). Whether either side is constant is decided on the integers, so a null is exact.
 */
export function statisticFromSums(groups: AnswerSums[]): Pick<ItemStatistic, 'responses' | 'facility' | 'pointBiserial'> {
  const n = groups.reduce((total, g) => total + g.responses, 0n);
  const scored = groups.reduce((total, g) => total + Number(g.scoreSum) / 100, 0);
  const possible = groups.reduce((total, g) => total + Number(g.responses) * g.points, 0);
  return { responses: Number(n), facility: roundedFacility(scored, possible), pointBiserial: maybeRound(pointBiserialOf(groups, n)) };
}

function pointBiserialOf(groups: AnswerSums[], n: bigint): number | null {
  const restSum = groups.reduce((total, g) => total + g.restSum, 0n);
  const restSquares = groups.reduce((total, g) => total + g.restSquares, 0n);
  const restVariation = n * restSquares - restSum * restSum;
  if (n < 2n || restVariation === 0n || scoreFractionIsConstant(groups)) return null;
  // x = s ÷ (100 × points) per group; its sums are exact rationals evaluated in floating point.
  let sx = 0, sxx = 0, sxr = 0;
  for (const g of groups) {
    if (g.points === 0) continue;
    const scale = 100 * g.points;
    sx += Number(g.scoreSum) / scale;
    sxx += Number(g.scoreSquares) / (scale * scale);
    sxr += Number(g.scoreRestProducts) / scale;
  }
  const count = Number(n);
  const xVariation = sxx - (sx * sx) / count;
  const covariation = sxr - (sx * Number(restSum)) / count;
  return covariation / Math.sqrt(xVariation * (Number(restVariation) / count));
}

/** Every answer at one score fraction: constant within each group (n·Σs² = (Σs)²) and equal across groups. */
function scoreFractionIsConstant(groups: AnswerSums[]): boolean {
  const fractions = groups.filter((g) => g.responses > 0n).map((g) => {
    if (g.responses * g.scoreSquares !== g.scoreSum * g.scoreSum) return null;
    // The group's one score, in the same floating-point value the answer row holds.
    return ratio(Number(g.scoreSum / g.responses) / 100, g.points);
  });
  return fractions.every((f) => f !== null && f === fractions[0]);
}

/** Σscore ÷ Σpoints as reported (3 decimals; 0 when nothing could be scored). */
export const roundedFacility = (score: number, points: number) => round3(ratio(score, points));

/** Option counts summed over groups, keys sorted, options nobody chose left out. */
export function sumOptionCounts(counts: Array<Record<string, number>>): Record<string, number> {
  const total = new Map<string, number>();
  for (const entry of counts) for (const [key, value] of Object.entries(entry)) if (value) total.set(key, (total.get(key) ?? 0) + value);
  return Object.fromEntries([...total].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Mean facility per group (e.g. per statute, or per organisation × statute), weighted by max score: Σscore ÷ Σmax. Groups keep the order they first appear in. */
export function facilityBy<K extends string>(rows: Array<{ group: K; score: number; maxScore: number }>): Array<{ group: K; responses: number; facility: number }> {
  const groups = new Map<K, Array<{ score: number; maxScore: number }>>();
  for (const row of rows) pushTo(groups, row.group, row);
  return [...groups].map(([group, members]) => ({ group, responses: members.length, facility: round3(facilityOf(members)) }));
}

function facilityOf(rows: Array<{ score: number; maxScore: number }>): number {
  return ratio(sum(rows.map((r) => r.score)), sum(rows.map((r) => r.maxScore)));
}

/** A share whose denominator is 0 (nothing could be scored) is reported as 0 rather than NaN. */
function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const mean = (values: number[]) => sum(values) / values.length;
const isConstant = (values: number[]) => values.every((v) => v === values[0]);
const maybeRound = (value: number | null) => (value === null ? null : round3(value));

/** Rounds to 3 decimals for reporting; `+ 0` turns -0 into 0 so a tiny negative is not shown as "-0". */
function round3(value: number): number {
  return Math.round(Number((value * 1000).toPrecision(12))) / 1000 + 0;
}
