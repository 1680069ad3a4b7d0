import { blobEnv, requireCompleteS3 } from "@kai/blob";
import { loadEnv, optionalSetting, serviceEnv } from "@kai/config";
import { z } from "zod";

export const capturesEnv = serviceEnv
  .extend({
    PORT: z.coerce.number().int().min(0).max(65535).default(4002),
    ...blobEnv.shape,
    /** Largest upload accepted, in bytes (10 MiB by default). */
    UPLOAD_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(10 * 1024 * 1024),
    /** How long an upload URL accepts its PUT, in seconds. */
    UPLOAD_URL_TTL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(900),
    /** How often uploads nobody finished or used are removed (rows and bytes). */
    UPLOAD_SWEEP_INTERVAL_SECONDS: z.coerce.number().positive().default(600),
    /**
     * The HMAC key of upload URLs, at least 32 characters (`openssl rand -base64 48`).
     * Unset in development: a fixed development key. Unset in production: uploads are off
     * (createUploadUrl answers FORBIDDEN), as a known key would let anyone forge upload URLs.
     */
    UPLOAD_SECRET: optionalSetting(z.string().min(32)),
    /**
     * Where clients reach this service's `/uploads` route, e.g. `https://api.kai.dev/captures`.
     * Unset: the address the service was reached at (fine on one machine, not behind a proxy).
     */
    UPLOAD_BASE_URL: optionalSetting(z.url({ protocol: /^https?$/ })),
  })
  .superRefine(requireCompleteS3);

export type CapturesEnv = z.infer<typeof capturesEnv>;

export const loadCapturesEnv = (source?: Record<string, string | undefined>) =>
  loadEnv(capturesEnv, source);

/** Development's stand-in for UPLOAD_SECRET, so a fresh checkout starts without one. */
const DEV_UPLOAD_SECRET = "kai-development-upload-secret-not-for-production";

/** The key upload URLs are signed with; undefined in production without UPLOAD_SECRET. */
export const uploadSecret = (env: CapturesEnv): string | undefined =>
  env.UPLOAD_SECRET ?? (env.NODE_ENV === "production" ? undefined : DEV_UPLOAD_SECRET);
