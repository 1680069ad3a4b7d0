import { fileURLToPath } from "node:url";
import { loadSchema, type SubgraphDefinition } from "@kai/runtime";
import type { LearningContext } from "./context.ts";
import { type LearningSchema, schema } from "./db/tables.ts";
import { startDueScheduler } from "./due-cards/due-scheduler.ts";
import type { LearningEnv } from "./env.ts";
import { captureCreatedConsumer } from "./events/consumers/capture-created.ts";
import type { CardGenerator } from "./generation/card-generator.ts";
import { offlineCardGenerator } from "./generation/offline-card-generator.ts";
import { createLoaders } from "./loaders.ts";
import { resolvers } from "./resolvers/index.ts";

export const typeDefs = loadSchema("./schema.graphql", import.meta.url);

export interface LearningOptions {
  /** Makes flashcards from captures. Default: the offline generator. */
  generator?: CardGenerator;
}

export function learningSubgraph(
  env: LearningEnv,
  { generator = offlineCardGenerator }: LearningOptions = {},
): SubgraphDefinition<LearningSchema, LearningContext> {
  return {
    name: "learning",
    schema,
    migrationsFolder: fileURLToPath(new URL("../drizzle", import.meta.url)),
    typeDefs,
    resolvers,
    context: ({ db, relay }, base) => ({
      ...base,
      db,
      relay,
      env,
      loaders: createLoaders(db, base.viewer),
    }),
    consumers: ({ log }) => [captureCreatedConsumer({ generator, log })],
    background: async ({ db, relay, log }) => [
      startDueScheduler({ db, relay, log, intervalMs: env.DUE_SCAN_INTERVAL_SECONDS * 1000 }),
    ],
  };
}
