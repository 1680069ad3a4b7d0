import { describe, expect, it } from "vitest";
import { dueForecast, retention, studyWindow } from "./study-stats.ts";

describe("studyWindow", () => {
  it("spans the last `days` UTC days and the next `days` from today", () => {
    const window = studyWindow(new Date("2026-03-10T23:30:00-05:00"), 3);
    expect(window).toEqual({
      since: new Date("2026-03-09T00:00:00Z"),
      today: new Date("2026-03-11T00:00:00Z"),
      until: new Date("2026-03-14T00:00:00Z"),
    });
  });
});

describe("retention", () => {
  it.each([
    [0, 0, null],
    [4, 3, 0.75],
    [2, 0, 0],
    [5, 5, 1],
  ])("%i reviews, %i recalled → %s", (reviews, recalled, expected) => {
    expect(retention(reviews, recalled)).toBe(expected);
  });
});

describe("dueForecast", () => {
  const today = new Date("2026-03-11T00:00:00Z");

  it("lists every day with zeros and counts overdue cards today", () => {
    const counts = [
      { date: "2026-03-01", count: 2 },
      { date: "2026-03-11", count: 1 },
      { date: "2026-03-13", count: 4 },
    ];
    expect(dueForecast(counts, today, 3)).toEqual([
      { date: "2026-03-11", count: 3 },
      { date: "2026-03-12", count: 0 },
      { date: "2026-03-13", count: 4 },
    ]);
  });

  it("ignores days past the window", () => {
    expect(dueForecast([{ date: "2026-03-12", count: 7 }], today, 1)).toEqual([
      { date: "2026-03-11", count: 0 },
    ]);
  });
});
