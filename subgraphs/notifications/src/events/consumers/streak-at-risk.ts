import type { ConsumerSpec } from "@kai/runtime";
import type { NotificationsSchema } from "../../db/tables.ts";
import { notify } from "../../notify/notify.ts";

/** Warns in the evening that the streak ends at midnight; once per user and local date. */
export function streakAtRiskConsumer(): ConsumerSpec<
  NotificationsSchema,
  "progress.streak_at_risk"
> {
  return {
    durable: "notifications-streak-at-risk",
    type: "progress.streak_at_risk",
    handle: async (tx, { userId, data, occurredAt }) => {
      await notify(
        tx,
        {
          userId,
          kind: "STREAK_AT_RISK",
          cause: `streak-at-risk:${data.date}`,
          title: `Keep your ${data.streak}-day streak`,
          body: "Review a few cards before midnight to keep it going.",
          data: { streak: data.streak, date: data.date },
        },
        new Date(occurredAt),
      );
    },
  };
}
