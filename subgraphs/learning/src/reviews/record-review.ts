import type { DbOrTx } from "@kai/db";
import { enqueueEvent } from "@kai/events";
import { updateSchedule } from "../db/flashcards.repo.ts";
import { findReviewLog, insertReview } from "../db/reviews.repo.ts";
import type { FlashcardRow } from "../db/schema.ts";
import { findStudySettingsByOwnerIds } from "../db/study-settings.repo.ts";
import type { LearningSchema } from "../db/tables.ts";
import { replayMemory } from "../domain/fsrs.ts";
import { scheduleReview } from "../domain/schedule.ts";
import { DEFAULT_STUDY_SETTINGS } from "../domain/study-settings.ts";
import { enqueueDueNotice } from "../due-cards/enqueue-due-notice.ts";

/**
 * The fair-points rule, from learning's side: an answer scores only when the card was due
 * (a new card is due at once). Re-reviewing a card before it is due again is logged and
 * rescheduled like any review, but earns nothing; progress awards what `scored` says.
 */
export function isScoredReview(card: Pick<FlashcardRow, "nextReview">, reviewedAt: Date): boolean {
  return card.nextReview.getTime() <= reviewedAt.getTime();
}

/**
 * Applies one answer to a locked card: the new schedule (SM-2 or FSRS, as the owner chose), a
 * line in the review log, the `learning.flashcard_reviewed` event and a fresh due count, all
 * in the caller's transaction.
 */
export async function recordReview(
  tx: DbOrTx<LearningSchema>,
  card: FlashcardRow,
  quality: number,
  reviewedAt: Date,
): Promise<FlashcardRow> {
  const [settings = DEFAULT_STUDY_SETTINGS] = await findStudySettingsByOwnerIds(tx, [card.ownerId]);
  const memory = card.fsrs ?? replayMemory(card.createdAt, await findReviewLog(tx, card.id));
  const next = scheduleReview({ ...card, memory }, quality, reviewedAt, settings);
  const updated = await updateSchedule(tx, card.id, { ...next, lastReviewedAt: reviewedAt });
  await insertReview(tx, {
    wasNew: card.lastReviewedAt === null,
    scheduler: settings.scheduler,
    flashcardId: card.id,
    ownerId: card.ownerId,
    quality,
    reviewedAt,
    interval: next.interval,
    easeFactor: next.easeFactor,
    repetitions: next.repetitions,
  });
  await enqueueEvent(
    tx,
    "learning.flashcard_reviewed",
    card.ownerId,
    {
      flashcardId: card.id,
      topicId: card.topicId,
      quality,
      repetitions: next.repetitions,
      interval: next.interval,
      easeFactor: next.easeFactor,
      nextReview: next.nextReview.toISOString(),
      scored: isScoredReview(card, reviewedAt),
    },
    reviewedAt,
  );
  await enqueueDueNotice(tx, card.ownerId, reviewedAt);
  return updated;
}
