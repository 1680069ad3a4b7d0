import { fileURLToPath } from "node:url";
import { loadSchema, type SubgraphDefinition } from "@kai/runtime";
import type { CapturesContext } from "./context.ts";
import { type CapturesSchema, schema } from "./db/tables.ts";
import type { CapturesEnv } from "./env.ts";
import { captureProcessed } from "./events/consumers/capture-processed.ts";
import { userDeleted } from "./events/consumers/user-deleted.ts";
import { createLoaders } from "./loaders.ts";
import { resolvers } from "./resolvers/index.ts";

export const typeDefs = loadSchema("./schema.graphql", import.meta.url);

export function capturesSubgraph(
  env: CapturesEnv,
): SubgraphDefinition<CapturesSchema, CapturesContext> {
  return {
    name: "captures",
    schema,
    migrationsFolder: fileURLToPath(new URL("../drizzle", import.meta.url)),
    typeDefs,
    resolvers,
    context: ({ db }, base) => ({
      ...base,
      db,
      env,
      loaders: createLoaders(db, base.viewer),
    }),
    consumers: ({ log }) => [captureProcessed(log), userDeleted(log)],
  };
}
