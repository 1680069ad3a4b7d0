import { loadEnv, serviceEnv } from "@kai/config";
import { z } from "zod";

export const progressEnv = serviceEnv.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4004),
  /** Where share links point (`<PUBLIC_APP_URL>/u/<userId>`); a trailing slash is ignored. */
  PUBLIC_APP_URL: z
    .url()
    .default("https://kai.app")
    .transform((url) => url.replace(/\/+$/, "")),
  /**
   * The local hour (0–23) from which a live streak with nothing done today is announced as at
   * risk (`progress.streak_at_risk`). Default 20: evening, with time left to save it.
   */
  STREAK_AT_RISK_HOUR: z.coerce.number().int().min(0).max(23).default(20),
  /** How often the streak-at-risk scheduler scans. Fractions of a second are for tests. */
  STREAK_AT_RISK_SCAN_INTERVAL_SECONDS: z.coerce.number().positive().default(60),
});

export type ProgressEnv = z.infer<typeof progressEnv>;

export const loadProgressEnv = (source?: Record<string, string | undefined>) =>
  loadEnv(progressEnv, source);
