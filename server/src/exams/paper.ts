// How a paper item looks to the cadre: options in the shown order under shown keys, and the
// response translated between shown keys and the question's own keys (which is what is stored,
// so statistics count real options whatever the shuffle).
import { FILL_BLANK } from '../bank/question-format.ts';

type Option = { key: string; text: string };
export type ItemRow = {
  ordinal: number;
  points: number;
  optionMap: unknown;
  response: unknown;
  responseSeq: number;
  questionVersion: { type: 'single' | 'multiple' | 'judge' | 'fill'; stem: string; options: unknown };
};

const mapOf = (item: { optionMap: unknown }) => item.optionMap as Record<string, string> | null;

export function shownOptions(item: ItemRow): Option[] | null {
  const options = item.questionVersion.options as Option[] | null;
  if (!options) return null;
  const map = mapOf(item);
  if (!map) return options;
  const byKey = new Map(options.map((o) => [o.key, o.text]));
  return Object.entries(map).map(([shown, original]) => ({ key: shown, text: byKey.get(original)! }));
}

/** Translates choice keys through the map (shown → own, or own → shown with `reverse`). */
export function translateKeys(value: unknown, item: { optionMap: unknown }, reverse = false): unknown {
  const map = mapOf(item);
  if (!map || value === null || typeof value === 'boolean') return value;
  const lookup = reverse ? Object.fromEntries(Object.entries(map).map(([shown, own]) => [own, shown])) : map;
  if (typeof value === 'string') return lookup[value] ?? value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return (value as string[]).map((v) => lookup[v] ?? v).sort();
  return value;
}

export function presentItem(item: ItemRow) {
  const version = item.questionVersion;
  return {
    ordinal: item.ordinal, type: version.type, stem: version.stem, options: shownOptions(item),
    blanks: version.type === 'fill' ? version.stem.split(FILL_BLANK).length - 1 : 0,
    points: item.points, response: translateKeys(item.response, item, true) ?? null, seq: item.responseSeq,
  };
}
