import { describe, expect, it } from "vitest";
import { periodWindow } from "./periods.ts";

describe("periodWindow", () => {
  it("is unbounded for all time", () => {
    expect(periodWindow("ALL_TIME", new Date("2026-01-15T12:00:00Z"))).toEqual({
      id: "all",
      since: null,
      until: null,
    });
  });

  it.each([
    ["2026-01-15T12:00:00Z", "weekly:2026-W03", "2026-01-12", "2026-01-19"],
    ["2026-01-18T23:59:59.999Z", "weekly:2026-W03", "2026-01-12", "2026-01-19"],
    ["2026-01-19T00:00:00Z", "weekly:2026-W04", "2026-01-19", "2026-01-26"],
    ["2026-01-01T00:00:00Z", "weekly:2026-W01", "2025-12-29", "2026-01-05"],
    ["2024-12-30T08:00:00Z", "weekly:2025-W01", "2024-12-30", "2025-01-06"],
    ["2027-01-01T12:00:00Z", "weekly:2026-W53", "2026-12-28", "2027-01-04"],
    ["2021-01-03T12:00:00Z", "weekly:2020-W53", "2020-12-28", "2021-01-04"],
    ["2028-02-29T12:00:00Z", "weekly:2028-W09", "2028-02-28", "2028-03-06"],
  ])("the ISO week of %s is %s", (at, id, since, until) => {
    expect(periodWindow("WEEKLY", new Date(at))).toEqual({
      id,
      since: new Date(`${since}T00:00:00Z`),
      until: new Date(`${until}T00:00:00Z`),
    });
  });

  it.each([
    ["2026-01-31T23:59:59.999Z", "monthly:2026-01", "2026-01-01", "2026-02-01"],
    ["2026-02-01T00:00:00Z", "monthly:2026-02", "2026-02-01", "2026-03-01"],
    ["2026-12-15T12:00:00Z", "monthly:2026-12", "2026-12-01", "2027-01-01"],
  ])("the UTC month of %s is %s", (at, id, since, until) => {
    expect(periodWindow("MONTHLY", new Date(at))).toEqual({
      id,
      since: new Date(`${since}T00:00:00Z`),
      until: new Date(`${until}T00:00:00Z`),
    });
  });

  it("rejects an invalid date", () => {
    expect(() => periodWindow("WEEKLY", new Date(Number.NaN))).toThrow(RangeError);
  });
});
