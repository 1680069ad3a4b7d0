import { loadEnv, serviceEnv } from "@kai/config";
import { z } from "zod";

export const capturesEnv = serviceEnv.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4002),
});

export type CapturesEnv = z.infer<typeof capturesEnv>;

export const loadCapturesEnv = (source?: Record<string, string | undefined>) =>
  loadEnv(capturesEnv, source);
