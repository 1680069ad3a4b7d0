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
 *
 * Statements that do not depend on each other are sent together: postgres.js pipelines them
 * on the transaction's connection, so each group costs one round trip: four after the lock
 * instead of eight, for the answer and for the streak update that follows its event.
 */
export async function recordReview(
  tx: DbOrTx<LearningSchema>,
  card: FlashcardRow,
  quality: number,
  reviewedAt: Date,
): Promise<FlashcardRow> {
  const [[settings = DEFAULT_STUDY_SETTINGS], log] = await Promise.all([
    findStudySettingsByOwnerIds(tx, [card.ownerId]),
    card.fsrs ? undefined : findReviewLog(tx, card.id),
  ]);
  const memory = card.fsrs ?? replayMemory(card.createdAt, log ?? []);
  const next = scheduleReview({ ...card, memory }, quality, reviewedAt, settings);
  const [updated] = await Promise.all([
    updateSchedule(tx, card.id, { ...next, lastReviewedAt: reviewedAt }),
    insertReview(tx, {
      wasNew: card.lastReviewedAt === null,
      scheduler: settings.scheduler,
      flashcardId: card.id,
      ownerId: card.ownerId,
      quality,
      reviewedAt,
      interval: next.interval,
      easeFactor: next.easeFactor,
      repetitions: next.repetitions,
    }),
    enqueueEvent(
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
    ),
  ]);
  // After the new schedule is written: the count must see this card as no longer due.
  await enqueueDueNotice(tx, card.ownerId, reviewedAt);
  return updated;
}
