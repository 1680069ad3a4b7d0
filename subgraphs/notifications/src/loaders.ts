import type { Db } from "@kai/db";
import { loadRowsByKey } from "@kai/service";
import { countUnread } from "./db/notifications.repo.ts";
import type { NotificationsSchema } from "./db/tables.ts";

/** The request's loaders: lookups by user id batch into one statement each. */
export function createLoaders(db: Db<NotificationsSchema>) {
  return {
    unreadCount: loadRowsByKey(
      (userIds: readonly string[]) => countUnread(db, userIds),
      (row) => row.userId,
    ),
  };
}
