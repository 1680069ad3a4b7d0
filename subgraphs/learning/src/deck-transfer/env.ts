import { optionalSetting } from "@kai/config";
import { z } from "zod";

/** Settings of deck import and export (importDeck, exportDeck). */
export const deckTransferEnv = z.object({
  /** Largest deck file importDeck reads, in bytes (50 MiB by default). */
  DECK_IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(50 * 1024 * 1024),
  /** Most cards one import or export holds. */
  DECK_MAX_CARDS: z.coerce.number().int().positive().default(20_000),
  /** How long an export's download URL works, in seconds. */
  DECK_EXPORT_URL_TTL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),
  /** How often exported files whose URL expired are removed. Fractions of a second are for tests. */
  DECK_EXPORT_SWEEP_INTERVAL_SECONDS: z.coerce.number().positive().default(300),
  /**
   * The HMAC key of export download URLs, at least 32 characters. Unset in development: a
   * fixed development key. Unset in production: exportDeck answers FORBIDDEN.
   */
  DOWNLOAD_SECRET: optionalSetting(z.string().min(32)),
  /** Where clients reach this service's `/deck-exports` route; unset: the address it was reached at. */
  DOWNLOAD_BASE_URL: optionalSetting(z.url({ protocol: /^https?$/ })),
});

export type DeckTransferEnv = z.infer<typeof deckTransferEnv>;

const DEV_DOWNLOAD_SECRET = "kai-development-download-secret-not-for-production";

/** The key download URLs are signed with; undefined in production without DOWNLOAD_SECRET. */
export const downloadSecret = (env: DeckTransferEnv & { NODE_ENV: string }) =>
  env.DOWNLOAD_SECRET ?? (env.NODE_ENV === "production" ? undefined : DEV_DOWNLOAD_SECRET);
