// Answering questions through the question component as a cadre taps and types, with keys read
// from the server's database (tests only: the client never sees a key before the rules allow).
import type { MiniprogramServer } from './wx-env.ts';
import { typeInto, simulate, type Opened } from './pages.ts';

type Key = string | boolean | string[] | string[][];
export type Question = { type: 'single' | 'multiple' | 'judge' | 'fill'; options: { key: string }[] | null };

export async function keyOfVersion(server: MiniprogramServer, versionId: number): Promise<Key> {
  return (await server.app.running.deps.db.questionVersion.findUniqueOrThrow({ where: { id: versionId } })).answer as Key;
}

/** The right answer of a presence check: a generated check keeps its key, an older one points at a bank question. */
export async function keyOfCheck(server: MiniprogramServer, checkId: number): Promise<Key> {
  const check = await server.app.running.deps.db.presenceCheck.findUniqueOrThrow({ where: { id: checkId } });
  const stored = check as typeof check & { answerKey?: string | null; questionVersionId: number | null };
  if (stored.answerKey) return stored.answerKey;
  return keyOfVersion(server, stored.questionVersionId!);
}

/** What to tap or type for the right answer, or for a wrong one. */
function inputs(question: Question, key: Key, right: boolean): { taps: string[]; blanks: string[] } {
  switch (question.type) {
    case 'judge': return { taps: [String(right ? key : !key)], blanks: [] };
    case 'single': return { taps: [right ? String(key) : question.options!.find((o) => o.key !== key)!.key], blanks: [] };
    case 'multiple': {
      const keys = key as string[];
      // Wrong: an option outside the key, or (when every option is right) all but one of them.
      const outside = question.options!.find((o) => !keys.includes(o.key));
      return { taps: right ? keys : outside ? [outside.key] : keys.slice(1), blanks: [] };
    }
    case 'fill': return { taps: [], blanks: right ? (key as string[][]).map((alternatives) => alternatives[0]!) : (key as string[][]).map(() => '错误答案') };
  }
}

/** Taps the options (or types the blanks) of the `.question-view` on the page. */
export async function answer(page: Opened, question: Question, key: Key, right: boolean): Promise<void> {
  const view = page.querySelector('.question-view');
  if (!view) throw new Error('页面上没有题目');
  const { taps, blanks } = inputs(question, key, right);
  for (const option of taps) {
    view.querySelector(`.option-${option}`)!.dispatchEvent('tap');
    await simulate.sleep(0);
  }
  for (const [index, text] of blanks.entries()) await typeInto(view, `.blank-${index}`, text);
}
