import { type BlobStore, deleteUpload } from "@kai/blob";
import type { Db } from "@kai/db";
import type { BackgroundTask } from "@kai/runtime";
import type { Logger } from "@kai/service";
import type { CapturesSchema } from "../db/tables.ts";
import { deleteAbandonedUploads } from "../db/uploads.repo.ts";

/** Uploads removed per statement, so one sweep never holds many locks. */
const PER_BATCH = 100;
/** A PUT still RECEIVING this long after its URL expired died with its process. */
const UNFINISHED_GRACE_MS = 60 * 60 * 1000;
/** Bytes that arrived but no capture took within a day of the URL's expiry are abandoned. */
const UNUSED_GRACE_MS = 24 * 60 * 60 * 1000;

export interface UploadSweeperOptions {
  db: Db<CapturesSchema>;
  blobs: BlobStore;
  log: Logger;
  intervalMs: number;
}

/**
 * Removes uploads no capture will ever hold, rows and bytes. Rows go first: a failure between
 * the two leaves an orphan file (harmless), never a row pointing at missing bytes. Replicas
 * may sweep at once; a row is deleted by one of them only.
 */
export function startUploadSweeper({
  db,
  blobs,
  log,
  intervalMs,
}: UploadSweeperOptions): BackgroundTask {
  const sweep = async () => {
    const now = Date.now();
    const cutoffs = {
      unfinishedBefore: new Date(now - UNFINISHED_GRACE_MS),
      unusedBefore: new Date(now - UNUSED_GRACE_MS),
    };
    let removed: string[];
    do {
      removed = await deleteAbandonedUploads(db, cutoffs, PER_BATCH);
      await Promise.all(removed.map((id) => deleteUpload(blobs, id)));
      if (removed.length > 0) log.info({ uploads: removed.length }, "abandoned uploads removed");
    } while (removed.length === PER_BATCH);
  };

  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= sweep()
      .catch((error: unknown) =>
        log.warn({ err: error }, "upload sweep failed; next sweep retries"),
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
