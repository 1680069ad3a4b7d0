import { markUserErased } from "@kai/events";
import type { ConsumerSpec } from "@kai/runtime";
import { deleteUserRows } from "../../db/recipients.repo.ts";
import type { NotificationsSchema } from "../../db/tables.ts";

/** A deleted account's inbox, deliveries, devices and settings go with it. */
export function userDeletedConsumer(): ConsumerSpec<NotificationsSchema, "users.user_deleted"> {
  return {
    durable: "notifications-user-deleted",
    type: "users.user_deleted",
    async handle(tx, event) {
      await markUserErased(tx, event.userId);
      await deleteUserRows(tx, event.userId);
    },
  };
}
