import { loadEnv, serviceEnv } from "@kai/config";
import { z } from "zod";

export const progressEnv = serviceEnv.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4004),
  /** Where share links point (`<PUBLIC_APP_URL>/u/<userId>`); a trailing slash is ignored. */
  PUBLIC_APP_URL: z
    .url()
    .default("https://kai.app")
    .transform((url) => url.replace(/\/+$/, "")),
});

export type ProgressEnv = z.infer<typeof progressEnv>;

export const loadProgressEnv = (source?: Record<string, string | undefined>) =>
  loadEnv(progressEnv, source);
