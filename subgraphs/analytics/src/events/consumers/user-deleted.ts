import { markUserErased } from "@kai/events";
import type { ConsumerSpec } from "@kai/runtime";
import { pseudonymizeUser } from "../../db/erase-user.repo.ts";
import type { AnalyticsSchema } from "../../db/tables.ts";

/**
 * A deleted account keeps its place in the counts under an id that names nobody; later events
 * of the account (in flight when it was deleted) are skipped like in every subgraph.
 */
export function userDeletedConsumer(): ConsumerSpec<AnalyticsSchema, "users.user_deleted"> {
  return {
    durable: "analytics-user-deleted",
    type: "users.user_deleted",
    async handle(tx, event) {
      await markUserErased(tx, event.userId);
      await pseudonymizeUser(tx, event.userId);
    },
  };
}
