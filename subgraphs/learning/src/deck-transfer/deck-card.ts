import type { FsrsState } from "./fsrs-memory.ts";
import type { ImportRowError } from "./import-job.ts";

/** A card's SM-2 schedule, when the source has one (a new card has none). */
export interface CardSchedule {
  repetitions: number;
  /** Days between the last review and the next. */
  interval: number;
  easeFactor: number;
  nextReview: Date;
  lastReviewedAt: Date;
  /** The card's FSRS memory, when the source kept one. */
  fsrs?: FsrsState;
}

/** One card of a deck file, whatever its format. */
export interface DeckCard {
  /** Where it came from in the file (row or note number), for error reports. */
  row: number;
  /** Its deck as topic names from the top, e.g. ["Spanish", "Verbs"]; empty: the top. */
  path: string[];
  front: string;
  back: string;
  schedule: CardSchedule | null;
}

/** What a deck file held: its cards, and the rows that are not cards (with why). */
export interface ParsedDeck {
  cards: DeckCard[];
  errors: ImportRowError[];
}

/** The limits createFlashcard and createTopic apply, so an imported card is like a typed one. */
export const LIMITS = { front: 500, back: 2000, topicName: 120 } as const;

/** Anki and Kai's CSV both write a deck path as names joined by "::". */
export const PATH_SEPARATOR = "::";

export const splitPath = (deck: string): string[] =>
  deck
    .split(PATH_SEPARATOR)
    .map((name) => name.trim())
    .filter((name) => name.length > 0);

/** Why a card cannot be imported, or null when it can. */
export function cardProblem(card: Pick<DeckCard, "front" | "back" | "path">): string | null {
  if (card.front.length === 0) return "the front is empty";
  if (card.back.length === 0) return "the back is empty";
  if (card.front.length > LIMITS.front)
    return `the front is longer than ${LIMITS.front} characters`;
  if (card.back.length > LIMITS.back) return `the back is longer than ${LIMITS.back} characters`;
  if (card.path.some((name) => name.length > LIMITS.topicName))
    return `a deck name is longer than ${LIMITS.topicName} characters`;
  return null;
}
