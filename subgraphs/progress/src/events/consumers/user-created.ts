import type { ConsumerSpec } from "@kai/runtime";
import { isTimeZone } from "@kai/time";
import { insertProgress } from "../../db/progress.repo.ts";
import type { ProgressSchema } from "../../db/tables.ts";

/** Opens the user's progress at zero, so their learning events have somewhere to land. */
export function userCreatedConsumer(): ConsumerSpec<ProgressSchema, "users.user_created"> {
  return {
    durable: "progress-user-created",
    type: "users.user_created",
    handle: (tx, event) =>
      insertProgress(tx, {
        userId: event.userId,
        displayName: event.data.name,
        // An unknown zone would make every later event of this user fail; count days in UTC.
        timezone: isTimeZone(event.data.timezone) ? event.data.timezone : "UTC",
      }),
  };
}
