import type { ConsumerSpec } from "@kai/runtime";
import { isTimeZone } from "@kai/time";
import { upsertRecipient } from "../../db/recipients.repo.ts";
import type { NotificationsSchema } from "../../db/tables.ts";

/** Learns where to mail the user and the zone their quiet hours are read in. */
export function userCreatedConsumer(): ConsumerSpec<NotificationsSchema, "users.user_created"> {
  return {
    durable: "notifications-user-created",
    type: "users.user_created",
    handle: (tx, event) =>
      upsertRecipient(tx, {
        userId: event.userId,
        email: event.data.email,
        // An unknown zone would break every local time of the user's; read them in UTC.
        timezone: isTimeZone(event.data.timezone) ? event.data.timezone : "UTC",
      }),
  };
}
