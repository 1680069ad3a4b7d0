import { fileURLToPath } from "node:url";
import { loadSchema, type Resources, type SubgraphDefinition } from "@kai/runtime";
import type { LearningContext } from "./context.ts";
import { type LearningSchema, schema } from "./db/tables.ts";
import { startDueScheduler } from "./due-cards/due-scheduler.ts";
import type { LearningEnv } from "./env.ts";
import { captureCreatedConsumer } from "./events/consumers/capture-created.ts";
import { userDeletedConsumer } from "./events/consumers/user-deleted.ts";
import { type AiServices, createAiServices } from "./generation/ai-services.ts";
import { createLoaders } from "./loaders.ts";
import { resolvers } from "./resolvers/index.ts";

export const typeDefs = loadSchema("./schema.graphql", import.meta.url);

export function learningSubgraph(
  env: LearningEnv,
): SubgraphDefinition<LearningSchema, LearningContext, { ai: AiServices } & Resources> {
  return {
    name: "learning",
    schema,
    migrationsFolder: fileURLToPath(new URL("../drizzle", import.meta.url)),
    typeDefs,
    resolvers,
    setup: async ({ db, log }) => ({ ai: createAiServices(env, db, log) }),
    context: ({ db, ai }, base) => ({
      ...base,
      db,
      env,
      ai,
      loaders: createLoaders(db, base.viewer),
    }),
    consumers: ({ db, ai, log }) => [
      captureCreatedConsumer({ db, generator: ai.cards, log }),
      userDeletedConsumer(log),
    ],
    background: async ({ db, log }) => [
      startDueScheduler({ db, log, intervalMs: env.DUE_SCAN_INTERVAL_SECONDS * 1000 }),
    ],
  };
}
