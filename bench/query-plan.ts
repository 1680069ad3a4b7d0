// `tsx bench/query-plan.ts`: the gateway's query plans for the benchmark's queries, to see how
// many subgraph fetches each one costs and in what order.
import { queryPlan } from "../tests/support/query-plan.ts";
import { DASHBOARD, LIGHT } from "./queries.ts";

for (const [name, query] of Object.entries({ light: LIGHT, dashboard: DASHBOARD })) {
  console.log(`\n${name}:\n${queryPlan(query)}`);
}
