// Builds a presence check from the text on the reader's screen at the moment of asking: "which
// of these phrases is in the article you are reading?", the right phrase drawn from that article
// and the others from its neighbours. Nothing in the question bank answers it, and each asking
// draws afresh, so a bot must read the screen to pass. Pure: the randomness is passed in.

export const PRESENCE_OPTION_COUNT = 6;
const KEYS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
const MIN_PHRASE = 6;
const MAX_PHRASE = 18;

export type ArticleText = { number: number; text: string };
export type PresencePrompt = { stem: string; options: Array<{ key: string; text: string }>; answerKey: string };

/** Clauses between punctuation, long enough to recognise and short enough to read in a glance. */
export function phrasesOf(text: string): string[] {
  return [...new Set(text.split(/[，。；：、！？,.;:!?\s“”「」（）()《》]+/u)
    .map((part) => part.trim())
    .filter((part) => [...part].length >= MIN_PHRASE && [...part].length <= MAX_PHRASE))];
}

function pick<T>(items: T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/**
 * The check for `current`, or null when it cannot be fair: the article has no phrase of a readable
 * length, or the neighbours offer fewer than five phrases that do not also occur in it.
 */
export function buildPresencePrompt(current: ArticleText, neighbours: ArticleText[], random: () => number): PresencePrompt | null {
  const own = phrasesOf(current.text);
  if (!own.length) return null;
  const answer = pick(own, random);
  const foreign = [...new Set(neighbours.filter((a) => a.number !== current.number).flatMap((a) => phrasesOf(a.text)))]
    .filter((phrase) => !current.text.includes(phrase) && !phrase.includes(answer) && !answer.includes(phrase));
  if (foreign.length < PRESENCE_OPTION_COUNT - 1) return null;
  const texts = shuffle([answer, ...shuffle(foreign, random).slice(0, PRESENCE_OPTION_COUNT - 1)], random);
  const options = texts.map((text, index) => ({ key: KEYS[index]!, text }));
  return {
    stem: `在场确认：下列哪一句出自您正在阅读的第${current.number}条？`,
    options,
    answerKey: options.find((option) => option.text === answer)!.key,
  };
}
