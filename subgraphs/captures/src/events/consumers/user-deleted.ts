import { markUserErased } from "@kai/events";
import type { ConsumerSpec } from "@kai/runtime";
import type { Logger } from "@kai/service";
import { deleteCapturesOfOwner } from "../../db/captures.repo.ts";
import type { CapturesSchema } from "../../db/tables.ts";

/** A deleted account's captures go with it; later events of that user are skipped (erasure). */
export function userDeleted(log: Logger): ConsumerSpec<CapturesSchema, "users.user_deleted"> {
  return {
    durable: "captures-user-deleted",
    type: "users.user_deleted",
    async handle(tx, event) {
      await markUserErased(tx, event.userId);
      const captures = await deleteCapturesOfOwner(tx, event.userId);
      log.info({ userId: event.userId, captures }, "erased a deleted user's captures");
    },
  };
}
