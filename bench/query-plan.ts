// `tsx bench/query-plan.ts`: the gateway's query plans for the benchmark's queries, printed
// the way Apollo's tools show them, to see how many subgraph fetches each one costs and in
// what order.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parse } from "graphql";
import { DASHBOARD, LIGHT } from "./queries.ts";

// Both come with @apollo/gateway (the same versions it plans with), not as separate deps.
const require = createRequire(createRequire(import.meta.url).resolve("@apollo/gateway"));
const { Supergraph, operationFromDocument } = require("@apollo/federation-internals");
const { QueryPlanner, prettyFormatQueryPlan } = require("@apollo/query-planner");

const supergraph = Supergraph.build(
  readFileSync(new URL("../schema/supergraph.graphql", import.meta.url), "utf8"),
);
const planner = new QueryPlanner(supergraph);
for (const [name, query] of Object.entries({ light: LIGHT, dashboard: DASHBOARD })) {
  const operation = operationFromDocument(supergraph.schema, parse(query));
  console.log(`\n${name}:\n${prettyFormatQueryPlan(planner.buildQueryPlan(operation))}`);
}
