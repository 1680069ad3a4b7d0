import { describe, expect, it, vi } from "vitest";
import { SharedExecutions } from "./shared-executions.ts";

describe("SharedExecutions", () => {
  it("runs the work for a key once and hands every caller the same result", async () => {
    const shared = new SharedExecutions<number>();
    const work = vi.fn(async () => 42);
    const results = await Promise.all([
      shared.run("a", work),
      shared.run("a", work),
      shared.run("a", work),
    ]);
    expect(results).toEqual([42, 42, 42]);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it("runs different keys separately", async () => {
    const shared = new SharedExecutions<string>();
    expect(await shared.run("a", async () => "A")).toBe("A");
    expect(await shared.run("b", async () => "B")).toBe("B");
  });

  it("forgets a result after the keep time", async () => {
    vi.useFakeTimers();
    try {
      const shared = new SharedExecutions<number>(1_000);
      await shared.run("a", async () => 1);
      vi.advanceTimersByTime(1_001);
      expect(shared.size).toBe(0);
      expect(await shared.run("a", async () => 2)).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
