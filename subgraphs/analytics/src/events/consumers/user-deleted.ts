import { markUserErased } from "@kai/events";
import type { ConsumerSpec } from "@kai/runtime";
import { eraseUser } from "../../db/erase-user.repo.ts";
import type { AnalyticsSchema } from "../../db/tables.ts";

/**
 * A deleted account leaves the counts, as it leaves the streams a rebuild replays; later events
 * of the account (in flight when it was deleted) are skipped like in every subgraph.
 */
export function userDeletedConsumer(): ConsumerSpec<AnalyticsSchema, "users.user_deleted"> {
  return {
    durable: "analytics-user-deleted",
    type: "users.user_deleted",
    async handle(tx, event) {
      await markUserErased(tx, event.userId);
      await eraseUser(tx, event.userId);
    },
  };
}
