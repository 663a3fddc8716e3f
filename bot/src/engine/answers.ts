// Reading answers the way people type them on a phone: A, a, ＡＢ, 选B, AC, A C, A、C, 对/错,
// √/×, 正确/错误, and fill-in text in full-width characters. Pure functions.

export type QuestionShape = { type: 'single' | 'multiple' | 'judge' | 'fill'; options: Array<{ key: string }> | null; blanks: number };
export type ParsedResponse = string | boolean | string[];

const TRUE_WORDS = new Set(['对', '√', '✓', '✔', '正确', '是', 'T', 'TRUE', 'Y', '对的', 'V']);
const FALSE_WORDS = new Set(['错', '×', '✗', '✘', 'X', '错误', '否', '不对', 'F', 'FALSE', 'N', '错的']);
/** What people put before or after the answer itself. */
const PREFIX = /^(我选|选择|选|答案是|答案|答|我的答案是)[:：\s]*/;
const SUFFIX = /[。.!！]+$/;

/** Full-width letters, digits, spaces and punctuation to their ASCII forms, trimmed. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

function stripDecoration(text: string): string {
  return normaliseText(text).replace(PREFIX, '').replace(SUFFIX, '').trim();
}

/** The option letters in a reply ("A C", "a、c", "AC"), upper case, or null if anything else is there. */
function letters(text: string): string[] | null {
  const compact = stripDecoration(text).toUpperCase().replace(/[\s,，、;；/]+/g, '');
  return /^[A-Z]{1,10}$/.test(compact) ? [...compact] : null;
}

export function parseJudge(text: string): boolean | null {
  const word = stripDecoration(text).toUpperCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return null;
}

/**
 * The response to send for a reply to this question, or null when the reply is not an answer
 * (so the engine can treat it as a command or explain the notation).
 */
export function parseAnswer(text: string, question: QuestionShape): ParsedResponse | null {
  if (question.type === 'judge') return parseJudge(text);
  if (question.type === 'fill') return parseFill(text, question.blanks);
  const picked = letters(text);
  if (!picked) return null;
  const keys = new Set((question.options ?? []).map((option) => option.key.toUpperCase()));
  const unique = [...new Set(picked)];
  if (!unique.every((key) => keys.has(key))) return null;
  if (question.type === 'single') return unique.length === 1 ? unique[0]! : null;
  return unique.sort();
}

/** One string per blank: the whole reply for one blank, else split on spaces and list marks. */
export function parseFill(text: string, blanks: number): string[] | null {
  const answer = stripDecoration(text);
  if (!answer) return null;
  if (blanks <= 1) return [answer];
  const parts = answer.split(/[\s,，、;；/|]+/).filter(Boolean);
  return parts.length === blanks ? parts : null;
}

/** Could this group message be an answer at all? Groups chat a lot; only these reach the server. */
export function looksLikeAnswer(text: string): boolean {
  const plain = normaliseText(text);
  if (/^答[:：\s]/.test(plain)) return true;
  return letters(plain) !== null && plain.length <= 12 || parseJudge(plain) !== null;
}

/** How to answer a question of this type, for the prompt and for a reply that was not understood. */
export function answerHint(question: QuestionShape): string {
  switch (question.type) {
    case 'single': return '请回复选项字母，例如 A';
    case 'multiple': return '请回复全部正确选项，例如 AC 或 A C';
    case 'judge': return '请回复 对 或 错（也可用 √ ×、正确 错误）';
    default: return question.blanks > 1 ? `请依次回复 ${question.blanks} 个空的答案，用空格或顿号隔开` : '请直接回复所填内容';
  }
}
