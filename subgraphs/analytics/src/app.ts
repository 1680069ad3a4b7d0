import { fileURLToPath } from "node:url";
import { loadSchema, type SubgraphDefinition } from "@kai/runtime";
import type { AnalyticsContext } from "./context.ts";
import { type AnalyticsSchema, schema } from "./db/tables.ts";
import { analyticsConsumers } from "./events/consumers/index.ts";
import { resolvers } from "./resolvers/index.ts";

export const typeDefs = loadSchema("./schema.graphql", import.meta.url);

export const migrationsFolder = fileURLToPath(new URL("../drizzle", import.meta.url));

export interface AnalyticsOptions {
  /** The clock that says which week is the current cohort. Default: the system clock. */
  now?: () => Date;
}

/**
 * The analytics subgraph: a read model built only from the event streams (its consumers start
 * at the beginning of each stream), and the `analytics` query over it for analysts and admins.
 */
export function analyticsSubgraph({
  now = () => new Date(),
}: AnalyticsOptions = {}): SubgraphDefinition<AnalyticsSchema, AnalyticsContext> {
  return {
    name: "analytics",
    schema,
    migrationsFolder,
    typeDefs,
    resolvers,
    context: ({ db }, base) => ({ ...base, db, now }),
    consumers: () => analyticsConsumers(),
  };
}
