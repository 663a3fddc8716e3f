// Answers a presence check as a reader does: by finding, in the article on screen when it was
// asked, the one option that occurs there. Throws if none or several do: the check was unfair.
import type { Db } from '../../server/src/db/client.ts';

type Prompt = { stem: string; options: Array<{ key: string; text: string }> };

export async function readerAnswer(db: Db, checkId: number): Promise<string> {
  const check = await db.presenceCheck.findUniqueOrThrow({ where: { id: checkId } });
  const beat = await db.heartbeat.findFirstOrThrow({ where: { sessionId: check.sessionId, serverAt: { lte: check.askedAt } }, orderBy: [{ serverAt: 'desc' }, { id: 'desc' }] });
  const article = await db.article.findFirstOrThrow({ where: { number: beat.article, revision: { isCurrent: true, statute: { slug: beat.statute } } } });
  const onScreen = (check.prompt as Prompt).options.filter((option) => article.text.includes(option.text));
  if (onScreen.length !== 1) throw new Error(`check ${checkId}: ${onScreen.length} options found in ${beat.statute} 第${beat.article}条`);
  return onScreen[0]!.key;
}

/** Any option but the one on screen. */
export async function wrongAnswer(db: Db, checkId: number): Promise<string> {
  return (await readerAnswer(db, checkId)) === 'A' ? 'B' : 'A';
}
