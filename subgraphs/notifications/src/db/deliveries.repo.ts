import type { DbOrTx } from "@kai/db";
import { and, eq, inArray, lte, sql } from "drizzle-orm";
import { type DeliveryRow, deliveries, type NotificationRow, notifications } from "./schema.ts";
import type { NotificationsSchema } from "./tables.ts";

export async function insertDeliveries(
  tx: DbOrTx<NotificationsSchema>,
  notification: Pick<NotificationRow, "id" | "userId">,
  channels: readonly string[],
  notBefore: Date,
): Promise<void> {
  if (channels.length === 0) return;
  await tx
    .insert(deliveries)
    .values(
      channels.map((channel) => ({
        notificationId: notification.id,
        userId: notification.userId,
        channel,
        nextAttemptAt: notBefore,
      })),
    )
    .onConflictDoNothing();
}

export interface ClaimedDelivery {
  delivery: DeliveryRow;
  notification: NotificationRow;
}

/**
 * Takes up to `limit` pending deliveries whose time has come and leases them for `leaseMs`
 * (their next attempt moves past the lease), so another replica's dispatcher skips them while
 * this one sends; should this process die, the lease runs out and the delivery is retried.
 */
export async function claimDeliveries(
  db: DbOrTx<NotificationsSchema>,
  now: Date,
  limit: number,
  leaseMs: number,
): Promise<ClaimedDelivery[]> {
  const due = db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(and(eq(deliveries.status, "PENDING"), lte(deliveries.nextAttemptAt, now)))
    .orderBy(deliveries.nextAttemptAt)
    .limit(limit)
    .for("update", { skipLocked: true });
  const claimed = await db
    .update(deliveries)
    .set({
      attempts: sql`${deliveries.attempts} + 1`,
      nextAttemptAt: new Date(now.getTime() + leaseMs),
    })
    .where(inArray(deliveries.id, due))
    .returning();
  if (claimed.length === 0) return [];
  const rows = await db
    .select()
    .from(notifications)
    .where(
      inArray(
        notifications.id,
        claimed.map((d) => d.notificationId),
      ),
    );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return claimed.flatMap((delivery) => {
    const notification = byId.get(delivery.notificationId);
    return notification ? [{ delivery, notification }] : [];
  });
}

export type DeliveryOutcome =
  | { status: "SENT" }
  | { status: "RETRY"; at: Date; reason: string }
  | { status: "FAILED" | "SKIPPED"; reason: string };

export async function finishDelivery(
  db: DbOrTx<NotificationsSchema>,
  id: string,
  outcome: DeliveryOutcome,
  now: Date,
): Promise<void> {
  const set =
    outcome.status === "SENT"
      ? { status: "SENT", sentAt: now, lastError: null }
      : outcome.status === "RETRY"
        ? { nextAttemptAt: outcome.at, lastError: outcome.reason }
        : { status: outcome.status, lastError: outcome.reason };
  await db.update(deliveries).set(set).where(eq(deliveries.id, id));
}
