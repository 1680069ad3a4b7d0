import type { ConsumerSpec } from "@kai/runtime";
import type { NotificationsSchema } from "../../db/tables.ts";
import { notify } from "../../notify/notify.ts";

/** Announces an achievement; each one once (achievements unlock once per user). */
export function achievementUnlockedConsumer(): ConsumerSpec<
  NotificationsSchema,
  "progress.achievement_unlocked"
> {
  return {
    durable: "notifications-achievement-unlocked",
    type: "progress.achievement_unlocked",
    handle: async (tx, { userId, data, occurredAt }) => {
      await notify(
        tx,
        {
          userId,
          kind: "ACHIEVEMENT_UNLOCKED",
          cause: `achievement:${data.key}`,
          title: "Achievement unlocked",
          body: data.title,
          data: { key: data.key, title: data.title },
        },
        new Date(occurredAt),
      );
    },
  };
}
