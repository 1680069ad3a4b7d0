import { fileURLToPath } from "node:url";
import { loadSchema, type RuntimeDeps, type SubgraphDefinition } from "@kai/runtime";
import type { LearningContext } from "./context.ts";
import { type LearningSchema, schema } from "./db/tables.ts";
import { startDueScheduler } from "./due-cards/due-scheduler.ts";
import type { LearningEnv } from "./env.ts";
import { captureCreatedConsumer } from "./events/consumers/capture-created.ts";
import { type AiServices, createAiServices } from "./generation/ai-services.ts";
import { createLoaders } from "./loaders.ts";
import { resolvers } from "./resolvers/index.ts";

export const typeDefs = loadSchema("./schema.graphql", import.meta.url);

export function learningSubgraph(
  env: LearningEnv,
): SubgraphDefinition<LearningSchema, LearningContext> {
  // One set of generators per process, made once the database is open.
  let ai: AiServices | undefined;
  const aiOf = ({ db, log }: RuntimeDeps<LearningSchema>) => {
    ai ??= createAiServices(env, db, log);
    return ai;
  };

  return {
    name: "learning",
    schema,
    migrationsFolder: fileURLToPath(new URL("../drizzle", import.meta.url)),
    typeDefs,
    resolvers,
    context: (deps, base) => ({
      ...base,
      db: deps.db,
      relay: deps.relay,
      env,
      ai: aiOf(deps),
      loaders: createLoaders(deps.db, base.viewer),
    }),
    consumers: (deps) => [
      captureCreatedConsumer({ db: deps.db, generator: aiOf(deps).cards, log: deps.log }),
    ],
    background: async ({ db, relay, log }) => [
      startDueScheduler({ db, relay, log, intervalMs: env.DUE_SCAN_INTERVAL_SECONDS * 1000 }),
    ],
  };
}
