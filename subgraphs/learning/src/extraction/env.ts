import { z } from "zod";

/** `true` or `false`; anything else is a configuration error rather than a silent default. */
const flag = z
  .enum(["true", "false"])
  .default("false")
  .transform((value) => value === "true");

/** How learning reads captures: fetching links and OCR of screenshots. */
export const extractionEnv = z.object({
  /**
   * Lets link captures fetch private, loopback and link-local addresses. Off by default: a
   * user's link must not reach the services inside our network (SSRF).
   */
  URL_FETCH_ALLOW_PRIVATE: flag,
  /** One link's whole fetch, redirects included. */
  URL_FETCH_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Largest page read; a larger one fails the capture with a reason. */
  URL_FETCH_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(2 * 1024 * 1024),
  URL_FETCH_MAX_REDIRECTS: z.coerce.number().int().min(0).max(10).default(5),
  /** Characters of a page's or screenshot's text kept for the cards and stored on the capture. */
  EXTRACTED_TEXT_MAX_CHARS: z.coerce.number().int().min(1_000).default(50_000),
  /** Languages local OCR reads, as tesseract's `-l` takes them (installed traineddata). */
  OCR_LANGUAGES: z
    .string()
    .regex(/^[a-z_]+(\+[a-z_]+)*$/)
    .default("eng"),
  /** One local OCR run's time limit. */
  OCR_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
});

export type ExtractionEnv = z.infer<typeof extractionEnv>;
