// `pnpm bench` (gateways): Kai's gateway against a bare @apollo/gateway over the same subgraph
// processes, in production mode on PostgreSQL, for the light query and the dashboard at one
// and at 16 clients. Rounds interleave the two gateways (alternating which goes first), so a
// busy machine slows both alike and the ratio stays meaningful.
import { waitFor } from "@kai/testkit";
import { gatewayAt, register } from "../tests/support/operations.ts";
import { Cleanup } from "./cleanup.ts";
import { timeDashboardFetches } from "./fetch-timing.ts";
import { type LoadResult, load } from "./http-load.ts";
import { type PerfStack, startPerfStack } from "./perf-stack.ts";
import { mapPooled } from "./pool.ts";
import { DASHBOARD, LIGHT } from "./queries.ts";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const CAPTURES = Number(process.env.BENCH_CAPTURES ?? 30);
const CELLS = [
  { query: "light", document: LIGHT, clients: 1 },
  { query: "light", document: LIGHT, clients: 16 },
  { query: "dashboard", document: DASHBOARD, clients: 1 },
  { query: "dashboard", document: DASHBOARD, clients: 16 },
] as const;

const note = (message: string) => console.error(`[bench] ${message}`);

export interface GatewayRow {
  query: string;
  clients: number;
  ours: LoadResult;
  bare: LoadResult;
}

const CREATE = "mutation ($input: CreateCaptureInput!) { createCapture(input: $input) { id } }";

/** A user with `count` processed captures, made through Kai's gateway. */
export async function dashboardUser(
  url: string,
  count: number,
): Promise<{ token: string; userId: string }> {
  const { client, accessToken, userId } = await register(gatewayAt(url), "Bench");
  const text = (index: number) =>
    `Capture ${index}: photosynthesis turns light into chemical energy in the chloroplasts. The Calvin cycle builds glucose from carbon dioxide. Jan Ingenhousz showed in 1779 that plants need light to make oxygen.`;
  await mapPooled(
    Array.from({ length: count }, (_, index) => index),
    4,
    async (index) => {
      const { createCapture } = await client.request<{ createCapture: { id: string } }>(CREATE, {
        input: { type: "TEXT", content: text(index), tags: ["bench"] },
      });
      await waitFor(
        async () => {
          const { capture } = await client.request<{ capture: { status: string } | null }>(
            "query ($id: ID!) { capture(id: $id) { status } }",
            { id: createCapture.id },
          );
          return capture?.status === "PROCESSED" ? true : undefined;
        },
        { timeoutMs: 120_000, what: `capture ${index} processed` },
      );
    },
  );
  return { token: accessToken, userId };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

function combine(results: LoadResult[]): LoadResult {
  return {
    perSecond: median(results.map((r) => r.perSecond)),
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
    requests: results.reduce((sum, r) => sum + r.requests, 0),
    failures: results.reduce((sum, r) => sum + r.failures, 0),
  };
}

/** Interleaved rounds over every cell; each cell's figures are the median over the rounds. */
export async function compareGateways(stack: PerfStack, token: string): Promise<GatewayRow[]> {
  const gateways = { ours: stack.ours.url, bare: stack.bare.url };
  for (const cell of CELLS) {
    for (const url of Object.values(gateways))
      await load(url, token, cell.document, cell.clients, 1);
  }
  const samples = CELLS.map(() => ({ ours: [] as LoadResult[], bare: [] as LoadResult[] }));
  for (let round = 0; round < ROUNDS; round++) {
    note(`round ${round + 1}/${ROUNDS}…`);
    for (const [index, cell] of CELLS.entries()) {
      const order =
        (round + index) % 2 === 0 ? (["ours", "bare"] as const) : (["bare", "ours"] as const);
      for (const side of order) {
        samples[index]?.[side].push(
          await load(gateways[side], token, cell.document, cell.clients, SECONDS),
        );
      }
    }
  }
  return CELLS.map((cell, index) => ({
    query: cell.query,
    clients: cell.clients,
    ours: combine(samples[index]?.ours ?? []),
    bare: combine(samples[index]?.bare ?? []),
  }));
}

export function fetchTable(fetches: { name: string; p50: number; p99: number }[]): string {
  return [
    "| dashboard fetch, straight to the subgraph, one at a time | p50 ms | p99 ms |",
    "| --- | ---: | ---: |",
    ...fetches.map((f) => `| ${f.name} | ${f.p50.toFixed(1)} | ${f.p99.toFixed(1)} |`),
  ].join("\n");
}

export function gatewayTable(rows: GatewayRow[]): string {
  const lines = [
    "| query | clients | ours req/s | bare req/s | ratio | ours p50 ms | bare p50 ms | ours p99 ms | bare p99 ms | failures ours/bare |",
    "| ----- | ------: | ---------: | ---------: | ----: | ----------: | ----------: | ----------: | ----------: | -----------------: |",
  ];
  for (const { query, clients, ours, bare } of rows) {
    lines.push(
      `| ${query} | ${clients} | ${ours.perSecond.toFixed(0)} | ${bare.perSecond.toFixed(0)} | ${(ours.perSecond / bare.perSecond).toFixed(2)}× | ${ours.p50.toFixed(1)} | ${bare.p50.toFixed(1)} | ${ours.p99.toFixed(1)} | ${bare.p99.toFixed(1)} | ${ours.failures}/${bare.failures} |`,
    );
  }
  return lines.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const cleanup = new Cleanup();
  const profile = process.env.BENCH_CPU_PROF;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void cleanup.run().finally(() => process.exit(130)));
  }
  (async () => {
    note("starting PostgreSQL, NATS, Redis, the subgraphs and both gateways…");
    const stack = await startPerfStack(profile ? { profileDir: profile } : {});
    cleanup.add(() => stack.dispose());
    note(`a user with ${CAPTURES} processed captures…`);
    const { token, userId } = await dashboardUser(stack.ours.url, CAPTURES);
    const fetches = await timeDashboardFetches(stack.subgraphs, token, userId);
    const rows = await compareGateways(stack, token);
    // bench/all.ts reads the result as the last line of stdout.
    if (process.env.BENCH_JSON) console.log(JSON.stringify({ rows, fetches }));
    else console.log(`\n${gatewayTable(rows)}\n\n${fetchTable(fetches)}\n`);
  })().then(
    () => cleanup.run().then(() => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      return cleanup.run().finally(() => process.exit(1));
    },
  );
}
