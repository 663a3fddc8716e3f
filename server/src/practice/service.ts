// Serving practice questions, one function per kind of mode. Every query stays inside what the
// actor may practise (practicableWhere), and only memorize items carry the key.
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import type { AppDeps } from '../deps.ts';
import { currentVersion } from '../questions/present.ts';
import { questionInclude, type QuestionRow } from '../questions/queries.ts';
import { memorizeItem, questionItem, readItem } from './present.ts';
import { answerCounts, articleTexts, filteredWhere, practicableWhere } from './queries.ts';
import type { PracticeQuestionsInput } from './schemas.ts';
import { dailyPick, pickLeastAnswered, pickRandom, shanghaiDate } from './selection.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

export async function practiceQuestions(deps: Deps, actor: Actor, query: PracticeQuestionsInput) {
  switch (query.mode) {
    case 'daily': return dailyQuestion(deps, actor);
    case 'review': return dueReviews(deps, actor, query.count);
    case 'memorize': return memorizeItems(deps.db, actor, query);
    default: return chosenQuestions(deps.db, actor, query);
  }
}

/** Filtered modes favour what the cadre has practised least; "random" is a plain draw. */
async function chosenIds(db: Db, actor: Actor, query: PracticeQuestionsInput): Promise<number[]> {
  const where = await filteredWhere(db, actor, query);
  const ids = (await db.question.findMany({ where, select: { id: true } })).map((q) => q.id);
  if (query.mode === 'random' || query.mode === 'memorize') return pickRandom(ids, query.count);
  return pickLeastAnswered(ids, await answerCounts(db, actor.userId), query.count);
}

/** The rows of the given questions, in the order of the ids. */
async function questionsInOrder(db: Db, ids: number[]): Promise<QuestionRow[]> {
  const rows = await db.question.findMany({ where: { id: { in: ids } }, include: questionInclude });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

async function chosenQuestions(db: Db, actor: Actor, query: PracticeQuestionsInput) {
  return (await questionsInOrder(db, await chosenIds(db, actor, query))).map(questionItem);
}

async function memorizeItems(db: Db, actor: Actor, query: PracticeQuestionsInput) {
  const rows = await questionsInOrder(db, await chosenIds(db, actor, query));
  const texts = await articleTexts(db, rows.flatMap((row) => currentVersion(row).citations));
  return rows.map((row) => memorizeItem(row, texts));
}

/** One national question per organisation and Beijing day, the same on every server. */
async function dailyQuestion({ db, clock }: Deps, actor: Actor) {
  const national = await db.question.findMany({ where: { organizationId: null, status: 'active' }, select: { id: true }, orderBy: { id: 'asc' } });
  const id = dailyPick(national.map((q) => q.id), shanghaiDate(clock.now()), actor.organizationId);
  return id === null ? [] : (await questionsInOrder(db, [id])).map(questionItem);
}

/** 错题本 cards due now, earliest first; a leech is served as its article to re-read. */
async function dueReviews({ db, clock }: Deps, actor: Actor, count: number) {
  const cards = await db.reviewCard.findMany({
    where: { userId: actor.userId, removedAt: null, due: { lte: clock.now() }, question: practicableWhere(actor) },
    include: { question: { include: questionInclude } }, orderBy: [{ due: 'asc' }, { id: 'asc' }], take: count,
  });
  const leeches = cards.filter((card) => card.needsReading).map((card) => card.question);
  const texts = await articleTexts(db, leeches.flatMap((row) => currentVersion(row).citations));
  return cards.map((card) => (card.needsReading ? readItem(card.question, texts) : questionItem(card.question)));
}
