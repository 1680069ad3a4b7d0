import type { ConsumerSpec } from "@kai/runtime";
import { isTimeZone } from "@kai/time";
import { hasRecipient, upsertRecipient } from "../../db/recipients.repo.ts";
import type { NotificationsSchema } from "../../db/tables.ts";

/** Follows the account's time zone (quiet hours and reminders move with it). */
export function userUpdatedConsumer(): ConsumerSpec<NotificationsSchema, "users.user_updated"> {
  return {
    durable: "notifications-user-updated",
    type: "users.user_updated",
    async handle(tx, event) {
      // Before user_created is applied there is no address to keep: fail, so it is retried.
      if (!(await hasRecipient(tx, event.userId))) {
        throw new Error(`no recipient yet for user ${event.userId}`);
      }
      if (!isTimeZone(event.data.timezone)) return;
      await upsertRecipient(tx, { userId: event.userId, timezone: event.data.timezone });
    },
  };
}
