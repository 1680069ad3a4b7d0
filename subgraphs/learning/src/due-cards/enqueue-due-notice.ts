import type { DbOrTx } from "@kai/db";
import { enqueueEvent } from "@kai/events";
import { findDueCards } from "../db/flashcards.repo.ts";
import type { LearningSchema } from "../db/tables.ts";

/** The cards a notice names; clients page through the rest with `dueFlashcards`. */
const CARDS_PER_NOTICE = 20;

/** Enqueues `learning.flashcards_due` with the owner's current due count and soonest due cards. */
export async function enqueueDueNotice(
  tx: DbOrTx<LearningSchema>,
  ownerId: string,
  now: Date,
): Promise<void> {
  const due = await findDueCards(tx, ownerId, now, CARDS_PER_NOTICE);
  await enqueueEvent(
    tx,
    "learning.flashcards_due",
    ownerId,
    { dueCount: due.count, flashcardIds: due.ids },
    now,
  );
}
