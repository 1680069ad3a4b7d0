import { describe, expect, it } from "vitest";
import { isTimeZone } from "./time-zone.ts";

describe("isTimeZone", () => {
  it.each([
    ["UTC", true],
    ["Europe/Berlin", true],
    ["America/New_York", true],
    ["Pacific/Kiritimati", true],
    ["Etc/GMT+5", true],
    ["europe/paris", true],
    ["", false],
    ["Mars/Olympus_Mons", false],
    [" UTC", false],
    ["Europe/Paris\n", false],
  ])("%j → %s", (zone, expected) => {
    expect(isTimeZone(zone)).toBe(expected);
  });
});
