import { describe, expect, it } from "vitest";
import { localDate, previousDay } from "./local-date.ts";

describe("localDate", () => {
  it.each([
    ["2026-01-15T12:00:00Z", "UTC", "2026-01-15"],
    ["2026-01-15T03:00:00Z", "America/Los_Angeles", "2026-01-14"],
    ["2026-01-15T23:00:00Z", "Asia/Tokyo", "2026-01-16"],
    ["2026-01-15T10:30:00Z", "Pacific/Kiritimati", "2026-01-16"],
    ["2026-01-15T10:30:00Z", "Pacific/Pago_Pago", "2026-01-14"],
    ["2026-03-29T00:30:00Z", "Europe/Berlin", "2026-03-29"],
    ["2026-12-31T23:59:59Z", "Europe/London", "2026-12-31"],
    ["2027-01-01T00:00:00Z", "Europe/London", "2027-01-01"],
    ["0042-06-01T00:00:00Z", "UTC", "0042-06-01"],
  ])("%s in %s is %s", (iso, zone, expected) => {
    expect(localDate(new Date(iso), zone)).toBe(expected);
  });

  it("rejects an invalid date", () => {
    expect(() => localDate(new Date(Number.NaN), "UTC")).toThrow(RangeError);
  });

  it("rejects an unknown zone", () => {
    expect(() => localDate(new Date(), "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});

describe("previousDay", () => {
  it.each([
    ["2026-01-15", "2026-01-14"],
    ["2026-03-01", "2026-02-28"],
    ["2024-03-01", "2024-02-29"],
    ["2000-03-01", "2000-02-29"],
    ["1900-03-01", "1900-02-28"],
    ["2026-01-01", "2025-12-31"],
    ["2026-05-01", "2026-04-30"],
    ["2026-08-01", "2026-07-31"],
    ["2026-03-30", "2026-03-29"],
    ["2026-10-26", "2026-10-25"],
    ["0001-01-01", "0000-12-31"],
  ])("%s → %s", (date, expected) => {
    expect(previousDay(date)).toBe(expected);
  });

  it.each([
    "2026-1-15",
    "2026-01-15T00:00:00Z",
    "",
    "2026-13-01",
    "2026-00-10",
    "2026-02-29",
    "2026-04-31",
    "2026-01-00",
    "0000-01-01",
  ])("rejects %j", (date) => {
    expect(() => previousDay(date)).toThrow(RangeError);
  });
});
