import { type DbOrTx, isUuid, uuidsOnly } from "@kai/db";
import type { EventData } from "@kai/events";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { CaptureMetadata } from "../domain/capture.ts";
import { type CaptureRow, captureColumns, captures } from "./schema.ts";
import type { CapturesSchema } from "./tables.ts";

type NewCapture = typeof captures.$inferInsert;

export async function insertCapture(
  db: DbOrTx<CapturesSchema>,
  capture: NewCapture,
): Promise<CaptureRow> {
  const [row] = await db.insert(captures).values(capture).returning(captureColumns);
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
    .select(captureColumns)
    .from(captures)
    .where(and(inArray(captures.id, wanted), ownerId ? eq(captures.ownerId, ownerId) : undefined));
}

/** Changes the owner's capture; resolves to it as changed, or undefined when they have none. */
export async function updateCaptureOfOwner(
  db: DbOrTx<CapturesSchema>,
  ownerId: string,
  id: string,
  changes: Pick<Partial<NewCapture>, "tags" | "source">,
): Promise<CaptureRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .update(captures)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(captures.id, id), eq(captures.ownerId, ownerId)))
    .returning(captureColumns);
  return row;
}

/** Deletes the owner's capture; resolves to whether they had it. */
export async function deleteCaptureOfOwner(
  db: DbOrTx<CapturesSchema>,
  ownerId: string,
  id: string,
): Promise<boolean> {
  if (!isUuid(id)) return false;
  const deleted = await db
    .delete(captures)
    .where(and(eq(captures.id, id), eq(captures.ownerId, ownerId)))
    .returning({ id: captures.id });
  return deleted.length > 0;
}

/**
 * Records what learning made of a capture. Only the owner's capture matches, so an event
 * naming someone else's capture changes nothing. Resolves to the capture as recorded, or
 * undefined when none matched.
 */
export async function recordProcessingResult(
  db: DbOrTx<CapturesSchema>,
  ownerId: string,
  result: EventData<"learning.capture_processed">,
): Promise<CaptureRow | undefined> {
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
      // Older events carry no extraction; what was stored stays then.
      ...(result.title !== undefined ? { title: result.title } : {}),
      ...(result.extractedText !== undefined ? { extractedText: result.extractedText } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(captures.id, result.captureId), eq(captures.ownerId, ownerId)))
    .returning(captureColumns);
  return updated[0];
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
