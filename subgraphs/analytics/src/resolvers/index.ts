import type { Resolvers } from "../generated/graphql.ts";
import { Analytics } from "./analytics.ts";
import { analytics } from "./query-analytics.ts";

export const resolvers: Resolvers = {
  Query: { analytics },
  Analytics,
};
