import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const moduleUrl = new URL("./run-until-signal.ts", import.meta.url).href;
const loggerUrl = new URL("./logger.ts", import.meta.url).href;
const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

interface Exit {
  code: number | null;
  lines: Record<string, unknown>[];
}

/**
 * Runs a service whose start() executes `body` in a child process through runUntilSignal:
 * the handlers it installs are process-wide, so they are tested on a process of their own.
 */
function runService(body: string, signal?: NodeJS.Signals): Promise<Exit> {
  const script = `
    import { runUntilSignal } from ${JSON.stringify(moduleUrl)};
    import { createLogger } from ${JSON.stringify(loggerUrl)};
    await runUntilSignal(async () => {
      const alive = setInterval(() => {}, 1000);
      ${body}
      return { stop: async () => clearInterval(alive) };
    }, createLogger("fatal-test"));
    console.log(JSON.stringify({ msg: "started" }));
  `;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    if (signal && stdout.includes('"started"')) child.kill(signal);
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => {
      const lines = stdout
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      resolve({ code, lines });
    });
  });
}

const FATAL = 60;

describe("runUntilSignal", () => {
  it("ends the process with a fatal log line and exit code 1 on an uncaught exception", async () => {
    const exit = await runService(
      `setImmediate(() => { throw new Error("thrown from a timer"); });`,
    );
    expect(exit.code).toBe(1);
    expect(exit.lines).toContainEqual(
      expect.objectContaining({
        level: FATAL,
        service: "fatal-test",
        origin: "uncaughtException",
        msg: "uncaught error; exiting",
        err: expect.objectContaining({ message: "thrown from a timer" }),
      }),
    );
  });

  it("does the same for an unhandled rejection", async () => {
    const exit = await runService(`Promise.reject(new Error("nobody awaited this"));`);
    expect(exit.code).toBe(1);
    expect(exit.lines).toContainEqual(
      expect.objectContaining({
        level: FATAL,
        origin: "unhandledRejection",
        err: expect.objectContaining({ message: "nobody awaited this" }),
      }),
    );
  });

  it("still stops gracefully with exit code 0 on SIGTERM", async () => {
    const exit = await runService("", "SIGTERM");
    expect(exit.code).toBe(0);
    expect(exit.lines).toContainEqual(expect.objectContaining({ msg: "shutting down" }));
  });
});
