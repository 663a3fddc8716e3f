// Numbers in fill-in answers are written both ways: 三十日 and 30日, 二倍, 两倍 and 2倍, 一百零五 and
// 105. Before comparing, every number is rewritten in Arabic digits, so the same number in either
// script matches and a different number never does.

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const LARGE_UNITS: Record<string, number> = { 万: 1e4, 亿: 1e8 };
// A run of numeral characters; ASCII numbers (with a decimal part) may carry Chinese units (3万).
const NUMBER_RUN = /(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿])+/g;
const TOKEN = /\d+(?:\.\d+)?|./g;

/** 三十 → 30, 一百零五 → 105, 3万5千 → 35000, 二〇二一 → 2021; a plain Arabic number stays as written. */
function numberOf(run: string): string {
  if (/^\d+(?:\.\d+)?$/.test(run)) return run;
  const tokens = run.match(TOKEN)!;
  const hasUnits = tokens.some((t) => t in SMALL_UNITS || t in LARGE_UNITS);
  if (!hasUnits) return tokens.map((t) => (t in DIGITS ? String(DIGITS[t]) : t)).join('');
  let total = 0, section = 0, current: number | null = null;
  for (const token of tokens) {
    if (token in SMALL_UNITS) { section += (current ?? 1) * SMALL_UNITS[token]!; current = null; }
    else if (token in LARGE_UNITS) { total += (section + (current ?? 0) || 1) * LARGE_UNITS[token]!; section = 0; current = null; }
    else current = token in DIGITS ? (DIGITS[token] || null) : Number(token);
  }
  return String(total + section + (current ?? 0));
}

/** Rewrites every number in the text in Arabic digits; 百分之三十 becomes 30%, 一点五 becomes 1.5. */
export function arabicNumbers(text: string): string {
  return text
    .replace(/百分之([零〇一二两三四五六七八九十百千万亿\d.]+)/g, '$1%')
    .replace(NUMBER_RUN, numberOf)
    .replace(/(\d)点(\d)/g, '$1.$2');
}
