import type { BlobStore } from "@kai/blob";
import type { Db } from "@kai/db";
import type { BaseContext } from "@kai/service";
import type { LearningSchema } from "./db/tables.ts";
import type { LearningEnv } from "./env.ts";
import type { AiServices } from "./generation/ai-services.ts";
import type { Loaders } from "./loaders.ts";

export interface LearningContext extends BaseContext {
  db: Db<LearningSchema>;
  loaders: Loaders;
  env: LearningEnv;
  /** Card and syllabus generation (Gemini or offline), shared by every request. */
  ai: AiServices;
  /** Where exports are kept and how their download URLs are signed (secret unset: off). */
  decks: { blobs: BlobStore; secret: string | undefined; baseUrl(): string };
}
