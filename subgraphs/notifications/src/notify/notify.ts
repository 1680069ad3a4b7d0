import type { DbOrTx } from "@kai/db";
import { enqueueEvent } from "@kai/events";
import { insertDeliveries } from "../db/deliveries.repo.ts";
import { insertNotification } from "../db/notifications.repo.ts";
import { findPreferencesOf } from "../db/preferences.repo.ts";
import type { NotificationRow } from "../db/schema.ts";
import type { NotificationsSchema } from "../db/tables.ts";
import { channelsFor } from "../domain/kinds.ts";
import { afterQuietHours } from "../domain/local-time.ts";
import type { NotificationKind } from "../generated/graphql.ts";

export interface NotificationDraft {
  userId: string;
  kind: NotificationKind;
  /**
   * What the notification is about, unique per user: a second draft with the same cause
   * (a redelivered event, the same level reached twice) adds nothing.
   */
  cause: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
}

/**
 * Turns a draft into at most one notification, in the caller's transaction: stored (in the
 * inbox when IN_APP is on for its kind), announced on `notifications.notification_created`
 * through the outbox, and queued for each outside channel the user keeps on, not before
 * their quiet hours end. Sending is the dispatcher's, so nothing here waits on the network.
 */
export async function notify(
  tx: DbOrTx<NotificationsSchema>,
  draft: NotificationDraft,
  now: Date,
): Promise<NotificationRow | undefined> {
  const preferences = await findPreferencesOf(tx, draft.userId);
  const channels = channelsFor(preferences.switches, draft.kind);
  const row = await insertNotification(tx, { ...draft, inApp: channels.includes("IN_APP") }, now);
  if (!row) return undefined;
  if (row.inApp) {
    await enqueueEvent(
      tx,
      "notifications.notification_created",
      row.userId,
      {
        id: row.id,
        kind: draft.kind,
        title: row.title,
        body: row.body,
        data: row.data,
        createdAt: row.createdAt.toISOString(),
        readAt: null,
      },
      now,
    );
  }
  const outside = channels.filter((channel) => channel !== "IN_APP");
  const notBefore = afterQuietHours(now, preferences.timezone, preferences.quietHours);
  await insertDeliveries(tx, row, outside, notBefore);
  return row;
}
