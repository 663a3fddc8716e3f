// Parses a statute file of question-bank/laws (format described in its README) into chapters,
// sections and articles, each article with its clauses (款) as the official numbering counts them.

export type Paragraph = { number: number; text: string };
export type Article = { number: number; label: string; text: string; paragraphs: Paragraph[]; chapter: string | null; section: string | null };
export type Statute = { slug: string; title: string; history: string[]; articles: Article[] };

const DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 一百零三 → 103, 十二 → 12. */
export function chineseNumeral(text: string): number {
  let total = 0, current = 0;
  for (const char of text) {
    if (char in DIGITS) current = DIGITS[char]!;
    else if (char in UNITS) { total += (current || 1) * UNITS[char]!; current = 0; }
    else throw new Error(`不是中文数字：${text}`);
  }
  return total + current;
}

const ARTICLE_START = /^第([零一二三四五六七八九十百千]+)条\s+/;
// Item lines (项) belong to the clause above them; both full- and half-width brackets occur.
const ITEM_LINE = /^[（(][一二三四五六七八九十]+[）)]/;

function paragraphsOf(lines: string[]): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  for (const line of lines) {
    if (ITEM_LINE.test(line) && paragraphs.length) paragraphs.at(-1)!.text += `\n${line}`;
    else paragraphs.push({ number: paragraphs.length + 1, text: line });
  }
  return paragraphs;
}

export function parseStatute(slug: string, markdown: string): Statute {
  const blocks = markdown.replace(/\r\n/g, '\n').split(/\n\s*\n/);
  const title = /^#\s+(.+)$/m.exec(markdown)?.[1]?.trim() ?? slug;
  const history = markdown.split('\n').filter((line) => line.startsWith('> ')).map((line) => line.slice(2).trim());
  const articles: Article[] = [];
  let chapter: string | null = null, section: string | null = null;
  for (const block of blocks) {
    const lines = block.split('\n').map((line) => line.trim()).filter(Boolean);
    for (const line of lines) {
      if (line.startsWith('## ')) { chapter = line.slice(3).trim(); section = null; }
      else if (line.startsWith('### ')) section = line.slice(4).trim();
    }
    const first = lines[0];
    const match = first ? ARTICLE_START.exec(first) : null;
    if (!match) continue;
    const body = [first!.slice(match[0].length), ...lines.slice(1)];
    articles.push({ number: chineseNumeral(match[1]!), label: `第${match[1]}条`, text: body.join('\n'), paragraphs: paragraphsOf(body), chapter, section });
  }
  return { slug, title, history, articles };
}
