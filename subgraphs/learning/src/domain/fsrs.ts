import { type Card, createEmptyCard, fsrs, type Grade, Rating } from "ts-fsrs";

/** A ts-fsrs Card as stored in JSON: its dates as ISO strings. */
export type FsrsMemory = Omit<Card, "due" | "last_review"> & {
  due: string;
  last_review?: string;
};

/**
 * Kai's 0–5 answer as an FSRS grade: below 3 is forgotten (Again); 3 recalled with effort
 * (Hard), 4 recalled (Good), 5 effortless (Easy).
 */
export function gradeOf(quality: number): Grade {
  if (quality < 3) return Rating.Again;
  if (quality === 3) return Rating.Hard;
  if (quality === 4) return Rating.Good;
  return Rating.Easy;
}

// ts-fsrs's defaults (FSRS-6 weights, short-term learning steps, no fuzz), so the schedule
// is deterministic; only the requested retention varies per learner. Building one is cheap,
// and a cache keyed by a learner-chosen number would only grow.
const schedulerFor = (desiredRetention: number) => fsrs({ request_retention: desiredRetention });

const stored = (card: Card): FsrsMemory => ({
  ...card,
  due: card.due.toISOString(),
  last_review: card.last_review?.toISOString(),
});

/** A card never reviewed, as FSRS sees it. */
export function newMemory(createdAt: Date): FsrsMemory {
  return stored(createEmptyCard(createdAt));
}

export interface FsrsOutcome {
  memory: FsrsMemory;
  due: Date;
  /** Whole days until `due`; 0 while the card is in its (re)learning steps. */
  scheduledDays: number;
}

/** One answer applied to a card's FSRS memory, as ts-fsrs schedules it. */
export function fsrsReview(
  memory: FsrsMemory,
  quality: number,
  reviewedAt: Date,
  desiredRetention: number,
): FsrsOutcome {
  const { card } = schedulerFor(desiredRetention).next(memory, reviewedAt, gradeOf(quality));
  return { memory: stored(card), due: card.due, scheduledDays: card.scheduled_days };
}

/**
 * A card's FSRS memory rebuilt from its review log (oldest first): how a card reviewed before
 * FSRS was chosen, or before Kai kept FSRS state, keeps its history. The requested retention
 * shapes only intervals, never the memory, so any value gives the same state.
 */
export function replayMemory(
  createdAt: Date,
  log: readonly { quality: number; reviewedAt: Date }[],
): FsrsMemory {
  return log.reduce(
    (memory, { quality, reviewedAt }) => fsrsReview(memory, quality, reviewedAt, 0.9).memory,
    newMemory(createdAt),
  );
}
