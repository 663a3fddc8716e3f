// The 错题本 as the cadre manages it: list, take a question out, confirm an article was re-read.
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import type { AppDeps } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import { pageWindow, type PageInput } from '../http/schemas.ts';
import { presentPublic } from '../questions/present.ts';
import { questionInclude } from '../questions/queries.ts';
import { reviewStatus } from './present.ts';
import { practicableWhere } from './queries.ts';

const NO_CARD = '错题本中没有这道题';

function cardsWhere(actor: Actor) {
  return { userId: actor.userId, removedAt: null, question: practicableWhere(actor) };
}

export async function listMistakes(db: Db, actor: Actor, page: PageInput) {
  const where = cardsWhere(actor);
  const [cards, total] = await Promise.all([
    db.reviewCard.findMany({ where, include: { question: { include: questionInclude } }, orderBy: [{ due: 'asc' }, { id: 'asc' }], ...pageWindow(page) }),
    db.reviewCard.count({ where }),
  ]);
  return { items: cards.map((card) => ({ questionId: card.questionId, ...reviewStatus(card), question: presentPublic(card.question) })), total, ...page };
}

/** Removing keeps the card's history, so answering the question wrong again continues it. */
export async function removeMistake({ db, clock }: Pick<AppDeps, 'db' | 'clock'>, actor: Actor, questionId: number) {
  const { count } = await db.reviewCard.updateMany({ where: { userId: actor.userId, questionId, removedAt: null }, data: { removedAt: clock.now() } });
  if (!count) throw new NotFoundError(NO_CARD);
  return { questionId, removed: true as const };
}

/** The cadre has re-read the cited articles of a leech: it may be asked again. */
export async function markRead(db: Db, actor: Actor, questionId: number) {
  const card = await db.reviewCard.findFirst({ where: { ...cardsWhere(actor), questionId } });
  if (!card) throw new NotFoundError(NO_CARD);
  const updated = await db.reviewCard.update({ where: { id: card.id }, data: { needsReading: false } });
  return { questionId, ...reviewStatus(updated) };
}
