import { markUserErased } from "@kai/events";
import type { ConsumerSpec } from "@kai/runtime";
import type { Logger } from "@kai/service";
import { deleteEverythingOfOwner } from "../../db/owner-erasure.repo.ts";
import type { LearningSchema } from "../../db/tables.ts";

/**
 * A deleted account's topics, cards, reviews, syllabi and AI ledger go with it; later events
 * of that user (a capture still being turned into cards) are skipped (see erasure).
 */
export function userDeletedConsumer(
  log: Logger,
): ConsumerSpec<LearningSchema, "users.user_deleted"> {
  return {
    durable: "learning-user-deleted",
    type: "users.user_deleted",
    async handle(tx, event) {
      await markUserErased(tx, event.userId);
      const erased = await deleteEverythingOfOwner(tx, event.userId);
      log.info({ userId: event.userId, ...erased }, "erased a deleted user's learning");
    },
  };
}
