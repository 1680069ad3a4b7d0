import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { ManualClock } from "./manual-clock.ts";
import { operationKey, SharedExecutions } from "./shared-executions.ts";

/** Work that counts its runs. */
function counted<T>(value: T) {
  const work = async () => {
    work.runs++;
    return value;
  };
  work.runs = 0;
  return work;
}

describe("SharedExecutions", () => {
  it("runs the work for a key once and hands every caller the same result", async () => {
    const shared = new SharedExecutions<number>(1_000, new ManualClock());
    const work = counted(42);
    const results = await Promise.all([
      shared.run("a", work),
      shared.run("a", work),
      shared.run("a", work),
    ]);
    expect(results).toEqual([42, 42, 42]);
    expect(work.runs).toBe(1);
  });

  it("runs different keys separately", async () => {
    const shared = new SharedExecutions<string>(1_000, new ManualClock());
    expect(await shared.run("a", async () => "A")).toBe("A");
    expect(await shared.run("b", async () => "B")).toBe("B");
  });

  it("forgets a result after the keep time, and not before", async () => {
    const clock = new ManualClock();
    const shared = new SharedExecutions<number>(1_000, clock);
    await shared.run("a", async () => 1);
    clock.advance(999);
    expect(await shared.run("a", async () => 2)).toBe(1);
    clock.advance(1);
    expect(shared.size).toBe(0);
    expect(await shared.run("a", async () => 2)).toBe(2);
  });
});

describe("operationKey", () => {
  it("tells operations apart by selection and variables, not by layout", () => {
    const one = parse("subscription { streakUpdated { points } }");
    const spaced = parse("subscription {\n  streakUpdated {\n    points\n  }\n}");
    expect(operationKey(one, undefined)).toBe(operationKey(spaced, {}));
    expect(operationKey(one, { a: 1 })).not.toBe(operationKey(one, { a: 2 }));
    expect(operationKey(one, undefined)).not.toBe(
      operationKey(parse("subscription { streakUpdated { level } }"), undefined),
    );
  });
});
