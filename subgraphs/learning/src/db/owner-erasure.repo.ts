import type { DbOrTx } from "@kai/db";
import { eq } from "drizzle-orm";
import {
  aiCalls,
  deckExports,
  flashcards,
  importJobs,
  reviews,
  studySettings,
  syllabi,
  topics,
} from "./schema.ts";
import type { LearningSchema } from "./tables.ts";

/** Rows deleted per table, for the log line that records an erasure. */
export type ErasedRows = Record<
  | "topics"
  | "flashcards"
  | "reviews"
  | "syllabi"
  | "aiCalls"
  | "studySettings"
  | "importJobs"
  | "deckExports",
  number
>;

/**
 * Deletes everything learning holds of one owner: topics, cards, the review log, syllabi, study
 * settings, deck imports and the AI ledger. Each table is cleared by its own owner_id rather than left to the topic
 * cascade: the ledger has no foreign key at all, and the erasure should not depend on one.
 */
export async function deleteEverythingOfOwner(
  db: DbOrTx<LearningSchema>,
  ownerId: string,
): Promise<ErasedRows> {
  // Children first: the counts then say what each table held, not what a cascade took.
  const count = async (rows: Promise<unknown[]>) => (await rows).length;
  const erased = {
    // Expired now rather than deleted: the export sweeper removes each file with its row.
    deckExports: await count(
      db
        .update(deckExports)
        .set({ expiresAt: new Date(0) })
        .where(eq(deckExports.ownerId, ownerId))
        .returning({ id: deckExports.id }),
    ),
    importJobs: await count(
      db.delete(importJobs).where(eq(importJobs.ownerId, ownerId)).returning({ id: importJobs.id }),
    ),
    reviews: await count(
      db.delete(reviews).where(eq(reviews.ownerId, ownerId)).returning({ id: reviews.id }),
    ),
    syllabi: await count(
      db.delete(syllabi).where(eq(syllabi.ownerId, ownerId)).returning({ id: syllabi.id }),
    ),
    flashcards: await count(
      db.delete(flashcards).where(eq(flashcards.ownerId, ownerId)).returning({ id: flashcards.id }),
    ),
    topics: await count(
      db.delete(topics).where(eq(topics.ownerId, ownerId)).returning({ id: topics.id }),
    ),
    aiCalls: await count(
      db.delete(aiCalls).where(eq(aiCalls.ownerId, ownerId)).returning({ id: aiCalls.id }),
    ),
    studySettings: await count(
      db
        .delete(studySettings)
        .where(eq(studySettings.ownerId, ownerId))
        .returning({ id: studySettings.ownerId }),
    ),
  };
  return erased;
}
