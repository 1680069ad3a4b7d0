import type { BlobStore } from "@kai/blob";
import type { Db } from "@kai/db";
import type { BaseContext } from "@kai/service";
import type { CapturesSchema } from "./db/tables.ts";
import type { CapturesEnv } from "./env.ts";
import type { Loaders } from "./loaders.ts";

export interface UploadSettings {
  /** The key upload URLs are signed with; undefined when uploads are off. */
  secret: string | undefined;
  /** Where clients reach `/uploads` (UPLOAD_BASE_URL, else the address this service was reached at). */
  baseUrl(): string;
}

export interface CapturesContext extends BaseContext {
  db: Db<CapturesSchema>;
  loaders: Loaders;
  env: CapturesEnv;
  blobs: BlobStore;
  uploads: UploadSettings;
}
