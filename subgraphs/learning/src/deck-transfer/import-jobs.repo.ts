import { type DbOrTx, isUuid } from "@kai/db";
import { enqueueEvent } from "@kai/events";
import { and, eq, inArray } from "drizzle-orm";
import { type ImportJobRow, importJobs } from "../db/schema.ts";
import type { LearningSchema } from "../db/tables.ts";
import type { DeckFormat } from "./import-job.ts";

type Db = DbOrTx<LearningSchema>;

/**
 * The owner's job for this upload: made now (and `learning.deck_import_requested` enqueued
 * in the same transaction), or the one an earlier call made, so asking twice imports once.
 */
export async function requestImport(
  db: Db,
  job: { ownerId: string; uploadId: string; format: DeckFormat },
): Promise<ImportJobRow> {
  const [made] = await db
    .insert(importJobs)
    .values(job)
    .onConflictDoNothing({ target: [importJobs.ownerId, importJobs.uploadId] })
    .returning();
  if (made) {
    await enqueueEvent(db, "learning.deck_import_requested", job.ownerId, {
      jobId: made.id,
      uploadId: job.uploadId,
      format: job.format,
    });
    await announceJob(db, made);
    return made;
  }
  const [existing] = await db
    .select()
    .from(importJobs)
    .where(and(eq(importJobs.ownerId, job.ownerId), eq(importJobs.uploadId, job.uploadId)));
  if (!existing) throw new Error("import job vanished between insert and select");
  return existing;
}

export async function findImportJobsByIds(
  db: Db,
  ids: readonly string[],
  ownerId: string,
): Promise<ImportJobRow[]> {
  const keys = ids.filter(isUuid);
  if (keys.length === 0) return [];
  return db
    .select()
    .from(importJobs)
    .where(and(inArray(importJobs.id, keys), eq(importJobs.ownerId, ownerId)));
}

/** Locks the job, so two deliveries of its request never import the same batch twice. */
export async function lockImportJob(db: Db, id: string): Promise<ImportJobRow | undefined> {
  const [row] = await db.select().from(importJobs).where(eq(importJobs.id, id)).for("update");
  return row;
}

/** Writes the job's new state and announces it (`learning.import_job_updated`). */
export async function updateImportJob(
  db: Db,
  id: string,
  change: Partial<Omit<ImportJobRow, "id" | "ownerId" | "uploadId" | "format" | "createdAt">>,
): Promise<ImportJobRow> {
  const [row] = await db
    .update(importJobs)
    .set({ ...change, updatedAt: new Date() })
    .where(eq(importJobs.id, id))
    .returning();
  if (!row) throw new Error(`import job ${id} is gone`);
  await announceJob(db, row);
  return row;
}

async function announceJob(db: Db, job: ImportJobRow): Promise<void> {
  await enqueueEvent(db, "learning.import_job_updated", job.ownerId, {
    id: job.id,
    format: job.format,
    status: job.status,
    total: job.total,
    done: job.done,
    errorCount: job.errorCount,
    errors: job.errors,
    failureReason: job.failureReason,
    topicId: job.topicId,
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
  });
}
