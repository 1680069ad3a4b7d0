/**
 * SuperMemo-2 scheduling: given a card's state and how well it was recalled (0..5),
 * compute the next state and when the card is due again.
 */

export interface Sm2State {
  repetitions: number;
  interval: number;
  easeFactor: number;
}

export const NEW_CARD: Sm2State = Object.freeze({ repetitions: 0, interval: 0, easeFactor: 2.5 });

const MIN_EASE_FACTOR = 1.3;
/**
 * A hundred years, as in Anki: SM-2's product grows without bound when a card is drilled
 * (twenty perfect answers in a row pass any date a database can store), and no one reviews
 * a card later than this anyway.
 */
export const MAX_INTERVAL_DAYS = 36_500;
const PASSING_QUALITY = 3;
const DAY_MS = 86_400_000;

export function isQuality(q: number): boolean {
  return Number.isInteger(q) && q >= 0 && q <= 5;
}

function nextInterval(state: Sm2State, quality: number): number {
  if (quality < PASSING_QUALITY) return 1;
  if (state.repetitions === 0) return 1;
  if (state.repetitions === 1) return 6;
  return Math.min(MAX_INTERVAL_DAYS, Math.round(state.interval * state.easeFactor));
}

function nextEaseFactor(easeFactor: number, quality: number): number {
  const miss = 5 - quality;
  return Math.max(MIN_EASE_FACTOR, easeFactor + (0.1 - miss * (0.08 + miss * 0.02)));
}

export function review(
  state: Sm2State,
  quality: number,
  reviewedAt: Date,
): Sm2State & { nextReview: Date } {
  if (!isQuality(quality)) {
    throw new RangeError(`SM-2 quality must be an integer from 0 to 5, got ${quality}`);
  }
  const interval = nextInterval(state, quality);
  return {
    repetitions: quality < PASSING_QUALITY ? 0 : state.repetitions + 1,
    interval,
    easeFactor: nextEaseFactor(state.easeFactor, quality),
    nextReview: new Date(reviewedAt.getTime() + interval * DAY_MS),
  };
}
