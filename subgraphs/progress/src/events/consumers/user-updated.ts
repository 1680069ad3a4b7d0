import type { ConsumerSpec } from "@kai/runtime";
import { isTimeZone } from "@kai/time";
import { lockProgress, updateProgress } from "../../db/progress.repo.ts";
import type { ProgressSchema } from "../../db/tables.ts";

/** Follows a user's new name (share cards) and time zone (days and streaks, from now on). */
export function userUpdatedConsumer(): ConsumerSpec<ProgressSchema, "users.user_updated"> {
  return {
    durable: "progress-user-updated",
    type: "users.user_updated",
    async handle(tx, event) {
      // Before user_created is applied there is no row to change: fail, so it is retried.
      if (!(await lockProgress(tx, event.userId))) {
        throw new Error(`no progress yet for user ${event.userId}`);
      }
      await updateProgress(tx, event.userId, {
        displayName: event.data.name,
        ...(isTimeZone(event.data.timezone) ? { timezone: event.data.timezone } : {}),
      });
    },
  };
}
