import { join } from "node:path";
import { optionalSetting } from "@kai/config";
import { z } from "zod";
import type { BlobStore } from "./blob-store.ts";
import { localBlobStore } from "./local-blob-store.ts";
import { s3BlobStore } from "./s3-blob-store.ts";

/**
 * The blob settings of a service that stores or reads uploads; it extends its env with them
 * (`serviceEnv.extend(blobEnv.shape).superRefine(requireCompleteS3)`).
 */
export const blobEnv = z.object({
  /** Directory of the local store. Default `<DATA_DIR>/blobs`. Ignored when S3 is set. */
  BLOB_DIR: optionalSetting(z.string()),
  /** An S3-compatible endpoint, e.g. `https://s3.eu-west-1.amazonaws.com` or a MinIO URL. */
  S3_ENDPOINT: optionalSetting(z.url({ protocol: /^https?$/ })),
  S3_BUCKET: optionalSetting(z.string().min(3)),
  S3_ACCESS_KEY_ID: optionalSetting(z.string().min(1)),
  S3_SECRET_ACCESS_KEY: optionalSetting(z.string().min(1)),
  /** Signing region; most S3-compatible stores accept the default. */
  S3_REGION: z.string().default("us-east-1"),
});

export type BlobEnv = z.infer<typeof blobEnv>;

const S3_KEYS = ["S3_ENDPOINT", "S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const;

/** A refinement: half an S3 configuration is a mistake to report at start, not a silent fallback. */
export function requireCompleteS3(env: BlobEnv, ctx: z.RefinementCtx): void {
  const given = S3_KEYS.filter((key) => env[key] !== undefined);
  if (given.length === 0 || given.length === S3_KEYS.length) return;
  for (const key of S3_KEYS)
    if (env[key] === undefined)
      ctx.addIssue({ code: "custom", path: [key], message: `is required with ${given[0]}` });
}

/** S3 when configured, else files under BLOB_DIR (default `<DATA_DIR>/blobs`). */
export function createBlobStore(
  env: BlobEnv & { DATA_DIR: string },
): BlobStore & { close?(): void } {
  const { S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY } = env;
  if (S3_ENDPOINT && S3_BUCKET && S3_ACCESS_KEY_ID && S3_SECRET_ACCESS_KEY)
    return s3BlobStore({
      endpoint: S3_ENDPOINT,
      bucket: S3_BUCKET,
      accessKeyId: S3_ACCESS_KEY_ID,
      secretAccessKey: S3_SECRET_ACCESS_KEY,
      region: env.S3_REGION,
    });
  return localBlobStore(env.BLOB_DIR ?? join(env.DATA_DIR, "blobs"));
}
