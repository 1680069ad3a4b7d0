import type { Db } from "@kai/db";
import { loadGroupsByKey, loadRowsByKey, perArguments } from "@kai/service";
import { countUnread, findInboxPages, type InboxPageQuery } from "./db/notifications.repo.ts";
import { findPreferences } from "./db/preferences.repo.ts";
import type { NotificationsSchema } from "./db/tables.ts";

/** The request's loaders: lookups by user id batch into one statement each. */
export function createLoaders(db: Db<NotificationsSchema>) {
  return {
    /** Pages keyed by user id: the same page of many users loads in one statement. */
    inboxPage: perArguments((page: InboxPageQuery) =>
      loadGroupsByKey(
        (userIds: readonly string[]) => findInboxPages(db, userIds, page),
        (row) => row.userId,
      ),
    ),
    unreadCount: loadRowsByKey(
      (userIds: readonly string[]) => countUnread(db, userIds),
      (row) => row.userId,
    ),
    preferences: loadRowsByKey(
      (userIds: readonly string[]) => findPreferences(db, userIds),
      (row) => row.userId,
    ),
  };
}
