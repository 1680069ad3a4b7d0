import { describe, expect, it } from "vitest";
import { afterQuietHours, isLocalTime, isQuiet, localClock, minutesOf } from "./local-time.ts";

describe("local times", () => {
  it.each([
    ["00:00", true],
    ["23:59", true],
    ["9:00", false],
    ["24:00", false],
    ["12:60", false],
    ["noon", false],
  ])("%s is an HH:MM time: %s", (text, expected) => {
    expect(isLocalTime(text)).toBe(expected);
  });

  it("reads the wall clock in a zone", () => {
    expect(localClock(new Date("2026-03-01T23:30:00Z"), "Europe/Paris")).toEqual({
      date: "2026-03-02",
      minutes: 30,
    });
  });

  it.each([
    // [minutes, start, end, quiet]
    [minutesOf("23:00"), "22:00", "07:00", true],
    [minutesOf("06:59"), "22:00", "07:00", true],
    [minutesOf("07:00"), "22:00", "07:00", false],
    [minutesOf("12:00"), "13:00", "14:00", false],
    [minutesOf("13:30"), "13:00", "14:00", true],
  ])("minute %i in %s–%s is quiet: %s", (minutes, start, end, quiet) => {
    expect(isQuiet(minutes, { start, end })).toBe(quiet);
  });

  it("holds an instant in quiet hours until they end, in the user's zone", () => {
    const quiet = { start: "22:00", end: "07:00" };
    // 23:15 in Paris (UTC+1 in winter) waits until 07:00 Paris, 06:00 UTC.
    expect(afterQuietHours(new Date("2026-01-10T22:15:00Z"), "Europe/Paris", quiet)).toEqual(
      new Date("2026-01-11T06:00:00Z"),
    );
    const noon = new Date("2026-01-10T11:00:00Z");
    expect(afterQuietHours(noon, "Europe/Paris", quiet)).toBe(noon);
    expect(afterQuietHours(noon, "Europe/Paris", null)).toBe(noon);
  });
});
