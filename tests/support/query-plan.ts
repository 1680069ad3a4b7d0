import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parse } from "graphql";

// Both come with @apollo/gateway (the versions it plans with), not as dependencies of our own.
const require = createRequire(createRequire(import.meta.url).resolve("@apollo/gateway"));
const { Supergraph, operationFromDocument } = require("@apollo/federation-internals");
const { QueryPlanner, prettyFormatQueryPlan } = require("@apollo/query-planner");

const supergraph = Supergraph.build(
  readFileSync(new URL("../../schema/supergraph.graphql", import.meta.url), "utf8"),
);
const planner = new QueryPlanner(supergraph);

/** The gateway's query plan for `query` over the committed supergraph, as Apollo prints it. */
export function queryPlan(query: string): string {
  const operation = operationFromDocument(supergraph.schema, parse(query));
  return prettyFormatQueryPlan(planner.buildQueryPlan(operation));
}
