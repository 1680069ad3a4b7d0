import type { ConsumerSpec } from "@kai/runtime";
import { recordActivity } from "../../activity/record-activity.ts";
import type { ProgressSchema } from "../../db/tables.ts";
import type { Leaderboard } from "../../leaderboard/leaderboard.ts";

export function flashcardReviewedConsumer(
  leaderboard: Leaderboard,
): ConsumerSpec<ProgressSchema, "learning.flashcard_reviewed"> {
  return {
    durable: "progress-flashcard-reviewed",
    type: "learning.flashcard_reviewed",
    handle: recordActivity,
    afterCommit: (event) => leaderboard.refreshUser(event.userId, new Date(event.occurredAt)),
  };
}
