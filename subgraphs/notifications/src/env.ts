import { loadEnv, serviceEnv } from "@kai/config";
import {
  mailEnv,
  requireSmtpInProduction,
  requireUnsubscribeSecretInProduction,
  unsubscribeEnv,
} from "@kai/mail";
import { checkPushEnv, pushEnv } from "@kai/push";
import { z } from "zod";

const seconds = (fallback: number) => z.coerce.number().positive().default(fallback);

export const notificationsEnv = serviceEnv
  .extend({
    PORT: z.coerce.number().int().min(0).max(65535).default(4005),
    /** VAPID_*, FCM_*: see @kai/push. Without VAPID keys in development, a pair is made and stored. */
    ...pushEnv.shape,
    /** SMTP_URL, MAIL_FROM, MAIL_DIR, PUBLIC_APP_URL, UNSUBSCRIBE_SECRET: see @kai/mail. */
    ...mailEnv.shape,
    ...unsubscribeEnv.shape,
    /**
     * Where mail readers unsubscribe in one click (RFC 8058: https, or http on loopback): this
     * service's `/unsubscribe` route as the internet reaches it.
     */
    UNSUBSCRIBE_URL: z.url().default("http://localhost:4005/unsubscribe"),
    /** How often the reminder scheduler looks for due cards to remind of. */
    REMINDER_SCAN_INTERVAL_SECONDS: seconds(30),
    /** How often the dispatcher looks for push and email deliveries to send. */
    DELIVERY_POLL_INTERVAL_SECONDS: seconds(1),
  })
  .superRefine(checkPushEnv)
  .superRefine(requireSmtpInProduction)
  .superRefine(requireUnsubscribeSecretInProduction);

export type NotificationsEnv = z.infer<typeof notificationsEnv>;

export const loadNotificationsEnv = (source?: Record<string, string | undefined>) =>
  loadEnv(notificationsEnv, source);
