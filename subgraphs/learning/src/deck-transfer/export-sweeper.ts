import type { BlobStore } from "@kai/blob";
import type { Db } from "@kai/db";
import type { BackgroundTask } from "@kai/runtime";
import type { Logger } from "@kai/service";
import type { LearningSchema } from "../db/tables.ts";
import { deleteExpiredExports } from "./deck-exports.repo.ts";
import { exportKey } from "./export-key.ts";

/** Exports removed per statement, so one sweep never holds many locks. */
const PER_BATCH = 100;

export interface ExportSweeperOptions {
  db: Db<LearningSchema>;
  blobs: BlobStore;
  log: Logger;
  intervalMs: number;
}

/**
 * Removes exported files whose download URL has expired, rows first: a failure between the
 * two leaves an orphan file, never a row for missing bytes. Replicas may sweep at once; each
 * row is deleted by one of them only.
 */
export function startExportSweeper({
  db,
  blobs,
  log,
  intervalMs,
}: ExportSweeperOptions): BackgroundTask {
  const sweep = async () => {
    const now = new Date();
    let removed: string[];
    do {
      removed = await deleteExpiredExports(db, now, PER_BATCH);
      await Promise.all(removed.map((id) => blobs.delete(exportKey(id))));
      if (removed.length > 0) log.info({ exports: removed.length }, "expired deck exports removed");
    } while (removed.length === PER_BATCH);
  };

  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= sweep()
      .catch((error: unknown) =>
        log.warn({ err: error }, "export sweep failed; next sweep retries"),
      )
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);

  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
