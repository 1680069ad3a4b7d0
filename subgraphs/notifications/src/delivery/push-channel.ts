import type { Db } from "@kai/db";
import { backoffDelayMs, type PushSenders, type SendResult } from "@kai/push";
import type { DeliveryOutcome } from "../db/deliveries.repo.ts";
import { findPushTargets, removeDevice, removePushSubscription } from "../db/push-targets.repo.ts";
import type { NotificationsSchema } from "../db/tables.ts";
import type { ChannelSender } from "./channel-sender.ts";

/** Attempts after which a delivery that keeps failing to retry is given up. */
export const MAX_PUSH_ATTEMPTS = 8;

/**
 * PUSH: every browser subscription (Web Push) and mobile device (FCM) of the user, through
 * @kai/push's senders. A target that is gone (404/410, UNREGISTERED) is removed at once; the
 * delivery is retried with backoff while any target asks to retry, and counts as sent when
 * one target accepted it.
 */
export function pushChannel(
  db: Db<NotificationsSchema>,
  senders: Pick<PushSenders, "webPush" | "fcm">,
  now: () => Date,
): ChannelSender {
  return {
    async send({ delivery, notification }): Promise<DeliveryOutcome> {
      const [subscriptions, devices] = await findPushTargets(db, delivery.userId);
      if (subscriptions.length + devices.length === 0) {
        return { status: "SKIPPED", reason: "no push subscription or device" };
      }
      const message = {
        title: notification.title,
        body: notification.body,
        data: { ...notification.data, kind: notification.kind, notificationId: notification.id },
      };
      const results: SendResult[] = await Promise.all([
        ...subscriptions.map(async (s) => {
          const result = await senders.webPush.send(s, message);
          if (result.outcome === "gone") await removePushSubscription(db, s.endpoint);
          return result;
        }),
        ...devices.map(async (d) => {
          const result = await senders.fcm.send({ token: d.token }, message);
          if (result.outcome === "gone") await removeDevice(db, d.platform, d.token);
          return result;
        }),
      ]);
      return outcomeOf(results, delivery.attempts, now());
    },
  };
}

function outcomeOf(results: SendResult[], attempts: number, now: Date): DeliveryOutcome {
  if (results.some((r) => r.outcome === "sent")) return { status: "SENT" };
  const retries = results.filter((r) => r.outcome === "retry");
  const reason = results.map((r) => ("reason" in r ? r.reason : r.outcome)).join("; ");
  if (retries.length > 0 && attempts < MAX_PUSH_ATTEMPTS) {
    const afterMs = Math.max(...retries.map((r) => r.afterMs ?? 0));
    return {
      status: "RETRY",
      at: new Date(now.getTime() + backoffDelayMs(attempts, afterMs)),
      reason,
    };
  }
  return { status: "FAILED", reason };
}
