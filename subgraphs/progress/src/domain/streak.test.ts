import { describe, expect, it } from "vitest";
import {
  applyActivity,
  currentFreezes,
  currentStreak,
  type StreakState,
  settleMissedDays,
} from "./streak.ts";

const fresh: StreakState = {
  streak: 0,
  longestStreak: 0,
  lastActiveDate: null,
  streakFreezes: 0,
  frozenThrough: null,
};

function state(streak: number, longestStreak: number, lastActiveDate: string): StreakState {
  return { streak, longestStreak, lastActiveDate, streakFreezes: 0, frozenThrough: null };
}

describe("applyActivity", () => {
  it.each([
    {
      name: "first ever activity starts at 1",
      before: fresh,
      at: "2026-01-15T12:00:00Z",
      zone: "UTC",
      after: state(1, 1, "2026-01-15"),
    },
    {
      name: "next day extends the streak",
      before: state(4, 4, "2026-01-14"),
      at: "2026-01-15T08:00:00Z",
      zone: "UTC",
      after: state(5, 5, "2026-01-15"),
    },
    {
      name: "next day below the record keeps the record",
      before: state(2, 9, "2026-01-14"),
      at: "2026-01-15T08:00:00Z",
      zone: "UTC",
      after: state(3, 9, "2026-01-15"),
    },
    {
      name: "a two-day gap resets to 1 and keeps the record",
      before: state(6, 6, "2026-01-13"),
      at: "2026-01-15T08:00:00Z",
      zone: "UTC",
      after: state(1, 6, "2026-01-15"),
    },
    {
      name: "a long gap resets to 1",
      before: state(3, 12, "2025-11-02"),
      at: "2026-01-15T08:00:00Z",
      zone: "UTC",
      after: state(1, 12, "2026-01-15"),
    },
    {
      name: "extends across a month and year boundary",
      before: state(2, 2, "2025-12-31"),
      at: "2026-01-01T00:00:00Z",
      zone: "UTC",
      after: state(3, 3, "2026-01-01"),
    },
    {
      name: "extends across a leap day",
      before: state(2, 2, "2028-02-29"),
      at: "2028-03-01T10:00:00Z",
      zone: "UTC",
      after: state(3, 3, "2028-03-01"),
    },
  ])("$name", ({ before, at, zone, after }) => {
    expect(applyActivity(before, new Date(at), zone)).toEqual({ state: after, changed: true });
  });

  it.each([
    {
      name: "a second action the same day",
      before: state(3, 5, "2026-01-15"),
      at: "2026-01-15T23:59:59Z",
      zone: "UTC",
    },
    {
      name: "a late, out-of-order event from an earlier day",
      before: state(3, 5, "2026-01-15"),
      at: "2026-01-13T12:00:00Z",
      zone: "UTC",
    },
    {
      name: "a late event from yesterday after today was already counted",
      before: state(3, 5, "2026-01-15"),
      at: "2026-01-14T12:00:00Z",
      zone: "UTC",
    },
  ])("$name changes nothing", ({ before, at, zone }) => {
    const result = applyActivity(before, new Date(at), zone);
    expect(result.changed).toBe(false);
    expect(result.state).toBe(before);
  });

  describe("counts days in the user's own time zone", () => {
    // 2026-01-15T06:00Z is 2026-01-14 22:00 in Los Angeles.
    const instant = new Date("2026-01-15T06:00:00Z");

    it.each([
      { zone: "America/Los_Angeles", after: state(1, 1, "2026-01-14"), changed: false },
      { zone: "UTC", after: state(2, 2, "2026-01-15"), changed: true },
    ])("an LA evening active after yesterday=2026-01-14 in $zone", ({ zone, after, changed }) => {
      const result = applyActivity(state(1, 1, "2026-01-14"), instant, zone);
      expect(result).toEqual({ state: after, changed });
    });

    // 2026-01-15T10:30Z is already 01-16 00:30 on Kiritimati (+14) but still
    // 01-14 23:30 in Pago Pago (−11): the same instant, two days apart.
    it.each([
      { zone: "Pacific/Kiritimati", before: state(1, 1, "2026-01-15"), last: "2026-01-16" },
      { zone: "Pacific/Pago_Pago", before: state(1, 1, "2026-01-13"), last: "2026-01-14" },
    ])("extends in $zone on its own calendar day", ({ zone, before, last }) => {
      const result = applyActivity(before, new Date("2026-01-15T10:30:00Z"), zone);
      expect(result).toEqual({ state: state(2, 2, last), changed: true });
    });

    it("the same instant counts as different days at the extremes", () => {
      const at = new Date("2026-01-15T10:30:00Z");
      const east = applyActivity(fresh, at, "Pacific/Kiritimati").state;
      const west = applyActivity(fresh, at, "Pacific/Pago_Pago").state;
      expect([east.lastActiveDate, west.lastActiveDate]).toEqual(["2026-01-16", "2026-01-14"]);
    });
  });

  // Local 23:30 on the eve and 00:30 / 23:30 on a 23h or 25h DST day, then 00:30 on the
  // day after: whichever midnight is crossed, the two instants are consecutive local days
  // even though they are not 24h apart.
  const dstDays = [
    {
      name: "Europe/Berlin spring forward (23h day)",
      zone: "Europe/Berlin",
      eveLate: "2026-03-28T22:30:00Z",
      dayEarly: "2026-03-28T23:30:00Z",
      dayLate: "2026-03-29T21:30:00Z",
      nextEarly: "2026-03-29T22:30:00Z",
      days: ["2026-03-28", "2026-03-29", "2026-03-30"],
    },
    {
      name: "Europe/Berlin fall back (25h day)",
      zone: "Europe/Berlin",
      eveLate: "2026-10-24T21:30:00Z",
      dayEarly: "2026-10-24T22:30:00Z",
      dayLate: "2026-10-25T22:30:00Z",
      nextEarly: "2026-10-25T23:30:00Z",
      days: ["2026-10-24", "2026-10-25", "2026-10-26"],
    },
    {
      name: "America/New_York spring forward (23h day)",
      zone: "America/New_York",
      eveLate: "2026-03-08T04:30:00Z",
      dayEarly: "2026-03-08T05:30:00Z",
      dayLate: "2026-03-09T03:30:00Z",
      nextEarly: "2026-03-09T04:30:00Z",
      days: ["2026-03-07", "2026-03-08", "2026-03-09"],
    },
    {
      name: "America/New_York fall back (25h day)",
      zone: "America/New_York",
      eveLate: "2026-11-01T03:30:00Z",
      dayEarly: "2026-11-01T04:30:00Z",
      dayLate: "2026-11-02T04:30:00Z",
      nextEarly: "2026-11-02T05:30:00Z",
      days: ["2026-10-31", "2026-11-01", "2026-11-02"],
    },
  ];

  describe.each(dstDays)("$name", ({ zone, eveLate, dayEarly, dayLate, nextEarly, days }) => {
    const [eve, day, next] = days as [string, string, string];

    it.each([
      { pair: "eve 23:30 → DST day 00:30", from: eveLate, to: dayEarly, dates: [eve, day] },
      { pair: "eve 23:30 → DST day 23:30", from: eveLate, to: dayLate, dates: [eve, day] },
      { pair: "DST day 00:30 → next 00:30", from: dayEarly, to: nextEarly, dates: [day, next] },
      { pair: "DST day 23:30 → next 00:30", from: dayLate, to: nextEarly, dates: [day, next] },
    ])("$pair extends by 1", ({ from, to, dates }) => {
      const first = applyActivity(fresh, new Date(from), zone);
      const second = applyActivity(first.state, new Date(to), zone);
      expect(first.state).toEqual(state(1, 1, dates[0] as string));
      expect(second).toEqual({ state: state(2, 2, dates[1] as string), changed: true });
    });

    it("eve 23:30 → day-after 00:30 skips the DST day and resets", () => {
      const first = applyActivity(state(4, 4, eve), new Date(eveLate), zone);
      const second = applyActivity(first.state, new Date(nextEarly), zone);
      expect(first.changed).toBe(false);
      expect(second).toEqual({ state: state(1, 4, next), changed: true });
    });
  });
});

