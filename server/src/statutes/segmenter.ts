// Chinese word segmentation for article search (jieba, with its bundled dictionary). The
// dictionary takes a moment to load, so it is loaded on first use, not at start.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

let jieba: Jieba | null = null;

const MEANINGFUL = /[\p{Script=Han}A-Za-z0-9]/u;
// Function words that match nearly every article and say nothing about relevance.
const STOP_WORDS = new Set(['的', '和', '或', '或者', '及', '以及', '与', '并', '对', '在', '是', '为', '由', '等', '其', '应当', '可以', '本法', '规定', '依照', '按照', '有关', '之', '中', '上', '下', '不', '者', '所', '于', '被', '将', '向', '从', '而']);

/** Search terms of a text: jieba's search mode (words and their sub-words), without punctuation or stop words. */
export function searchTerms(text: string): string[] {
  jieba ??= Jieba.withDict(dict);
  return jieba.cutForSearch(text, true).map((term) => term.trim().toLowerCase()).filter((term) => MEANINGFUL.test(term) && !STOP_WORDS.has(term));
}
