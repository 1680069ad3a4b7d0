// `pnpm bench` (second part): the gateway's throughput on a light and a heavy query with the
// operation limits at their defaults and, for comparison, raised out of reach (the same checks
// run, nothing is refused), then the CPU time the checks themselves take per request. Both
// gateways are their own processes in front of the same subgraphs; every request goes to
// localhost and the run is bounded in time.

import { operationLimitsFrom } from "@kai/service";
import { loadGatewayEnv } from "../gateway/src/env.ts";
import { createCapture, register, waitForProcessed } from "../tests/support/operations.ts";
import { startStack } from "../tests/support/stack.ts";
import { Cleanup } from "./cleanup.ts";
import { startGatewayProcess } from "./gateway-process.ts";
import { summarize } from "./latency.ts";
import { limitCheckMicroseconds } from "./limit-checks.ts";

const SECONDS = Number(process.env.BENCH_THROUGHPUT_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_THROUGHPUT_CONCURRENCY ?? 8);

const QUERIES = {
  light: "{ me { id name } }",
  heavy: `{ me { name
    captures(first: 20) { totalCount edges { node { status tags topic { name flashcardCount } } } }
    topics(first: 20) { name flashcards(first: 20) { front back nextReview } }
    progress { points level streak } dueCount } }`,
};

/** Limits no request reaches: the same code path, nothing refused. */
const LIMITS_OFF = {
  MAX_QUERY_DEPTH: "1000",
  MAX_QUERY_ALIASES: "100000",
  MAX_QUERY_DIRECTIVES: "100000",
  MAX_QUERY_TOKENS: "1000000",
  MAX_QUERY_COST: "1000000000",
};

interface Measure {
  perSecond: number;
  p50: number;
  p99: number;
  failures: number;
}

async function measure(url: string, token: string, query: string): Promise<Measure> {
  const body = JSON.stringify({ query });
  const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
  const latencies: number[] = [];
  let failures = 0;
  const until = performance.now() + SECONDS * 1000;
  const worker = async () => {
    while (performance.now() < until) {
      const start = performance.now();
      const response = await fetch(url, { method: "POST", headers, body });
      const answer = (await response.json()) as { errors?: unknown };
      if (!response.ok || answer.errors) failures++;
      latencies.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const { median: p50, p99 } = summarize(latencies);
  return { perSecond: latencies.length / SECONDS, p50, p99, failures };
}

async function main(cleanup: Cleanup): Promise<void> {
  console.error("[bench] starting the subgraphs and two gateway processes…");
  const stack = await startStack();
  cleanup.add(() => stack.stop());
  const limited = await startGatewayProcess(stack);
  cleanup.add(() => limited.stop());
  const unlimited = await startGatewayProcess(stack, LIMITS_OFF);
  cleanup.add(() => unlimited.stop());
  const ada = await register(stack, "Ada");
  for (let i = 0; i < 3; i++) await waitForProcessed(ada, await createCapture(ada));

  console.log(`\nGateway throughput (${CONCURRENCY} concurrent clients, ${SECONDS} s each)`);
  console.log("query  limits  req/s   p50 ms  p99 ms  failures");
  for (const [name, query] of Object.entries(QUERIES)) {
    for (const [label, gateway] of [
      ["on", limited],
      ["raised", unlimited],
    ] as const) {
      await measure(gateway.url, ada.accessToken, query); // warm-up: plans and documents cached
      const m = await measure(gateway.url, ada.accessToken, query);
      console.log(
        `${name.padEnd(6)} ${label.padEnd(7)} ${m.perSecond.toFixed(0).padStart(5)}  ${m.p50.toFixed(1).padStart(6)}  ${m.p99.toFixed(1).padStart(6)}  ${m.failures}`,
      );
    }
  }
  console.log(
    "\nCPU the limit checks take (µs): per request (tokens + cost) · rules, once per document",
  );
  const limits = operationLimitsFrom(loadGatewayEnv({}), { flattenFragments: false });
  for (const [name, query] of Object.entries(QUERIES)) {
    const { perRequest, rulesOnce } = limitCheckMicroseconds(query, limits);
    console.log(`${name.padEnd(6)} ${perRequest.toFixed(1).padStart(7)} · ${rulesOnce.toFixed(1)}`);
  }
}

const cleanup = new Cleanup();
main(cleanup).then(
  () => cleanup.run().then(() => process.exit(0)),
  (error: unknown) => {
    console.error(error);
    return cleanup.run().finally(() => process.exit(1));
  },
);
