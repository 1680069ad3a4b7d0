import { markUserErased } from "@kai/events";
import type { ConsumerSpec } from "@kai/runtime";
import type { UsersSchema } from "../../db/tables.ts";

/**
 * deleteAccount has already removed the account's rows; this consumer of its own event is how
 * users, like every subgraph, has the runtime purge what it published of the user (the email
 * and name in `users.user_created`) from the USERS stream. Being a consumer, the purge is
 * retried until NATS takes it, however long the mutation has been over.
 */
export function userDeletedConsumer(): ConsumerSpec<UsersSchema, "users.user_deleted"> {
  return {
    durable: "users-user-deleted",
    type: "users.user_deleted",
    async handle(tx, event) {
      await markUserErased(tx, event.userId);
    },
  };
}
