import { type DbOrTx, uuidsOnly } from "@kai/db";
import { and, count, eq, inArray, isNull } from "drizzle-orm";
import { notifications } from "./schema.ts";
import type { NotificationsSchema } from "./tables.ts";

/** Unread inbox notifications per user; users with none are left out. */
export function countUnread(
  db: DbOrTx<NotificationsSchema>,
  userIds: readonly string[],
): Promise<{ userId: string; unread: number }[]> {
  const users = uuidsOnly(userIds);
  if (users.length === 0) return Promise.resolve([]);
  return db
    .select({ userId: notifications.userId, unread: count() })
    .from(notifications)
    .where(
      and(
        inArray(notifications.userId, users),
        isNull(notifications.readAt),
        eq(notifications.inApp, true),
      ),
    )
    .groupBy(notifications.userId);
}
