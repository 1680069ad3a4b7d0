import { loadEnv, serviceEnv } from "@kai/config";
import { z } from "zod";

export const analyticsEnv = serviceEnv.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4006),
});

export type AnalyticsEnv = z.infer<typeof analyticsEnv>;

export const loadAnalyticsEnv = (source?: Record<string, string | undefined>) =>
  loadEnv(analyticsEnv, source);
