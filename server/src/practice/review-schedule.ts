// 错题本 scheduling: when a cadre should see a question again, decided by FSRS (ts-fsrs).
// This module only maps between our stored row and ts-fsrs's Card; the scheduling is the library's.
import { createEmptyCard, fsrs, Rating, type Card, type State } from 'ts-fsrs';

/** The FSRS card fields as stored in a database row (ts-fsrs 5's Card in camelCase; dates as Date, state as the ts-fsrs State number). */
export type StoredCard = {
  due: Date;
  stability: number;
  difficulty: number;
  /** Deprecated in ts-fsrs 5 (removed in 6) but still part of its Card, so kept until then. */
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: number;
  lastReview: Date | null;
};

export const LEECH_LAPSES = 4;

// Fuzz spreads long intervals at random; off, so a retried submission stores the same row and the
// schedule a cadre is shown can be explained. Other parameters are the library defaults.
const scheduler = fsrs({ enable_fuzz: false });

/** A wrong answer is Rating.Again, a right one Rating.Good; a question never reviewed starts from createEmptyCard(now). */
export function scheduleAfterAnswer(card: StoredCard | null, correct: boolean, now: Date): StoredCard {
  const current = card ? toFsrsCard(card) : createEmptyCard(now);
  const next = scheduler.next(current, now, correct ? Rating.Good : Rating.Again).card;
  return fromFsrsCard(next);
}

/** A card whose lapses reached LEECH_LAPSES sends the cadre back to read the article first. */
export function isLeech(card: StoredCard): boolean {
  return card.lapses >= LEECH_LAPSES;
}

function toFsrsCard(card: StoredCard): Card {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsedDays,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state as State,
    last_review: card.lastReview ?? undefined,
  };
}

function fromFsrsCard(card: Card): StoredCard {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review ?? null,
  };
}
