import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { State } from 'ts-fsrs';
import { isLeech, LEECH_LAPSES, scheduleAfterAnswer, type StoredCard } from '../../../server/src/practice/review-schedule.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const start = new Date('2025-03-01T08:00:00Z');
const after = (date: Date, ms: number) => new Date(date.getTime() + ms);

/** Answers the card each time it falls due, as a diligent cadre would; returns every card produced. */
function answerAtDue(card: StoredCard | null, answers: boolean[], now = start): StoredCard[] {
  const cards: StoredCard[] = [];
  for (const correct of answers) {
    card = scheduleAfterAnswer(card, correct, card ? card.due : now);
    cards.push(card);
  }
  return cards;
}

/** Answers right at each due date until the card is back in Review. */
function relearn(card: StoredCard): StoredCard {
  for (let i = 0; i < 5 && card.state !== State.Review; i++) card = scheduleAfterAnswer(card, true, card.due);
  assert.is(card.state, State.Review, 'relearning should end in Review within 5 right answers');
  return card;
}

/** A card 10 days into Review, as a database row would hold it. */
function buildReviewCard(overrides: Partial<StoredCard> = {}): StoredCard {
  return {
    due: after(start, 10 * DAY), stability: 10, difficulty: 5, elapsedDays: 0, scheduledDays: 10,
    learningSteps: 0, reps: 3, lapses: 0, state: State.Review, lastReview: start, ...overrides,
  };
}

// ---
const first = suite('scheduleAfterAnswer: a question never reviewed');
first('a wrong answer brings it back the same day, still learning, with no lapse yet', () => {
  const card = scheduleAfterAnswer(null, false, start);
  assert.ok(card.due > start, `due ${card.due.toISOString()}`);
  assert.ok(card.due <= after(start, DAY), `due ${card.due.toISOString()}`);
  assert.is(card.state, State.Learning);
  // FSRS counts a lapse only when a card in Review is forgotten.
  assert.is(card.lapses, 0);
  assert.is(card.reps, 1);
  assert.equal(card.lastReview, start);
});
first('a right answer also starts learning, due again within a day', () => {
  const card = scheduleAfterAnswer(null, true, start);
  assert.is(card.state, State.Learning);
  assert.ok(card.due > start && card.due <= after(start, DAY), `due ${card.due.toISOString()}`);
});
first.run();

// ---
const stored = suite('scheduleAfterAnswer: a stored card');
stored('reads every stored field: a right answer keeps it in Review, further out, one more rep', () => {
  const card = buildReviewCard();
  const next = scheduleAfterAnswer(card, true, card.due);
  assert.is(next.state, State.Review);
  assert.is(next.reps, 4);
  assert.is(next.lapses, 0);
  assert.ok(next.scheduledDays > 10, `${next.scheduledDays} days`);
  assert.equal(next.lastReview, card.due);
});
stored('a wrong answer in Review is a lapse and sends the card to relearning within a day', () => {
  const card = buildReviewCard({ lapses: 2 });
  const next = scheduleAfterAnswer(card, false, card.due);
  assert.is(next.state, State.Relearning);
  assert.is(next.lapses, 3);
  assert.ok(next.due > card.due && next.due <= after(card.due, DAY), `due ${next.due.toISOString()}`);
});
stored('leaves the card it was given unchanged', () => {
  const card = buildReviewCard();
  scheduleAfterAnswer(card, false, card.due);
  assert.equal(card, buildReviewCard());
});
stored.run();

// ---
const growth = suite('scheduleAfterAnswer: right answers');
growth('push the due date further out each time, by a growing interval', () => {
  const cards = answerAtDue(null, Array(8).fill(true));
  const review = cards.filter((card) => card.state === State.Review);
  assert.ok(review.length >= 6, `${review.length} reviews`);
  for (let i = 1; i < review.length; i++) {
    assert.ok(review[i]!.due > review[i - 1]!.due, `review ${i}`);
    assert.ok(review[i]!.scheduledDays > review[i - 1]!.scheduledDays, `review ${i}: ${review[i - 1]!.scheduledDays} → ${review[i]!.scheduledDays} days`);
  }
});
growth('schedule exactly round(stability) days out, so no fuzz is applied', () => {
  // At the default 90 % target retention, FSRS's interval is the stability itself (stability is
  // defined as the interval at which recall falls to 90 %); fuzz would move intervals of 3+ days.
  const cards = answerAtDue(null, Array(8).fill(true));
  for (const [i, card] of cards.entries()) {
    if (card.state !== State.Review) continue;
    assert.is(card.scheduledDays, Math.round(card.stability), `answer ${i + 1}`);
    assert.is(card.due.getTime() - card.lastReview!.getTime(), card.scheduledDays * DAY, `answer ${i + 1}`);
  }
});
growth('gives the same card for the same inputs', () => {
  const card = buildReviewCard();
  assert.equal(scheduleAfterAnswer(card, true, card.due), scheduleAfterAnswer(card, true, card.due));
  assert.equal(answerAtDue(null, [true, false, true, true]), answerAtDue(null, [true, false, true, true]));
});
growth.run();

// ---
const leech = suite('isLeech');
leech(`is a leech after ${LEECH_LAPSES} lapses, each a wrong answer once the card had graduated`, () => {
  assert.is(LEECH_LAPSES, 4);
  let card = answerAtDue(null, [true, true]).at(-1)!;
  assert.is(card.state, State.Review);
  for (let lapse = 1; lapse <= 4; lapse++) {
    assert.is(isLeech(card), false, `before lapse ${lapse}`);
    card = scheduleAfterAnswer(card, false, card.due);
    assert.is(card.lapses, lapse);
    if (lapse < 4) card = relearn(card);
  }
  assert.is(isLeech(card), true);
  assert.is(isLeech(relearn(card)), true, 'stays a leech after relearning');
});
leech('wrong answers in a row while relearning count as one lapse, so they do not make a leech', () => {
  const graduated = answerAtDue(null, [true, true]).at(-1)!;
  const card = answerAtDue(graduated, [false, false, false, false]).at(-1)!;
  assert.is(card.lapses, 1);
  assert.is(isLeech(card), false);
});
leech('reads only the stored lapses', () => {
  assert.is(isLeech(buildReviewCard({ lapses: 3 })), false);
  assert.is(isLeech(buildReviewCard({ lapses: 4 })), true);
  assert.is(isLeech(buildReviewCard({ lapses: 7 })), true);
});
leech.run();
