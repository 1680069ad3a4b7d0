import { webPushTargetSchema } from "@kai/push";
import { isTimeZone } from "@kai/time";
import { z } from "zod";
import { isLocalTime } from "./local-time.ts";

const localTime = z.string().refine(isLocalTime, "must be a 24-hour time HH:MM");

/** updateNotificationPreferences's input beyond what the SDL checks. */
export const preferencesInput = z.object({
  settings: z
    .array(z.object({ kind: z.string(), channel: z.string(), enabled: z.boolean() }))
    .max(50)
    .nullish(),
  quietHours: z
    .object({ start: localTime, end: localTime })
    .refine((q) => q.start !== q.end, { message: "start and end must differ", path: ["end"] })
    .nullish(),
  dailyReminderTime: localTime.nullish(),
  timezone: z.string().refine(isTimeZone, "must be an IANA time zone").nullish(),
});

/** At most a page's worth of ids per call. */
export const markReadInput = z.object({ ids: z.array(z.string()).max(100) });

/** A browser's subscription, checked as @kai/push will send to it: https, a P-256 key, a 16-byte secret. */
export const pushSubscriptionInput = webPushTargetSchema;

export const deviceInput = z.object({
  platform: z.enum(["IOS", "ANDROID"]),
  token: z.string().min(1).max(4096),
});
