import { loadEnv, serviceEnv } from "@kai/config";
import { z } from "zod";

export const learningEnv = serviceEnv.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4003),
  /** How often the scheduler looks for cards that became due. Fractions of a second are for tests. */
  DUE_SCAN_INTERVAL_SECONDS: z.coerce.number().positive().default(60),
});

export type LearningEnv = z.infer<typeof learningEnv>;

export const loadLearningEnv = (source?: Record<string, string | undefined>) =>
  loadEnv(learningEnv, source);
