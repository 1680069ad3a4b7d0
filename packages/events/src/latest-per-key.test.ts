import { describe, expect, it } from "vitest";
import { LatestPerKey } from "./latest-per-key.ts";

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Runs that finish when the test opens them, recording when each started and ended. */
function gatedRuns() {
  const log: string[] = [];
  const gates = new Map<string, () => void>();
  const run = async (item: string) => {
    log.push(`start ${item}`);
    await new Promise<void>((resolve) => gates.set(item, resolve));
    log.push(`end ${item}`);
  };
  const open = (item: string) => gates.get(item)?.();
  return { log, run, open };
}

describe("LatestPerKey", () => {
  it("runs different keys side by side and never two of one key at once", async () => {
    const { log, run, open } = gatedRuns();
    const runs = new LatestPerKey(run);
    runs.push("a", "a1");
    runs.push("b", "b1");
    runs.push("a", "a2");
    await tick();
    expect(log).toEqual(["start a1", "start b1"]);
    open("a1");
    await tick();
    expect(log).toEqual(["start a1", "start b1", "end a1", "start a2"]);
    open("a2");
    open("b1");
    await runs.idle();
    expect(log).toHaveLength(6);
  });

  it("runs only the newest of the items pushed while its key was busy", async () => {
    const { log, run, open } = gatedRuns();
    const runs = new LatestPerKey(run);
    runs.push("a", "a1");
    for (const item of ["a2", "a3", "a4"]) runs.push("a", item);
    open("a1");
    await tick();
    open("a4");
    await runs.idle();
    expect(log).toEqual(["start a1", "end a1", "start a4", "end a4"]);
  });

  it("starts a key afresh once its runs are done", async () => {
    const { log, run, open } = gatedRuns();
    const runs = new LatestPerKey(run);
    runs.push("a", "a1");
    open("a1");
    await runs.idle();
    runs.push("a", "a2");
    await tick();
    expect(log).toEqual(["start a1", "end a1", "start a2"]);
    open("a2");
    await runs.idle();
  });
});
