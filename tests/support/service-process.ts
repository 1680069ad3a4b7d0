import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { waitFor } from "@kai/testkit";

const root = resolve(import.meta.dirname, "../..");

/** Lines of a service's output kept for the failure message; older ones are dropped. */
const OUTPUT_LINES = 80;
const GRACEFUL_STOP_MS = 10_000;

export interface ServiceProcessOptions {
  name: string;
  /** The service's main.ts, relative to the repository root. */
  entry: string;
  port: number;
  /** The service's whole environment (nothing is inherited beyond PATH and friends). */
  env: Record<string, string>;
  /** Called when the process exits without the harness having asked it to. */
  onUnexpectedExit?: (name: string, reason: string, output: string) => void;
  /** How long `start` waits for `/ready`. Default 60 s; many processes starting at once need more. */
  readyTimeoutMs?: number;
}

export interface ServiceProcess {
  name: string;
  port: number;
  /** Its GraphQL endpoint. */
  url: string;
  /** Starts it and resolves once `/ready` answers 200. */
  start(): Promise<void>;
  /** Kills it with SIGKILL, as a crash or an OOM kill would: no graceful shutdown. */
  kill(): Promise<void>;
  /** SIGTERM, and waits for its graceful shutdown. */
  stop(): Promise<void>;
  /** Freezes it (SIGSTOP), as a long GC pause or a stalled VM would: it holds what it has. */
  pause(): void;
  /** Lets a paused process run on (SIGCONT). */
  resume(): void;
  /** Its recent output, for diagnosing a failure. */
  output(): string;
}

// Only what node and tsx need from the test runner's environment: vitest's own variables
// (VITEST, NODE_ENV, a DATABASE_URL for the shared server) must not leak into a service.
const INHERITED = ["PATH", "HOME", "TMPDIR", "LANG", "NODE_EXTRA_CA_CERTS"] as const;

function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of INHERITED) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}

/**
 * One Kai service as its own OS process (`node --import tsx <entry>`), the way production
 * runs it, so a test can SIGKILL it and start it again on the same port.
 */
export function serviceProcess(options: ServiceProcessOptions): ServiceProcess {
  let child: ChildProcess | undefined;
  let expectingExit = false;
  const lines: string[] = [];
  const remember = (chunk: Buffer) => {
    lines.push(...chunk.toString().split("\n").filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - OUTPUT_LINES));
  };

  const ready = async () => {
    const response = await fetch(`http://127.0.0.1:${options.port}/ready`, {
      signal: AbortSignal.timeout(2_000),
    });
    return response.ok || undefined;
  };

  const waitExit = async (signal: NodeJS.Signals) => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    expectingExit = true;
    // A paused process would hold a SIGTERM until continued.
    running.kill("SIGCONT");
    const exited = new Promise((done) => running.once("exit", done));
    running.kill(signal);
    // A graceful stop that hangs is a finding of its own, but must not hang the suite.
    const timer = setTimeout(() => running.kill("SIGKILL"), GRACEFUL_STOP_MS);
    await exited;
    clearTimeout(timer);
  };

  return {
    name: options.name,
    port: options.port,
    url: `http://127.0.0.1:${options.port}/graphql`,
    async start() {
      expectingExit = false;
      const started = spawn(process.execPath, ["--import", "tsx", resolve(root, options.entry)], {
        cwd: root,
        env: { ...baseEnv(), ...options.env, PORT: String(options.port) },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child = started;
      started.stdout?.on("data", remember);
      started.stderr?.on("data", remember);
      const exited = new Promise<never>((_, reject) => {
        started.once("exit", (code, signal) => {
          const reason = `exited with ${signal ?? code}`;
          if (!expectingExit) options.onUnexpectedExit?.(options.name, reason, lines.join("\n"));
          reject(new Error(`${options.name} ${reason}:\n${lines.join("\n")}`));
        });
      });
      exited.catch(() => {});
      await Promise.race([
        waitFor(ready, {
          timeoutMs: options.readyTimeoutMs ?? 60_000,
          intervalMs: 100,
          what: `${options.name} /ready`,
        }),
        exited,
      ]);
    },
    kill: () => waitExit("SIGKILL"),
    pause: () => child?.kill("SIGSTOP"),
    resume: () => child?.kill("SIGCONT"),
    stop: () => waitExit("SIGTERM"),
    output: () => lines.join("\n"),
  };
}
