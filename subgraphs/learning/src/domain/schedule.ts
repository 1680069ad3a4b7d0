import { type FsrsMemory, fsrsReview } from "./fsrs.ts";
import { review, type Sm2State } from "./sm2.ts";
import type { StudySettings } from "./study-settings.ts";

export interface NextSchedule extends Sm2State {
  nextReview: Date;
  fsrs: FsrsMemory;
}

/**
 * One answer under the learner's chosen scheduler. Both schedulers' states move on every
 * review (SM-2's repetitions and ease, FSRS's memory), so switching scheduler continues from
 * the card's whole history; the chosen one alone sets the interval and the next review.
 */
export function scheduleReview(
  card: Sm2State & { memory: FsrsMemory },
  quality: number,
  reviewedAt: Date,
  settings: Pick<StudySettings, "scheduler" | "desiredRetention">,
): NextSchedule {
  const sm2 = review(card, quality, reviewedAt);
  const fsrs = fsrsReview(card.memory, quality, reviewedAt, settings.desiredRetention);
  if (settings.scheduler === "SM2") return { ...sm2, fsrs: fsrs.memory };
  return { ...sm2, interval: fsrs.scheduledDays, nextReview: fsrs.due, fsrs: fsrs.memory };
}
