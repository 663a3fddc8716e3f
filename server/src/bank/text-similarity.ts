// Character-bigram measures for Chinese text: no word segmentation is needed to tell whether an
// answer's wording comes from an article, or whether two questions say the same thing.

const IGNORED = /[\s，。、；：？！,.;:?!“”"'‘’《》〈〉（）()【】\[\]—…·_-]/g;

export function normaliseText(text: string): string {
  return text.normalize('NFKC').replace(IGNORED, '').toLowerCase();
}

export function bigrams(text: string): Set<string> {
  const normal = normaliseText(text);
  const grams = new Set<string>();
  for (let i = 0; i < normal.length - 1; i++) grams.add(normal.slice(i, i + 2));
  return grams;
}

/** Share of the phrase's bigrams that occur in the source text (1 = every pair of characters found). */
export function coverageIn(phrase: string, source: string): number {
  const grams = bigrams(phrase);
  if (!grams.size) return 1;
  const haystack = normaliseText(source);
  let found = 0;
  for (const gram of grams) if (haystack.includes(gram)) found++;
  return found / grams.size;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared++;
  return shared / (a.size + b.size - shared || 1);
}
