import type { DbOrTx } from "@kai/db";
import { and, eq, sql } from "drizzle-orm";
import { devices, pushSubscriptions } from "./schema.ts";
import type { NotificationsSchema } from "./tables.ts";

/** Saves a browser's subscription for the user; an endpoint seen before moves to them. */
export async function savePushSubscription(
  db: DbOrTx<NotificationsSchema>,
  subscription: { userId: string; endpoint: string; p256dh: string; auth: string },
): Promise<void> {
  const { userId, p256dh, auth } = subscription;
  await db
    .insert(pushSubscriptions)
    .values(subscription)
    .onConflictDoUpdate({
      target: pushSubscriptions.endpoint,
      set: { userId, p256dh, auth, createdAt: sql`now()` },
    });
}

/** Saves a device's token for the user; a token seen before moves to them. */
export async function saveDevice(
  db: DbOrTx<NotificationsSchema>,
  device: { userId: string; platform: string; token: string },
): Promise<void> {
  await db
    .insert(devices)
    .values(device)
    .onConflictDoUpdate({
      target: [devices.platform, devices.token],
      set: { userId: device.userId, createdAt: sql`now()` },
    });
}

export function findPushTargets(db: DbOrTx<NotificationsSchema>, userId: string) {
  return Promise.all([
    db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId)),
    db.select().from(devices).where(eq(devices.userId, userId)),
  ]);
}

/** A push service said the endpoint is gone (404/410): never send to it again. */
export async function removePushSubscription(
  db: DbOrTx<NotificationsSchema>,
  endpoint: string,
): Promise<void> {
  await db.delete(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint));
}

export async function removeDevice(
  db: DbOrTx<NotificationsSchema>,
  platform: string,
  token: string,
): Promise<void> {
  await db.delete(devices).where(and(eq(devices.platform, platform), eq(devices.token, token)));
}
