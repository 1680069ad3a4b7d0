import { blobEnv, requireCompleteS3 } from "@kai/blob";
import { loadEnv, optionalSetting, serviceEnv } from "@kai/config";
import { z } from "zod";
import { deckTransferEnv } from "./deck-transfer/env.ts";
import { DEFAULT_PRICES, type PriceTable, priceTable } from "./domain/ai-cost.ts";
import { extractionEnv } from "./extraction/env.ts";

export const learningEnv = serviceEnv.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4003),
  /** Where screenshots are read from (the blob store captures writes uploads to). */
  ...blobEnv.shape,
  ...extractionEnv.shape,
  ...deckTransferEnv.shape,
  /** How often the scheduler looks for cards that became due. Fractions of a second are for tests. */
  DUE_SCAN_INTERVAL_SECONDS: z.coerce.number().positive().default(60),
  /** Enables Gemini. Without it every deck and syllabus comes from the offline generator. */
  GEMINI_API_KEY: optionalSetting(z.string()),
  /** The SDK's base URL, e.g. a local server speaking the Gemini REST protocol. Default: Google's. */
  GEMINI_BASE_URL: optionalSetting(z.url()),
  /** Asked first. */
  GEMINI_MODEL: z.string().min(1).default("gemini-2.5-flash"),
  /** Asked when the first model fails or answers badly; "none" disables it. Cheaper by default. */
  GEMINI_FALLBACK_MODEL: z.string().min(1).default("gemini-2.5-flash-lite"),
  /** One model call's time limit; a call that times out moves on to the next model. */
  GEMINI_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  /** Retries of one model on 429 and 5xx answers (other 4xx are never retried). */
  GEMINI_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  /** Backoff before the first retry, doubled for each next one. */
  GEMINI_RETRY_BASE_MS: z.coerce.number().int().min(0).default(500),
  /** Capture text per model call; a longer capture is split into chunks of at most this. */
  GEMINI_MAX_INPUT_CHARS: z.coerce.number().int().min(500).default(24_000),
  /** Chunks of one capture sent to the model at most; the rest of a huge capture is not read. */
  GEMINI_MAX_CHUNKS: z.coerce.number().int().min(1).max(10).default(3),
  /** Estimated spend per user per UTC day after which the offline generator takes over. */
  AI_DAILY_BUDGET_USD: z.coerce.number().min(0).default(0.25),
  /**
   * USD per million tokens per model, as JSON: {"model": {"input": 0.3, "output": 2.5}}. The
   * "*" entry prices models not listed. Default: Google's list prices for the default models.
   */
  AI_PRICES: optionalSetting(z.string())
    .transform((text) => text ?? JSON.stringify(DEFAULT_PRICES))
    .transform((text, context): PriceTable => {
      try {
        return priceTable.parse(JSON.parse(text));
      } catch (error) {
        context.addIssue({ code: "custom", message: `not a price table: ${String(error)}` });
        return z.NEVER;
      }
    }),
});

export type LearningEnv = z.infer<typeof learningEnv>;

export const loadLearningEnv = (source?: Record<string, string | undefined>) =>
  loadEnv(learningEnv.superRefine(requireCompleteS3), source);
