// The columns of a question spreadsheet and the header spellings organisers use for them.
export const OPTION_KEYS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;
export const OPTION_COLUMNS = OPTION_KEYS.map((key) => `选项${key}` as const);
export type OptionColumn = (typeof OPTION_COLUMNS)[number];
export type Column = '编号' | '题型' | '题干' | OptionColumn | '答案' | '解析' | '法条依据' | '难度' | '标签' | '版本';

export const REQUIRED_COLUMNS: Column[] = ['题型', '题干', '答案', '解析', '法条依据'];

const VARIANTS: Array<[Column, string[]]> = [
  ['编号', ['编号', '题号', '试题编号', 'id']],
  ['题型', ['题型', '题目类型', '试题类型', '类型']],
  ['题干', ['题干', '题目', '试题内容', '题目内容', '问题', '试题']],
  ['答案', ['答案', '正确答案', '参考答案', '标准答案']],
  ['解析', ['解析', '答案解析', '试题解析', '说明']],
  ['法条依据', ['法条依据', '依据', '法律依据', '出处', '法条', '法规依据']],
  ['难度', ['难度', '难易程度', '难度等级']],
  ['标签', ['标签', '知识点', '分类']],
  ['版本', ['版本']],
  ...OPTION_KEYS.map((key): [Column, string[]] => [`选项${key}`, [`选项${key}`, key, `${key}选项`].map((v) => v.toLowerCase())]),
];
const BY_SPELLING = new Map(VARIANTS.flatMap(([column, spellings]) => spellings.map((s) => [s, column] as const)));

/** "选项（A）", " 选项 A ", "*题干", "答案(必填)" → the spelling VARIANTS lists. */
function normaliseHeader(text: string): string {
  return text
    .replace(/[（(【[](?:必填|选填|可选|非必填)[)）】\]]/g, '')
    .replace(/[\s*＊（）()【】[\]]/g, '')
    .toLowerCase();
}

export type HeaderCell = { index: number; text: string };
export type Header = { columns: Map<Column, HeaderCell>; duplicates: Array<{ column: Column; first: HeaderCell; second: HeaderCell }> };

export function readHeader(cells: string[]): Header {
  const columns = new Map<Column, HeaderCell>();
  const duplicates: Header['duplicates'] = [];
  cells.forEach((text, index) => {
    const column = BY_SPELLING.get(normaliseHeader(text));
    if (!column) return; // unknown extra columns (备注, 出题人…) are the organiser's own business
    const first = columns.get(column);
    if (first) duplicates.push({ column, first, second: { index, text } });
    else columns.set(column, { index, text });
  });
  return { columns, duplicates };
}

/** A row is taken for the header when it names at least two non-option columns; "A B C D" alone is not enough. */
export function isRecognisable(header: Header): boolean {
  return [...header.columns.keys()].filter((column) => !column.startsWith('选项')).length >= 2;
}

/** "A" for index 0, "AA" for 26: the letter shown above a spreadsheet column. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
