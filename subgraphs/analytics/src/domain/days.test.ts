import { describe, expect, it } from "vitest";
import { addDays, daysBetween, eachDay, localDay, weekStart, weeksBetween } from "./days.ts";

describe("calendar days", () => {
  it.each([
    ["2026-02-28", 1, "2026-03-01"],
    ["2024-02-28", 1, "2024-02-29"],
    ["2026-01-01", -1, "2025-12-31"],
    // Summer time starts in Europe on 2026-03-29: a date has no clock to move.
    ["2026-03-28", 2, "2026-03-30"],
  ])("%s plus %i days is %s", (day, days, expected) => {
    expect(addDays(day, days)).toBe(expected);
  });

  it("counts both ends of a range", () => {
    expect(daysBetween("2026-03-09", "2026-03-11")).toBe(3);
    expect(daysBetween("2026-03-11", "2026-03-11")).toBe(1);
    expect(daysBetween("2025-01-01", "2025-12-31")).toBe(365);
    expect(eachDay("2026-02-27", "2026-03-02")).toEqual([
      "2026-02-27",
      "2026-02-28",
      "2026-03-01",
      "2026-03-02",
    ]);
    expect(eachDay("2026-03-02", "2026-03-01")).toEqual([]);
  });

  it.each([
    ["2026-03-09", "2026-03-09"], // a Monday
    ["2026-03-15", "2026-03-09"], // the Sunday after
    ["2026-03-01", "2026-02-23"], // a Sunday, its week begun in February
  ])("the week of %s starts on %s", (day, monday) => {
    expect(weekStart(day)).toBe(monday);
  });

  it("counts whole weeks between Mondays", () => {
    expect(weeksBetween("2026-02-23", "2026-03-09")).toBe(2);
  });

  it.each([
    ["2026-03-10T23:30:00Z", "UTC", "2026-03-10"],
    ["2026-03-10T23:30:00Z", "Europe/Paris", "2026-03-11"],
    ["2026-03-11T03:00:00Z", "America/Los_Angeles", "2026-03-10"],
  ])("%s falls on the local day of %s", (instant, zone, day) => {
    expect(localDay(new Date(instant), zone)).toBe(day);
  });
});
