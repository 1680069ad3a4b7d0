import { loadEnv, serviceEnv } from "@kai/config";
import { checkPushEnv, pushEnv } from "@kai/push";
import { z } from "zod";

const seconds = (fallback: number) => z.coerce.number().positive().default(fallback);

export const notificationsEnv = serviceEnv
  .extend({
    PORT: z.coerce.number().int().min(0).max(65535).default(4005),
    /** VAPID_*, FCM_*: see @kai/push. Without VAPID keys in development, a pair is made and stored. */
    ...pushEnv.shape,
    /** How often the reminder scheduler looks for due cards to remind of. */
    REMINDER_SCAN_INTERVAL_SECONDS: seconds(30),
    /** How often the dispatcher looks for push and email deliveries to send. */
    DELIVERY_POLL_INTERVAL_SECONDS: seconds(1),
  })
  .superRefine(checkPushEnv);

export type NotificationsEnv = z.infer<typeof notificationsEnv>;

export const loadNotificationsEnv = (source?: Record<string, string | undefined>) =>
  loadEnv(notificationsEnv, source);
