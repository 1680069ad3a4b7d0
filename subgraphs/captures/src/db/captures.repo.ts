import { type DbOrTx, uuidsOnly } from "@kai/db";
import type { EventData } from "@kai/events";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { CaptureMetadata } from "../domain/capture.ts";
import { type CaptureRow, captures } from "./schema.ts";
import type { CapturesSchema } from "./tables.ts";

type NewCapture = typeof captures.$inferInsert;

export async function insertCapture(
  db: DbOrTx<CapturesSchema>,
  capture: NewCapture,
): Promise<CaptureRow> {
  const [row] = await db.insert(captures).values(capture).returning();
  if (!row) throw new Error("insert into captures returned no row");
  return row;
}

/** The captures with these ids, of `ownerId` only when given (an admin's lookups pass none). */
export async function findCapturesByIds(
  db: DbOrTx<CapturesSchema>,
  ids: readonly string[],
  ownerId: string | undefined,
): Promise<CaptureRow[]> {
  const wanted = uuidsOnly(ids);
  if (wanted.length === 0) return [];
  return db
    .select()
    .from(captures)
    .where(and(inArray(captures.id, wanted), ownerId ? eq(captures.ownerId, ownerId) : undefined));
}

/**
 * Records what learning made of a capture. Only the owner's capture matches, so an event
 * naming someone else's capture changes nothing. Resolves to whether a capture matched.
 */
export async function recordProcessingResult(
  db: DbOrTx<CapturesSchema>,
  ownerId: string,
  result: EventData<"learning.capture_processed">,
): Promise<boolean> {
  const learned: CaptureMetadata = {
    topicId: result.topicId,
    flashcardCount: result.flashcardCount,
    // Older events say nothing of how the cards were made; leave those keys out then.
    ...(result.generator ? { generator: result.generator } : {}),
    ...(result.note ? { note: result.note } : {}),
  };
  const updated = await db
    .update(captures)
    .set({
      status: result.status,
      failureReason: result.status === "FAILED" ? result.reason : null,
      metadata: sql`${captures.metadata} || ${JSON.stringify(learned)}::jsonb`,
      updatedAt: new Date(),
    })
    .where(and(eq(captures.id, result.captureId), eq(captures.ownerId, ownerId)))
    .returning({ id: captures.id });
  return updated.length > 0;
}

/** Deletes every capture of the owner (their account is gone); resolves to how many there were. */
export async function deleteCapturesOfOwner(
  db: DbOrTx<CapturesSchema>,
  ownerId: string,
): Promise<number> {
  const deleted = await db
    .delete(captures)
    .where(eq(captures.ownerId, ownerId))
    .returning({ id: captures.id });
  return deleted.length;
}
