import { fileURLToPath } from "node:url";
import { loadSchema, type SubgraphDefinition } from "@kai/runtime";
import type { NotificationsContext } from "./context.ts";
import { type NotificationsSchema, schema } from "./db/tables.ts";
import type { NotificationsEnv } from "./env.ts";
import { createLoaders } from "./loaders.ts";
import { resolvers } from "./resolvers/index.ts";

export const typeDefs = loadSchema("./schema.graphql", import.meta.url);

export interface NotificationsOptions {
  /** The clock for quiet hours and reminder windows. Default: the system clock; tests fix it. */
  now?: () => Date;
}

export function notificationsSubgraph(
  env: NotificationsEnv,
  { now = () => new Date() }: NotificationsOptions = {},
): SubgraphDefinition<NotificationsSchema, NotificationsContext> {
  return {
    name: "notifications",
    schema,
    migrationsFolder: fileURLToPath(new URL("../drizzle", import.meta.url)),
    typeDefs,
    resolvers,
    context: ({ db }, base) => ({ ...base, env, loaders: createLoaders(db), now }),
  };
}
