import type { CardSchedule } from "./deck-card.ts";

const DAY_MS = 86_400_000;
const DEFAULT_FACTOR = 2500;
const MIN_EASE = 1.3;

/** Anki's card types and queues (cards.type / cards.queue). */
const TYPE = { new: 0, learning: 1, review: 2, relearning: 3 } as const;
const QUEUE_LEARNING = 1;

/** The scheduling columns of an Anki card row. */
export interface AnkiScheduling {
  type: number;
  queue: number;
  /** New: position; review/day-learning: days since the collection's creation; learning: epoch seconds. */
  due: number;
  ivl: number;
  /** Ease factor ×1000. */
  factor: number;
  reps: number;
  lapses: number;
}

/** Whether Anki holds the card as a review card: the only kind whose FSRS memory Kai keeps. */
export const isAnkiReview = (card: Pick<AnkiScheduling, "type">) => card.type === TYPE.review;

/**
 * A Kai card as Anki schedules it: new until its first review, else a review card due `due`
 * days after the collection's creation (`crt`, epoch seconds), its SM-2 repetitions as reps.
 */
export function toAnki(
  schedule: CardSchedule | null,
  crt: number,
  position: number,
): AnkiScheduling {
  if (!schedule)
    return {
      type: TYPE.new,
      queue: TYPE.new,
      due: position,
      ivl: 0,
      factor: 0,
      reps: 0,
      lapses: 0,
    };
  return {
    type: TYPE.review,
    queue: TYPE.review,
    due: Math.floor((schedule.nextReview.getTime() - crt * 1000) / DAY_MS),
    ivl: Math.max(1, schedule.interval),
    factor: Math.round(schedule.easeFactor * 1000),
    reps: schedule.repetitions,
    lapses: 0,
  };
}

/**
 * An Anki card's schedule in SM-2 terms, or null for a new card. SM-2's repetitions count the
 * successful reviews in a row, which Anki does not keep: reps minus lapses comes closest.
 * A (re)learning card is one SM-2 would show again soon: repetitions 0.
 */
export function fromAnki(card: AnkiScheduling, crt: number, now: Date): CardSchedule | null {
  if (card.type === TYPE.new) return null;
  const easeFactor = Math.max(MIN_EASE, (card.factor || DEFAULT_FACTOR) / 1000);
  if (card.type === TYPE.review) {
    const interval = Math.max(1, card.ivl);
    const nextReview = new Date(crt * 1000 + card.due * DAY_MS);
    return {
      repetitions: Math.max(1, card.reps - card.lapses),
      interval,
      easeFactor,
      nextReview,
      lastReviewedAt: new Date(nextReview.getTime() - interval * DAY_MS),
    };
  }
  const nextReview =
    card.queue === QUEUE_LEARNING
      ? new Date(card.due * 1000)
      : new Date(crt * 1000 + card.due * DAY_MS);
  const interval = card.type === TYPE.relearning ? 1 : 0;
  return {
    repetitions: 0,
    interval,
    easeFactor,
    nextReview: Number.isNaN(nextReview.getTime()) ? now : nextReview,
    lastReviewedAt: now,
  };
}
