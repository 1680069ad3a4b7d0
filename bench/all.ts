// `pnpm bench`: every figure of the performance budget in one table — Kai's gateway beside a
// bare @apollo/gateway (compare.ts, one interleaved run over the same subgraph processes) and
// the subscription fan-out at 1,000 and 10,000 sockets (run.ts). Each part runs as its own
// process, one after the other, so none measures another's leftovers.
import { execFile } from "node:child_process";
import { cpus, freemem, loadavg, totalmem } from "node:os";
import { promisify } from "node:util";
import type { GatewayRow } from "./compare.ts";
import { type BenchResult, hopTable } from "./report.ts";

const run = promisify(execFile);
const TSX = new URL("../node_modules/.bin/tsx", import.meta.url).pathname;

async function part<T>(script: string, env: Record<string, string> = {}): Promise<T> {
  console.error(`[bench] ${script} ${JSON.stringify(env)}…`);
  const child = run(TSX, [new URL(script, import.meta.url).pathname], {
    env: { ...process.env, ...env, BENCH_JSON: "1" },
    maxBuffer: 64 * 1024 * 1024,
  });
  child.child.stderr?.pipe(process.stderr);
  const { stdout } = await child;
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "null") as T;
}

const f = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "n/a");

function gatewayRows(rows: GatewayRow[]): string[] {
  const lines: string[] = [];
  for (const { query, clients, ours, bare } of rows) {
    lines.push(
      `| ${query}, ${clients} client${clients > 1 ? "s" : ""}: req/s | ${f(ours.perSecond, 0)} | ${f(bare.perSecond, 0)} | ${f(ours.perSecond / bare.perSecond, 2)}× |`,
      `| ${query}, ${clients} client${clients > 1 ? "s" : ""}: p50 ms | ${f(ours.p50)} | ${f(bare.p50)} | ${f(ours.p50 / bare.p50, 2)}× |`,
    );
  }
  const p50 = (query: string) => rows.find((r) => r.query === query && r.clients === 1);
  const light = p50("light");
  const dashboard = p50("dashboard");
  if (light && dashboard) {
    lines.push(
      `| dashboard p50 ÷ light p50, 1 client | ${f(dashboard.ours.p50 / light.ours.p50, 2)}× | ${f(dashboard.bare.p50 / light.bare.p50, 2)}× | |`,
    );
  }
  return lines;
}

function subscriptionRows(label: string, result: BenchResult): string[] {
  const perSocket = (result.memory.connected - result.memory.idle) / result.subscribers / 1024;
  const none = "— (no subscriptions)";
  return [
    `| review → update p99, ${label} | ${f(result.latency.p99)} ms | ${none} | |`,
    `| review → update p50, ${label} | ${f(result.latency.median)} ms | ${none} | |`,
    `| updates delivered / live sockets, ${label} | ${result.delivered}/${result.expected} · ${result.live}/${result.subscribers} | ${none} | |`,
    `| gateway memory per socket, ${label} | ${f(perSocket)} KiB | ${none} | |`,
  ];
}

const gateways = await part<{ rows: GatewayRow[] }>("./compare.ts");
const thousand = await part<BenchResult>("./run.ts");
const tenThousand = await part<BenchResult>("./run.ts", {
  BENCH_SOCKETS_PER_USER: "100",
  BENCH_DEADLINE_SECONDS: "500",
}).catch((error: unknown) => {
  console.error("[bench] the 10,000-socket run failed:", error);
  return undefined;
});

console.log(
  [
    "",
    "| measure | ours | bare @apollo/gateway | ours ÷ bare |",
    "| ------- | ---: | -------------------: | ----------: |",
    ...gatewayRows(gateways.rows),
    ...subscriptionRows("1,000 sockets", thousand),
    ...(tenThousand ? subscriptionRows("10,000 sockets", tenThousand) : []),
    "",
    "Where the 1,000-socket run's updates spent their time:",
    "",
    hopTable(thousand.hops),
    "",
    `${cpus().length} cores (${cpus()[0]?.model ?? "?"}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM (${(freemem() / 2 ** 30).toFixed(0)} free), node ${process.version}, load average at the end ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" / ")}`,
  ].join("\n"),
);
