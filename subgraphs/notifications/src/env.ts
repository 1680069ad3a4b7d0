import { loadEnv, serviceEnv } from "@kai/config";
import { z } from "zod";

export const notificationsEnv = serviceEnv.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4005),
});

export type NotificationsEnv = z.infer<typeof notificationsEnv>;

export const loadNotificationsEnv = (source?: Record<string, string | undefined>) =>
  loadEnv(notificationsEnv, source);
