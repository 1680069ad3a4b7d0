import type { ConsumerSpec } from "@kai/runtime";
import { recordActivity } from "../../activity/record-activity.ts";
import type { ProgressSchema } from "../../db/tables.ts";
import type { Leaderboard } from "../../leaderboard/leaderboard.ts";

export function topicCompletedConsumer(
  leaderboard: Leaderboard,
): ConsumerSpec<ProgressSchema, "learning.topic_completed"> {
  return {
    durable: "progress-topic-completed",
    type: "learning.topic_completed",
    handle: recordActivity,
    afterCommit: (event) => leaderboard.refreshUser(event.userId, new Date(event.occurredAt)),
  };
}
