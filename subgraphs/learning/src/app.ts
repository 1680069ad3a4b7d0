import { fileURLToPath } from "node:url";
import { createBlobStore } from "@kai/blob";
import { loadSchema, type Resources, type SubgraphDefinition } from "@kai/runtime";
import type { LearningContext } from "./context.ts";
import { type LearningSchema, schema } from "./db/tables.ts";
import { startDueScheduler } from "./due-cards/due-scheduler.ts";
import type { LearningEnv } from "./env.ts";
import { captureCreatedConsumer } from "./events/consumers/capture-created.ts";
import { userDeletedConsumer } from "./events/consumers/user-deleted.ts";
import type { CaptureTextReader } from "./extraction/capture-text.ts";
import { createCaptureText } from "./extraction/create-capture-text.ts";
import { type AiServices, createAiServices } from "./generation/ai-services.ts";
import { createLoaders } from "./loaders.ts";
import { resolvers } from "./resolvers/index.ts";

export const typeDefs = loadSchema("./schema.graphql", import.meta.url);

export function learningSubgraph(
  env: LearningEnv,
): SubgraphDefinition<
  LearningSchema,
  LearningContext,
  { ai: AiServices; texts: CaptureTextReader } & Resources
> {
  return {
    name: "learning",
    schema,
    migrationsFolder: fileURLToPath(new URL("../drizzle", import.meta.url)),
    typeDefs,
    resolvers,
    setup: async ({ db, log }) => {
      const ai = createAiServices(env, db, log);
      const blobs = createBlobStore(env);
      return {
        ai,
        texts: createCaptureText(env, { blobs, images: ai.images, videos: ai.videos, log }),
        close: async () => blobs.close?.(),
      };
    },
    context: ({ db, ai }, base) => ({
      ...base,
      db,
      env,
      ai,
      loaders: createLoaders(db, base.viewer),
    }),
    consumers: ({ db, ai, texts, log }) => [
      captureCreatedConsumer({ db, generator: ai.cards, texts, log }),
      userDeletedConsumer(log),
    ],
    background: async ({ db, log }) => [
      startDueScheduler({ db, log, intervalMs: env.DUE_SCAN_INTERVAL_SECONDS * 1000 }),
    ],
  };
}
