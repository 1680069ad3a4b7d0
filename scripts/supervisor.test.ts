import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { waitFor } from "@kai/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { restartDelay, type Supervised, type SupervisorOptions, supervise } from "./supervisor.ts";

// The child appends "<start time> <pid>" to a file, then behaves as the run number says:
// `plan` is a JSON list, one entry per run (the last repeats): "crash" exits with code 3 at
// once, "healthy-then-kill" lives 400 ms then is killed by SIGKILL, "live" stays up, and
// "ignore-term" stays up ignoring SIGTERM.
const CHILD = `
const fs = require("node:fs");
const [file, plan] = process.argv.slice(1);
const steps = JSON.parse(plan);
if (steps.includes("ignore-term")) process.on("SIGTERM", () => {});
fs.appendFileSync(file, Date.now() + " " + process.pid + "\\n");
const run = fs.readFileSync(file, "utf8").trim().split("\\n").length;
const step = steps[Math.min(run, steps.length) - 1];
if (step === "crash") process.exit(3);
if (step === "healthy-then-kill") setTimeout(() => process.kill(process.pid, "SIGKILL"), 1_500);
setInterval(() => {}, 60_000);
`;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function superviseChild(plan: string[], options: Partial<SupervisorOptions> = {}) {
  const dir = mkdtempSync(join(tmpdir(), "kai-supervisor-"));
  const file = join(dir, "starts");
  const lines: string[] = [];
  const supervised: Supervised = supervise({
    name: "crashy",
    command: process.execPath,
    args: ["-e", CHILD, file, JSON.stringify(plan)],
    spawnOptions: { stdio: "ignore" },
    log: (line) => lines.push(line),
    ...options,
  });
  cleanups.push(
    () => supervised.stop(),
    () => rmSync(dir, { recursive: true, force: true }),
  );
  /** Every run so far: when it started, and its pid. */
  const starts = () => {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      // No run has written yet.
    }
    return text
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((line) => {
        const [at, pid] = line.split(" ").map(Number);
        return { at: at as number, pid: pid as number };
      });
  };
  const runs = (count: number) =>
    waitFor(() => (starts().length >= count ? starts() : undefined), {
      what: `${count} runs`,
    });
  return { supervised, lines, starts, runs };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const delaysIn = (lines: string[]) =>
  lines.map((line) => Number(/restarting in (\d+) ms/.exec(line)?.[1]));

describe("restartDelay", () => {
  it("doubles per crash in a row up to the cap", () => {
    const options = { initialDelayMs: 500, maxDelayMs: 30_000 };
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((crashes) => restartDelay(crashes, options))).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000,
    ]);
  });
});

describe("supervise", () => {
  it("restarts a crashing child with doubling, capped delays until stopped", async () => {
    const { supervised, lines, runs } = superviseChild(["crash"], {
      initialDelayMs: 40,
      maxDelayMs: 160,
    });
    const started = await runs(6);
    await supervised.stop();

    const scheduled = delaysIn(lines).slice(0, 5);
    expect(scheduled).toEqual([40, 80, 160, 160, 160]);
    expect(lines[0]).toMatch(
      /^\[supervisor\] crashy exited with code 3 after [\d.]+ m?s; restarting in 40 ms \(at \d\d:\d\d:\d\d, crash 1 in a row\)$/,
    );
    // Each run began no sooner than its delay after the previous run began (it ran, exited,
    // waited, then booted): the backoff really happened, not only in the log.
    for (const [index, delay] of scheduled.entries()) {
      const gap = (started[index + 1]?.at ?? 0) - (started[index]?.at ?? 0);
      expect(gap).toBeGreaterThanOrEqual(delay);
    }
    expect(supervised.restarts).toBeGreaterThanOrEqual(5);
    expect(supervised.pid).toBeUndefined();
  });

  it("starts from the short delay again after a healthy run, and reports a signal", async () => {
    const { supervised, lines, runs } = superviseChild(
      ["crash", "crash", "healthy-then-kill", "live"],
      { initialDelayMs: 40, maxDelayMs: 10_000, healthyAfterMs: 1_000 },
    );
    const [, , , fourth] = await runs(4);
    expect(delaysIn(lines)).toEqual([40, 80, 40]);
    expect(lines[2]).toMatch(/crashy was killed by SIGKILL after [\d.]+ m?s; restarting in 40 ms/);
    // The fourth run stays up: stop ends it, and nothing starts it again.
    await waitFor(() => (supervised.pid === fourth?.pid ? true : undefined), {
      what: "the fourth run to be the supervised child",
    });
    await supervised.stop();
    expect(alive(fourth?.pid as number)).toBe(false);
    expect(supervised.pid).toBeUndefined();
    expect(supervised.restarts).toBe(3);
  });

  it("stops a child that ignores SIGTERM with SIGKILL after the grace period", async () => {
    const { supervised, lines, runs } = superviseChild(["ignore-term"], { stopTimeoutMs: 200 });
    const [first] = await runs(1);
    await supervised.stop();
    expect(alive(first?.pid as number)).toBe(false);
    expect(lines).toEqual(["[supervisor] crashy did not stop within 200 ms; killing it"]);
  });

  it("retries a command that cannot be spawned, and stop ends the retries", async () => {
    const lines: string[] = [];
    const supervised = supervise({
      name: "missing",
      command: "/nonexistent/kai-binary",
      spawnOptions: { stdio: "ignore" },
      initialDelayMs: 20,
      log: (line) => lines.push(line),
    });
    cleanups.push(() => supervised.stop());
    await waitFor(() => (lines.length >= 2 ? true : undefined), { what: "two failed starts" });
    expect(lines[0]).toMatch(/missing failed: spawn \/nonexistent\/kai-binary ENOENT/);
    await supervised.stop();
    expect(supervised.pid).toBeUndefined();
  });
});
