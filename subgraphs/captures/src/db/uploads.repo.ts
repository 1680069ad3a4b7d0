import { IMAGE_TYPES } from "@kai/blob";
import { type DbOrTx, isUuid } from "@kai/db";
import { and, count, eq, gt, inArray, lt, or } from "drizzle-orm";
import { type UploadRow, uploads } from "./schema.ts";
import type { CapturesSchema } from "./tables.ts";

type NewUpload = typeof uploads.$inferInsert;

export async function insertUpload(
  db: DbOrTx<CapturesSchema>,
  upload: NewUpload,
): Promise<UploadRow> {
  const [row] = await db.insert(uploads).values(upload).returning();
  if (!row) throw new Error("insert into uploads returned no row");
  return row;
}

/** The owner's upload URLs still open (PENDING and unexpired). */
export async function countOpenUploads(
  db: DbOrTx<CapturesSchema>,
  ownerId: string,
  now: Date,
): Promise<number> {
  const [row] = await db
    .select({ open: count() })
    .from(uploads)
    .where(
      and(eq(uploads.ownerId, ownerId), eq(uploads.status, "PENDING"), gt(uploads.expiresAt, now)),
    );
  return row?.open ?? 0;
}

export async function findUpload(
  db: DbOrTx<CapturesSchema>,
  id: string,
): Promise<UploadRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(uploads).where(eq(uploads.id, id));
  return row;
}

/**
 * Claims a pending, unexpired upload for the one PUT that may fill it. Resolves to whether
 * this caller won: a second PUT, even a concurrent one, finds it no longer PENDING.
 */
export async function claimUpload(
  db: DbOrTx<CapturesSchema>,
  id: string,
  now: Date,
): Promise<boolean> {
  const claimed = await db
    .update(uploads)
    .set({ status: "RECEIVING" })
    .where(and(eq(uploads.id, id), eq(uploads.status, "PENDING"), gt(uploads.expiresAt, now)))
    .returning({ id: uploads.id });
  return claimed.length > 0;
}

/** Ends a claim: UPLOADED with the stored size, or back to PENDING when storing failed. */
export async function finishUpload(
  db: DbOrTx<CapturesSchema>,
  id: string,
  size: number | null,
): Promise<void> {
  await db
    .update(uploads)
    .set(size === null ? { status: "PENDING" } : { status: "UPLOADED", size })
    .where(and(eq(uploads.id, id), eq(uploads.status, "RECEIVING")));
}

/**
 * Hands the owner's uploaded image to a capture; resolves to it, or undefined when it is not
 * theirs, not an image (a deck file is for learning's importDeck), not uploaded yet, or used.
 */
export async function attachUpload(
  db: DbOrTx<CapturesSchema>,
  ownerId: string,
  id: string,
): Promise<UploadRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .update(uploads)
    .set({ status: "ATTACHED" })
    .where(
      and(
        eq(uploads.id, id),
        eq(uploads.ownerId, ownerId),
        eq(uploads.status, "UPLOADED"),
        inArray(uploads.contentType, [...IMAGE_TYPES]),
      ),
    )
    .returning();
  return row;
}

/**
 * Deletes up to `limit` uploads no capture will hold: never filled (or stuck RECEIVING) and
 * expired before `unfinishedBefore`, or filled but unused and expired before `unusedBefore`.
 * Resolves to their ids, whose bytes can go.
 */
export async function deleteAbandonedUploads(
  db: DbOrTx<CapturesSchema>,
  cutoffs: { unfinishedBefore: Date; unusedBefore: Date },
  limit: number,
): Promise<string[]> {
  const abandoned = db
    .select({ id: uploads.id })
    .from(uploads)
    .where(
      or(
        and(
          inArray(uploads.status, ["PENDING", "RECEIVING"]),
          lt(uploads.expiresAt, cutoffs.unfinishedBefore),
        ),
        and(eq(uploads.status, "UPLOADED"), lt(uploads.expiresAt, cutoffs.unusedBefore)),
      ),
    )
    .limit(limit);
  const deleted = await db
    .delete(uploads)
    .where(inArray(uploads.id, abandoned))
    .returning({ id: uploads.id });
  return deleted.map((row) => row.id);
}

export async function deleteUploads(
  db: DbOrTx<CapturesSchema>,
  where: { ownerId: string } | { id: string },
): Promise<string[]> {
  const deleted = await db
    .delete(uploads)
    .where("id" in where ? eq(uploads.id, where.id) : eq(uploads.ownerId, where.ownerId))
    .returning({ id: uploads.id });
  return deleted.map((row) => row.id);
}
