import type { Hop } from "./hops.ts";
import type { Summary } from "./latency.ts";
import type { BenchOptions } from "./options.ts";

export interface BenchResult {
  options: BenchOptions;
  subscribers: number;
  /** Subscribers that received the warm-up review's update, proving their subscription live. */
  live: number;
  expected: number;
  delivered: number;
  latency: Summary;
  /** Where the time went, step by step, in ms after each review was sent. */
  hops: Hop[];
  wrongUser: number;
  duplicates: number;
  failedReviews: number;
  subscriptionFailures: number;
  memory: { idle: number; connected: number; peakConnected: number; lifetimePeak: number };
  seconds: { setup: number; measured: number };
  /** CPU seconds used during the measured phase, to show which side is the bottleneck. */
  cpu: { gateway: number; clients: number };
}

/** The result as a two-column table on stdout; progress notes go to stderr. */
export function printReport(result: BenchResult): void {
  const { options, latency, memory } = result;
  const rows: [string, string][] = [
    [
      "subscribers",
      `${result.subscribers} (${options.users} users × ${options.socketsPerUser} sockets)`,
    ],
    ["live after warm-up", `${result.live} / ${result.subscribers}`],
    ["measured reviews", `${options.reviews} at ${options.rate}/s, round-robin over users`],
    ["updates delivered", `${result.delivered} / ${result.expected}`],
    ["latency median", ms(latency.median)],
    ["latency p95", ms(latency.p95)],
    ["latency p99", ms(latency.p99)],
    ["latency max", ms(latency.max)],
    ["wrong-user / duplicate updates", `${result.wrongUser} / ${result.duplicates}`],
    ["failed reviews / subscriptions", `${result.failedReviews} / ${result.subscriptionFailures}`],
    ["gateway RSS, no sockets", mb(memory.idle)],
    ["gateway RSS, all connected (idle)", mb(memory.connected)],
    [
      "gateway memory per socket (connected − no sockets)",
      `${((memory.connected - memory.idle) / result.subscribers / 1024).toFixed(1)} KiB`,
    ],
    ["gateway peak RSS while connected", mb(memory.peakConnected)],
    ["gateway VmHWM (whole life)", mb(memory.lifetimePeak)],
    [
      "CPU in measured phase: gateway / clients",
      `${result.cpu.gateway.toFixed(1)} s / ${result.cpu.clients.toFixed(1)} s`,
    ],
    [
      "time: setup / measured phase",
      `${result.seconds.setup.toFixed(1)} s / ${result.seconds.measured.toFixed(1)} s`,
    ],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = [
    `| ${"metric".padEnd(width)} | value`,
    `| ${"-".repeat(width)} | -----`,
    ...rows.map(([label, value]) => `| ${label.padEnd(width)} | ${value}`),
  ];
  console.log(
    `\nstreakUpdated: review mutation sent → update received by each subscriber\n\n${lines.join("\n")}\n\n${hopTable(result.hops)}\n`,
  );
}

/** Each step's time after the review was sent: the differences between rows are the hops. */
export function hopTable(hops: readonly Hop[]): string {
  return [
    "| step, ms after the review was sent | reviews | p50 | p95 | p99 | max |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...hops.map(
      ({ step, after }) =>
        `| ${step} | ${after.count} | ${f(after.median)} | ${f(after.p95)} | ${f(after.p99)} | ${f(after.max)} |`,
    ),
  ].join("\n");
}

const f = (value: number) => (Number.isNaN(value) ? "n/a" : value.toFixed(1));

const ms = (value: number) => (Number.isNaN(value) ? "n/a" : `${value.toFixed(1)} ms`);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
