import { type BlobStore, deleteUpload } from "@kai/blob";
import { markUserErased } from "@kai/events";
import type { ConsumerSpec } from "@kai/runtime";
import type { Logger } from "@kai/service";
import { deleteCapturesOfOwner } from "../../db/captures.repo.ts";
import type { CapturesSchema } from "../../db/tables.ts";
import { deleteUploads } from "../../db/uploads.repo.ts";

/**
 * A deleted account's captures and uploads go with it; later events of that user are skipped
 * (erasure). The bytes are removed before the rows' transaction commits: should the commit
 * fail, the redelivery finds the rows again, and removing missing bytes is no error.
 */
export function userDeleted(
  log: Logger,
  blobs: BlobStore,
): ConsumerSpec<CapturesSchema, "users.user_deleted"> {
  return {
    durable: "captures-user-deleted",
    type: "users.user_deleted",
    async handle(tx, event) {
      await markUserErased(tx, event.userId);
      const captures = await deleteCapturesOfOwner(tx, event.userId);
      const uploads = await deleteUploads(tx, { ownerId: event.userId });
      await Promise.all(uploads.map((id) => deleteUpload(blobs, id)));
      log.info(
        { userId: event.userId, captures, uploads: uploads.length },
        "erased a deleted user's captures",
      );
    },
  };
}