describe("currentStreak", () => {
  const now = "2026-01-15T06:00:00Z";

  it.each([
    { name: "no activity yet", before: fresh, at: now, zone: "UTC", expected: 0 },
    { name: "active today", before: state(4, 6, "2026-01-15"), at: now, zone: "UTC", expected: 4 },
    {
      name: "active yesterday",
      before: state(4, 6, "2026-01-14"),
      at: now,
      zone: "UTC",
      expected: 4,
    },
    {
      name: "a whole day missed",
      before: state(4, 6, "2026-01-13"),
      at: now,
      zone: "UTC",
      expected: 0,
    },
    {
      name: "yesterday in the user's zone (still 01-14 in LA)",
      before: state(4, 6, "2026-01-13"),
      at: now,
      zone: "America/Los_Angeles",
      expected: 4,
    },
    {
      name: "a missed day in the user's zone (already 01-16 on Kiritimati)",
      before: state(4, 6, "2026-01-14"),
      at: "2026-01-15T10:30:00Z",
      zone: "Pacific/Kiritimati",
      expected: 0,
    },
  ])("$name → $expected", ({ before, at, zone, expected }) => {
    expect(currentStreak(before, new Date(at), zone)).toBe(expected);
  });
});

describe("streak freezes", () => {
  const held = (
    streak: number,
    lastActiveDate: string,
    streakFreezes: number,
    frozenThrough: string | null = null,
  ): StreakState => ({
    streak,
    longestStreak: streak,
    lastActiveDate,
    streakFreezes,
    frozenThrough,
  });

  it.each([
    {
      name: "one missed day spends one freeze and the streak goes on",
      before: held(4, "2026-01-13", 1),
      at: "2026-01-15T08:00:00Z",
      after: { ...held(5, "2026-01-15", 0, "2026-01-14") },
    },
    {
      name: "two missed days spend two freezes",
      before: held(4, "2026-01-12", 2),
      at: "2026-01-15T08:00:00Z",
      after: held(5, "2026-01-15", 0, "2026-01-14"),
    },
    {
      name: "more missed days than freezes use them all up and the streak restarts",
      before: held(4, "2026-01-12", 1),
      at: "2026-01-15T08:00:00Z",
      after: { ...held(1, "2026-01-15", 0), longestStreak: 4 },
    },
    {
      name: "no missed day spends nothing",
      before: held(4, "2026-01-14", 2),
      at: "2026-01-15T08:00:00Z",
      after: held(5, "2026-01-15", 2),
    },
    {
      name: "the day after a frozen day extends the streak",
      before: held(5, "2026-01-15", 0, "2026-01-14"),
      at: "2026-01-16T08:00:00Z",
      after: held(6, "2026-01-16", 0, "2026-01-14"),
    },
  ])("$name", ({ before, at, after }) => {
    expect(applyActivity(before, new Date(at), "UTC")).toEqual({ state: after, changed: true });
  });

  it("spends a freeze only once a whole day is missed in the user's own zone", () => {
    // 2026-01-15T06:00Z is still 01-14 (22:00) in Los Angeles: nothing missed there yet.
    const before = held(4, "2026-01-13", 1);
    const at = new Date("2026-01-15T06:00:00Z");
    expect(applyActivity(before, at, "America/Los_Angeles").state).toEqual(
      held(5, "2026-01-14", 1),
    );
    expect(applyActivity(before, at, "UTC").state).toEqual(held(5, "2026-01-15", 0, "2026-01-14"));
  });

  it("shows freezes spent night by night, and the streak kept, before any new activity", () => {
    const before = held(4, "2026-01-13", 2);
    const day = (date: string) => new Date(`${date}T12:00:00Z`);
    const seen = ["2026-01-14", "2026-01-15", "2026-01-16", "2026-01-17"].map((date) => ({
      streak: currentStreak(before, day(date), "UTC"),
      freezes: currentFreezes(before, day(date), "UTC"),
    }));
    expect(seen).toEqual([
      { streak: 4, freezes: 2 },
      { streak: 4, freezes: 1 },
      { streak: 4, freezes: 0 },
      { streak: 0, freezes: 0 },
    ]);
  });

  it("settles idempotently: settling a settled state again changes nothing", () => {
    const once = settleMissedDays(held(4, "2026-01-13", 2), "2026-01-15");
    expect(once).toEqual(held(4, "2026-01-13", 1, "2026-01-14"));
    expect(settleMissedDays(once, "2026-01-15")).toEqual(once);
    expect(settleMissedDays(once, "2026-01-16")).toEqual(held(4, "2026-01-13", 0, "2026-01-15"));
  });
});
