// Keeps the 错题本 in step with practice answers: a wrong answer files (or re-files) the
// question, a right answer reschedules a card already there but never creates one.
import type { Tx } from '../db/client.ts';
import { isLeech, scheduleAfterAnswer, type StoredCard } from './review-schedule.ts';

type CardRow = StoredCard & { needsReading: boolean; removedAt: Date | null };

export async function updateReviewCard(tx: Tx, input: { userId: number; questionId: number; correct: boolean; now: Date }) {
  const { userId, questionId, correct, now } = input;
  const where = { userId_questionId: { userId, questionId } };
  const existing = await tx.reviewCard.findUnique({ where });
  if (correct && (!existing || existing.removedAt)) return null;
  // A removed card keeps its history: answering it wrong again is one more lapse, not a fresh start.
  const next = scheduleAfterAnswer(existing, correct, now);
  const data = { ...next, needsReading: needsReading(existing, next), removedAt: null };
  return tx.reviewCard.upsert({ where, create: { userId, questionId, ...data, createdAt: now }, update: data });
}

/**
 * A lapse that leaves the card a leech sends the cadre back to the article. Only a new lapse
 * does: once the article is re-read, lapses stay at or above the threshold, and a right answer
 * then must not send the cadre back again. An unread flag stays until POST /practice/reading.
 */
function needsReading(existing: CardRow | null, next: StoredCard): boolean {
  if (existing?.needsReading) return true;
  return next.lapses > (existing?.lapses ?? 0) && isLeech(next);
}
