import { type ChildProcess, spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { freePort, waitFor } from "@kai/testkit";
import type { Stack } from "../tests/support/stack.ts";

const MAIN = new URL("../gateway/src/main.ts", import.meta.url).pathname;
const STOP_GRACE_MS = 5_000;

export interface Memory {
  /** Resident set size now, in bytes. */
  rss: number;
  /** The process's resident peak since it started (VmHWM), in bytes. */
  peak: number;
}

export interface GatewayProcess {
  url: string;
  pid: number;
  memory(): Promise<Memory>;
  /** CPU time (user + system) the process has used so far, in seconds. */
  cpuSeconds(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The gateway as its own process in front of the stack's subgraphs, started the way it is
 * deployed (gateway/src/main.ts), so its memory is measured apart from the clients and
 * subgraphs that share the benchmark's process.
 */
export async function startGatewayProcess(
  stack: Stack,
  env: Record<string, string> = {},
): Promise<GatewayProcess> {
  const port = await freePort();
  const { users, captures, learning, progress, notifications, analytics } = stack.subgraphs;
  const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      NATS_URL: stack.nats.url,
      JWKS_URL: new URL("/.well-known/jwks.json", users.url).toString(),
      USERS_URL: users.url,
      CAPTURES_URL: captures.url,
      LEARNING_URL: learning.url,
      PROGRESS_URL: progress.url,
      NOTIFICATIONS_URL: notifications.url,
      ANALYTICS_URL: analytics.url,
      LOG_LEVEL: "silent",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`the gateway exited early (${code})`))),
  );
  exited.catch(() => {});
  await Promise.race([
    waitFor(() => healthy(port), { timeoutMs: 30_000, what: `the gateway on port ${port}` }),
    exited,
  ]);
  return {
    url,
    pid: child.pid ?? 0,
    memory: () => readMemory(child.pid ?? 0),
    cpuSeconds: () => readCpuSeconds(child.pid ?? 0),
    stop: () => stopChild(child),
  };
}

/**
 * A gateway another harness started as this process's child (the perf stack's), found by its
 * entry file in /proc, so its memory and CPU are read the same way as startGatewayProcess's.
 */
export async function childGateway(
  url: string,
  entry: string,
  stop: () => Promise<void>,
): Promise<GatewayProcess> {
  const pid = await childRunning(new URL(`../${entry}`, import.meta.url).pathname);
  return {
    url,
    pid,
    memory: () => readMemory(pid),
    cpuSeconds: () => readCpuSeconds(pid),
    stop,
  };
}

/** The pid of this process's child running `file`; /proc/<pid>/stat's 4th field is its parent. */
async function childRunning(file: string): Promise<number> {
  for (const entry of await readdir("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const [stat, cmdline] = await Promise.all([
      readFile(`/proc/${pid}/stat`, "utf8").catch(() => ""),
      readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => ""),
    ]);
    const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (parent === process.pid && cmdline.split("\0").includes(file)) return pid;
  }
  throw new Error(`no child process of this one runs ${file}`);
}

async function healthy(port: number): Promise<true | undefined> {
  const response = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
  return response?.ok ? true : undefined;
}

/** Reads VmRSS and VmHWM (reported in kB) from /proc: what the kernel charges the process. */
async function readMemory(pid: number): Promise<Memory> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kilobytes = (field: string) =>
    Number(status.match(new RegExp(`^${field}:\\s+(\\d+)`, "m"))?.[1] ?? 0);
  return { rss: kilobytes("VmRSS") * 1024, peak: kilobytes("VmHWM") * 1024 };
}

/** utime + stime from /proc/<pid>/stat (fields 14 and 15, after the parenthesised name). */
async function readCpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Field 3 onwards here; Linux reports in clock ticks, USER_HZ = 100 on every mainstream build.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** SIGTERM for a graceful shutdown; SIGKILL if it has not exited within the grace period. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

export interface MemorySampler {
  /** Stops sampling; the largest RSS seen while it ran. */
  stop(): number;
}

/**
 * Polls the gateway's RSS: VmHWM alone would report the peak of the process's whole life,
 * start-up included, not the peak of the phase being measured.
 */
export function sampleMemory(gateway: GatewayProcess, intervalMs = 100): MemorySampler {
  let max = 0;
  const timer = setInterval(() => {
    gateway.memory().then(
      ({ rss }) => {
        max = Math.max(max, rss);
      },
      () => {},
    );
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return max;
    },
  };
}
