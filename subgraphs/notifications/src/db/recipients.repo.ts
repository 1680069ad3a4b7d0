import type { DbOrTx } from "@kai/db";
import { eq, sql } from "drizzle-orm";
import {
  channelSettings,
  deliveries,
  devices,
  dueCards,
  mailOutbox,
  notifications,
  preferences,
  pushSubscriptions,
  recipients,
} from "./schema.ts";
import type { NotificationsSchema } from "./tables.ts";

export async function upsertRecipient(
  tx: DbOrTx<NotificationsSchema>,
  recipient: { userId: string; email?: string; timezone: string },
): Promise<void> {
  const { userId, timezone } = recipient;
  await tx
    .insert(recipients)
    .values({ userId, timezone, email: recipient.email ?? "" })
    .onConflictDoUpdate({
      target: recipients.userId,
      set: {
        timezone,
        ...(recipient.email !== undefined && { email: recipient.email }),
        updatedAt: sql`now()`,
      },
    });
}

export async function hasRecipient(
  tx: DbOrTx<NotificationsSchema>,
  userId: string,
): Promise<boolean> {
  const rows = await tx
    .select({ userId: recipients.userId })
    .from(recipients)
    .where(eq(recipients.userId, userId));
  return rows.length > 0;
}

/** Every row of the user's, in every table (users.user_deleted), their mail to them included. */
export async function deleteUserRows(
  tx: DbOrTx<NotificationsSchema>,
  userId: string,
): Promise<void> {
  const [recipient] = await tx
    .select({ email: recipients.email })
    .from(recipients)
    .where(eq(recipients.userId, userId));
  // The mail outbox keys mail by address only; the address goes with the account.
  if (recipient?.email) await tx.delete(mailOutbox).where(eq(mailOutbox.to, recipient.email));
  await tx.delete(deliveries).where(eq(deliveries.userId, userId));
  await tx.delete(notifications).where(eq(notifications.userId, userId));
  await tx.delete(pushSubscriptions).where(eq(pushSubscriptions.userId, userId));
  await tx.delete(devices).where(eq(devices.userId, userId));
  await tx.delete(dueCards).where(eq(dueCards.userId, userId));
  await tx.delete(channelSettings).where(eq(channelSettings.userId, userId));
  await tx.delete(preferences).where(eq(preferences.userId, userId));
  await tx.delete(recipients).where(eq(recipients.userId, userId));
}
