import type { ConsumerSpec } from "@kai/runtime";
import type { NotificationsSchema } from "../../db/tables.ts";
import { notify } from "../../notify/notify.ts";

/** Celebrates a new level; each level once, however often the event arrives. */
export function levelUpConsumer(): ConsumerSpec<NotificationsSchema, "progress.level_up"> {
  return {
    durable: "notifications-level-up",
    type: "progress.level_up",
    handle: async (tx, { userId, data, occurredAt }) => {
      await notify(
        tx,
        {
          userId,
          kind: "LEVEL_UP",
          cause: `level-up:${data.level}`,
          title: `Level ${data.level}!`,
          body: `You reached level ${data.level} with ${data.points} points.`,
          data: { level: data.level, points: data.points },
        },
        new Date(occurredAt),
      );
    },
  };
}
