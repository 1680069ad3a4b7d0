import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { freePort, waitFor } from "@kai/testkit";

const WEB = resolve(import.meta.dirname, "../../examples/web");
const NEXT = resolve(WEB, "node_modules/next/dist/bin/next");
/** Lines of the server's output kept for a failure message. */
const OUTPUT_LINES = 60;

export interface WebApp {
  url: string;
  /** Its recent output, for diagnosing a failure. */
  output(): string;
  stop(): Promise<void>;
}

/** The port the web app will take; the gateway's CORS_ORIGINS must name it before it starts. */
export async function webAppOrigin(): Promise<{ port: number; origin: string }> {
  const port = await freePort();
  return { port, origin: `http://127.0.0.1:${port}` };
}

/**
 * examples/web under `next dev` (Turbopack), against the given gateway, and resolves once the
 * home page has compiled and answers. The dev server compiles on demand in seconds, where a
 * production build takes most of a minute on two cores. Nothing is fetched from outside:
 * telemetry is off and the app uses no web fonts.
 */
export async function startWebApp(port: number, gatewayUrl: string): Promise<WebApp> {
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split("\n"));
    lines.splice(0, Math.max(0, lines.length - OUTPUT_LINES));
  };
  const child: ChildProcess = spawn(
    process.execPath,
    [NEXT, "dev", "--port", String(port), "--hostname", "127.0.0.1"],
    {
      cwd: WEB,
      // Its own process group, so stopping it ends the compiler workers too.
      detached: true,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/tmp",
        NEXT_TELEMETRY_DISABLED: "1",
        KAI_GATEWAY_URL: gatewayUrl,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const output = () => lines.join("\n");
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((done) => child.once("exit", () => done()));

  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    process.kill(-child.pid, "SIGTERM");
    await exited;
  };
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`next dev exited:\n${output()}`);
        const response = await fetch(url).catch(() => undefined);
        return response?.ok ? true : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 250, what: "the web app to serve its home page" },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, output, stop };
}
