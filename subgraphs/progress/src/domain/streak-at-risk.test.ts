import { describe, expect, it } from "vitest";
import { localHour, type StreakRiskState, streakAtRisk } from "./streak-at-risk.ts";

const HOUR = 20;

function state(
  streak: number,
  lastActiveDate: string | null,
  atRiskAnnouncedDate: string | null = null,
): StreakRiskState {
  return { streak, lastActiveDate, atRiskAnnouncedDate };
}

describe("streakAtRisk", () => {
  it.each([
    {
      name: "evening, active yesterday, nothing today: at risk",
      state: state(5, "2026-01-14"),
      now: "2026-01-15T20:00:00Z",
      zone: "UTC",
      expected: { streak: 5, date: "2026-01-15" },
    },
    {
      name: "a minute before the hour: not yet",
      state: state(5, "2026-01-14"),
      now: "2026-01-15T19:59:00Z",
      zone: "UTC",
      expected: undefined,
    },
    {
      name: "just before local midnight: still at risk",
      state: state(5, "2026-01-14"),
      now: "2026-01-15T23:59:00Z",
      zone: "UTC",
      expected: { streak: 5, date: "2026-01-15" },
    },
    {
      name: "already active today",
      state: state(6, "2026-01-15"),
      now: "2026-01-15T21:00:00Z",
      zone: "UTC",
      expected: undefined,
    },
    {
      name: "streak 0",
      state: state(0, "2026-01-14"),
      now: "2026-01-15T21:00:00Z",
      zone: "UTC",
      expected: undefined,
    },
    {
      name: "never active",
      state: state(0, null),
      now: "2026-01-15T21:00:00Z",
      zone: "UTC",
      expected: undefined,
    },
    {
      name: "last active two days ago: already broken, nothing to save",
      state: state(5, "2026-01-13"),
      now: "2026-01-15T21:00:00Z",
      zone: "UTC",
      expected: undefined,
    },
    {
      name: "already warned today",
      state: state(5, "2026-01-14", "2026-01-15"),
      now: "2026-01-15T22:00:00Z",
      zone: "UTC",
      expected: undefined,
    },
    {
      name: "warned yesterday, at risk again today",
      state: state(5, "2026-01-14", "2026-01-14"),
      now: "2026-01-15T20:30:00Z",
      zone: "UTC",
      expected: { streak: 5, date: "2026-01-15" },
    },
    {
      name: "Tokyo: 20:00 local is 11:00 UTC",
      state: state(3, "2026-01-14"),
      now: "2026-01-15T11:00:00Z",
      zone: "Asia/Tokyo",
      expected: { streak: 3, date: "2026-01-15" },
    },
    {
      name: "Tokyo: 20:00 UTC is already tomorrow there, and yesterday's activity is too old",
      state: state(3, "2026-01-14"),
      now: "2026-01-15T20:00:00Z",
      zone: "Asia/Tokyo",
      expected: undefined,
    },
    {
      name: "Los Angeles: 03:00 UTC is still the previous evening there",
      state: state(2, "2026-01-13"),
      now: "2026-01-15T04:00:00Z",
      zone: "America/Los_Angeles",
      expected: { streak: 2, date: "2026-01-14" },
    },
    {
      name: "Berlin, the day before spring DST: 18:30 UTC is 19:30 local, not yet",
      state: state(4, "2026-03-27"),
      now: "2026-03-28T18:30:00Z",
      zone: "Europe/Berlin",
      expected: undefined,
    },
    {
      name: "Berlin, the 23-hour DST day: 18:30 UTC is 20:30 local, at risk",
      state: state(4, "2026-03-28"),
      now: "2026-03-29T18:30:00Z",
      zone: "Europe/Berlin",
      expected: { streak: 4, date: "2026-03-29" },
    },
    {
      name: "New York, the 25-hour DST day: 00:30 UTC is 20:30 local",
      state: state(9, "2026-10-31"),
      now: "2026-11-02T01:30:00Z",
      zone: "America/New_York",
      expected: { streak: 9, date: "2026-11-01" },
    },
  ])("$name", ({ state: given, now, zone, expected }) => {
    expect(streakAtRisk(given, new Date(now), zone, HOUR)).toEqual(expected);
  });

  it("the hour is configurable: 0 warns from local midnight on", () => {
    const given = state(1, "2026-01-14");
    expect(streakAtRisk(given, new Date("2026-01-15T00:00:00Z"), "UTC", 0)).toEqual({
      streak: 1,
      date: "2026-01-15",
    });
    expect(streakAtRisk(given, new Date("2026-01-15T22:59:00Z"), "UTC", 23)).toBeUndefined();
  });
});

describe("localHour", () => {
  it.each([
    ["2026-01-15T00:00:00Z", "UTC", 0],
    ["2026-01-15T23:59:59Z", "UTC", 23],
    ["2026-01-15T15:00:00Z", "Asia/Kolkata", 20],
    ["2026-03-29T00:59:00Z", "Europe/Berlin", 1],
    ["2026-03-29T01:00:00Z", "Europe/Berlin", 3],
  ])("%s in %s is hour %i", (at, zone, hour) => {
    expect(localHour(new Date(at), zone)).toBe(hour);
  });
});
