// Favourite questions: a private list per cadre; adding and removing are idempotent.
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import type { AppDeps } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import { pageWindow, type PageInput } from '../http/schemas.ts';
import { presentPublic } from '../questions/present.ts';
import { questionInclude } from '../questions/queries.ts';
import { practicableWhere } from './queries.ts';

export async function listFavourites(db: Db, actor: Actor, page: PageInput) {
  const where = { userId: actor.userId, question: practicableWhere(actor) };
  const [rows, total] = await Promise.all([
    db.favourite.findMany({ where, include: { question: { include: questionInclude } }, orderBy: [{ createdAt: 'desc' }, { questionId: 'desc' }], ...pageWindow(page) }),
    db.favourite.count({ where }),
  ]);
  return { items: rows.map((row) => presentPublic(row.question)), total, ...page };
}

export async function addFavourite({ db, clock }: Pick<AppDeps, 'db' | 'clock'>, actor: Actor, questionId: number) {
  const question = await db.question.findFirst({ where: { id: questionId, ...practicableWhere(actor) }, select: { id: true } });
  if (!question) throw new NotFoundError('题目不存在或无权访问');
  const key = { userId_questionId: { userId: actor.userId, questionId } };
  await db.favourite.upsert({ where: key, create: { userId: actor.userId, questionId, createdAt: clock.now() }, update: {} });
  return { questionId, favourite: true };
}

export async function removeFavourite(db: Db, actor: Actor, questionId: number) {
  await db.favourite.deleteMany({ where: { userId: actor.userId, questionId } });
  return { questionId, favourite: false };
}
