import { describe, expect, it } from "vitest";
import { periodStart, startOfUtcDay } from "./usage-period.ts";

const now = new Date("2025-03-10T23:59:59.999+05:00");

describe("periodStart", () => {
  it.each([
    ["DAY", "2025-03-10T00:00:00.000Z"],
    ["WEEK", "2025-03-04T00:00:00.000Z"],
    ["MONTH", "2025-02-09T00:00:00.000Z"],
  ] as const)("%s starts at %s", (period, start) => {
    expect(periodStart(period, now)?.toISOString()).toBe(start);
  });

  it("ALL has no start", () => {
    expect(periodStart("ALL", now)).toBeUndefined();
  });

  it("counts days in UTC, whatever the server's zone", () => {
    expect(startOfUtcDay(new Date("2025-01-01T00:30:00+01:00")).toISOString()).toBe(
      "2024-12-31T00:00:00.000Z",
    );
  });
});
