import { fileURLToPath } from "node:url";
import { type BlobStore, createBlobStore, selfAddress } from "@kai/blob";
import { loadSchema, type Resources, type SubgraphDefinition } from "@kai/runtime";
import type { LearningContext } from "./context.ts";
import { type LearningSchema, schema } from "./db/tables.ts";
import { downloadRoute } from "./deck-transfer/download-route.ts";
import { downloadSecret } from "./deck-transfer/env.ts";
import { startExportSweeper } from "./deck-transfer/export-sweeper.ts";
import { startDueScheduler } from "./due-cards/due-scheduler.ts";
import type { LearningEnv } from "./env.ts";
import { captureCreatedConsumer } from "./events/consumers/capture-created.ts";
import { deckImportRequestedConsumer } from "./events/consumers/deck-import-requested.ts";
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
  { ai: AiServices; texts: CaptureTextReader; blobs: BlobStore } & Resources
> {
  const secret = downloadSecret(env);
  const self = selfAddress();
  const decks = { secret, baseUrl: () => env.DOWNLOAD_BASE_URL ?? self.url() };
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
        blobs,
        texts: createCaptureText(env, { blobs, images: ai.images, videos: ai.videos, log }),
        close: async () => blobs.close?.(),
      };
    },
    context: ({ db, ai, blobs }, base) => ({
      ...base,
      db,
      env,
      ai,
      decks: { ...decks, blobs },
      loaders: createLoaders(db, base.viewer),
    }),
    consumers: ({ db, ai, texts, blobs, log }) => [
      captureCreatedConsumer({ db, generator: ai.cards, texts, log }),
      deckImportRequestedConsumer({
        db,
        blobs,
        log,
        limits: { maxBytes: env.DECK_IMPORT_MAX_BYTES, maxCards: env.DECK_MAX_CARDS },
      }),
      userDeletedConsumer(log),
    ],
    background: async ({ db, blobs, log }) => [
      startDueScheduler({ db, log, intervalMs: env.DUE_SCAN_INTERVAL_SECONDS * 1000 }),
      startExportSweeper({
        db,
        blobs,
        log,
        intervalMs: env.DECK_EXPORT_SWEEP_INTERVAL_SECONDS * 1000,
      }),
    ],
    routes: (app, { blobs }) => {
      app.use(self.learn);
      downloadRoute(app, { blobs, secret });
    },
  };
}
