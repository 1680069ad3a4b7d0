import { State } from "ts-fsrs";
import { type FsrsMemory, newMemory } from "../domain/fsrs.ts";
import type { CardSchedule } from "./deck-card.ts";

/** A stored card's FSRS memory as deck files carry it (Anki: `cards.data` {"s", "d"}). */
export interface FsrsState {
  stability: number;
  difficulty: number;
}

/** FSRS's own bounds: stability in days (up to a century), difficulty from 1 to 10. */
export const isFsrsState = (state: { stability: unknown; difficulty: unknown }) =>
  typeof state.stability === "number" &&
  typeof state.difficulty === "number" &&
  state.stability > 0 &&
  state.stability <= 36_500 &&
  state.difficulty >= 1 &&
  state.difficulty <= 10;

/** The FSRS memory of a reviewed card, when it was worth keeping: a review card with a state. */
export function fsrsStateOf(memory: FsrsMemory | null): FsrsState | undefined {
  if (!memory || memory.state !== State.Review || !isFsrsState(memory)) return undefined;
  return { stability: memory.stability, difficulty: memory.difficulty };
}

/**
 * An imported card's FSRS memory: a review card with the file's stability and difficulty, due
 * when SM-2 says. Null without them: the first review rebuilds it from the (empty) log.
 */
export function importedMemory(schedule: CardSchedule): FsrsMemory | null {
  if (!schedule.fsrs) return null;
  return {
    ...newMemory(schedule.lastReviewedAt),
    ...schedule.fsrs,
    due: schedule.nextReview.toISOString(),
    scheduled_days: schedule.interval,
    reps: schedule.repetitions,
    state: State.Review,
    last_review: schedule.lastReviewedAt.toISOString(),
  };
}
