// Article and clause numbers as statutes write them (第一百零三条) and as organisers type them (第103条).
import { chineseNumeral } from '../statute-parser.ts';

const DIGITS = '零一二三四五六七八九';

/** 103 → 一百零三, 110 → 一百一十, 12 → 十二 (the official style of article labels), for 1..999. */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999) throw new RangeError(`toChineseNumeral 只支持 1–999：${n}`);
  const hundreds = Math.floor(n / 100), tens = Math.floor((n % 100) / 10), ones = n % 10;
  let text = hundreds ? `${DIGITS[hundreds]}百` : '';
  // 十二 alone, but 一百一十二 inside a larger number; a zero tens digit is read as 零 only before ones.
  if (tens) text += hundreds || tens > 1 ? `${DIGITS[tens]}十` : '十';
  else if (hundreds && ones) text += '零';
  if (ones) text += DIGITS[ones];
  return text;
}

/** "三十三" or "33" (also full-width "３３") → 33; null when it is neither. */
export function parseNumeral(text: string): number | null {
  const ascii = text.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10));
  if (/^\d+$/.test(ascii)) return Number(ascii);
  if (/^[零一二三四五六七八九十百千]+$/.test(text)) return chineseNumeral(text);
  return null;
}
