import {
  type DbOrTx,
  type KeysetCursor,
  type ListColumns,
  olderThan,
  positionInList,
  uuidsOnly,
} from "@kai/db";
import { and, count, desc, eq, getTableColumns, inArray, isNull, lte } from "drizzle-orm";
import { type NotificationRow, notifications } from "./schema.ts";
import type { NotificationsSchema } from "./tables.ts";

export interface InboxPageQuery {
  /** Rows per user; ask for one more than the page to learn whether another follows. */
  limit: number;
  after: KeysetCursor | undefined;
  unreadOnly: boolean;
}

const inInbox = eq(notifications.inApp, true);

const list: ListColumns = {
  parent: notifications.userId,
  createdAt: notifications.createdAt,
  id: notifications.id,
};

/**
 * The same page of several users' inboxes in one statement (as captures pages captures):
 * each user's rows numbered newest first and cut at `limit`, grouped by user in page order.
 */
export async function findInboxPages(
  db: DbOrTx<NotificationsSchema>,
  userIds: readonly string[],
  page: InboxPageQuery,
): Promise<NotificationRow[]> {
  const users = uuidsOnly(userIds);
  if (users.length === 0) return [];
  const ranked = db
    .select({ ...getTableColumns(notifications), position: positionInList(list, "newest first") })
    .from(notifications)
    .where(
      and(
        inArray(notifications.userId, users),
        inInbox,
        page.unreadOnly ? isNull(notifications.readAt) : undefined,
        page.after ? olderThan(list, page.after) : undefined,
      ),
    )
    .as("ranked");
  const { position, ...columns } = ranked._.selectedFields;
  return db
    .select(columns)
    .from(ranked)
    .where(lte(position, page.limit))
    .orderBy(ranked.userId, desc(ranked.createdAt), desc(ranked.id));
}

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
    .where(and(inArray(notifications.userId, users), isNull(notifications.readAt), inInbox))
    .groupBy(notifications.userId);
}

/**
 * Marks the user's unread notifications among `ids` read; returns how many changed. The
 * owner is part of the filter, so another user's id changes nothing, like a missing one.
 */
export async function markRead(
  db: DbOrTx<NotificationsSchema>,
  userId: string,
  ids: readonly string[] | "all",
  at: Date,
): Promise<number> {
  const only = ids === "all" ? undefined : uuidsOnly(ids);
  if (only?.length === 0) return 0;
  const changed = await db
    .update(notifications)
    .set({ readAt: at })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        only ? inArray(notifications.id, only) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return changed.length;
}

export type NewNotification = Pick<
  NotificationRow,
  "userId" | "kind" | "cause" | "title" | "body" | "data" | "inApp"
>;

/** Stores a notification unless the user already has one for its cause; undefined then. */
export async function insertNotification(
  tx: DbOrTx<NotificationsSchema>,
  notification: NewNotification,
  createdAt: Date,
): Promise<NotificationRow | undefined> {
  const [row] = await tx
    .insert(notifications)
    .values({ ...notification, createdAt })
    .onConflictDoNothing({ target: [notifications.userId, notifications.cause] })
    .returning();
  return row;
}
