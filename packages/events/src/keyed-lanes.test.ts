import { describe, expect, it } from "vitest";
import { KeyedLanes } from "./keyed-lanes.ts";

/** Work that finishes when the test says so, recording when it started. */
function gate(log: string[], name: string) {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return {
    work: async () => {
      log.push(`start ${name}`);
      await opened;
      log.push(`end ${name}`);
    },
    open,
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("KeyedLanes", () => {
  it("runs different keys side by side and one key's items in order", async () => {
    const lanes = new KeyedLanes(10);
    const log: string[] = [];
    const a1 = gate(log, "a1");
    const a2 = gate(log, "a2");
    const b1 = gate(log, "b1");
    await lanes.admit("a", a1.work);
    await lanes.admit("a", a2.work);
    await lanes.admit("b", b1.work);
    await tick();
    expect(log).toEqual(["start a1", "start b1"]);
    a1.open();
    await tick();
    expect(log).toEqual(["start a1", "start b1", "end a1", "start a2"]);
    a2.open();
    b1.open();
    await lanes.idle();
    expect(log).toHaveLength(6);
  });

  it("admits no more than the limit until one finishes", async () => {
    const lanes = new KeyedLanes(2);
    const log: string[] = [];
    const items = ["a", "b", "c"].map((key) => gate(log, key));
    await lanes.admit("a", items[0]!.work);
    await lanes.admit("b", items[1]!.work);
    let thirdAdmitted = false;
    const third = lanes.admit("c", items[2]!.work).then(() => {
      thirdAdmitted = true;
    });
    await tick();
    expect(thirdAdmitted).toBe(false);
    items[0]!.open();
    await third;
    await tick();
    expect(log).toContain("start c");
    items[1]!.open();
    items[2]!.open();
    await lanes.idle();
    expect(log.filter((line) => line.startsWith("end"))).toHaveLength(3);
  });
});
