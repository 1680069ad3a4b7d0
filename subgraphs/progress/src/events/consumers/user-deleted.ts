import { markUserErased } from "@kai/events";
import type { ConsumerSpec } from "@kai/runtime";
import { deleteProgress } from "../../db/progress.repo.ts";
import type { ProgressSchema } from "../../db/tables.ts";
import type { Leaderboard } from "../../leaderboard/leaderboard.ts";

/**
 * A deleted account's progress goes with it (daily activity, point awards and achievements
 * cascade), then it leaves every leaderboard. Should Redis miss the removal, the next read
 * drops the stranger anyway, as it has no progress row any more.
 */
export function userDeletedConsumer(
  leaderboard: Leaderboard,
): ConsumerSpec<ProgressSchema, "users.user_deleted"> {
  return {
    durable: "progress-user-deleted",
    type: "users.user_deleted",
    async handle(tx, event) {
      await markUserErased(tx, event.userId);
      await deleteProgress(tx, event.userId);
    },
    afterCommit: (event) => leaderboard.removeUser(event.userId, new Date(event.occurredAt)),
  };
}
