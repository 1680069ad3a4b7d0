import { describe, expect, it } from "vitest";
import { buyFreeze, MAX_STREAK_FREEZES, STREAK_FREEZE_PRICE } from "./streak-freeze.ts";

describe("buyFreeze", () => {
  it.each([
    {
      points: 200,
      pointsSpent: 0,
      streakFreezes: 0,
      expected: { ok: true, streakFreezes: 1, pointsSpent: 200 },
    },
    {
      points: 450,
      pointsSpent: 200,
      streakFreezes: 1,
      expected: { ok: true, streakFreezes: 2, pointsSpent: 400 },
    },
    {
      points: 199,
      pointsSpent: 0,
      streakFreezes: 0,
      expected: { ok: false, reason: "INSUFFICIENT_POINTS" },
    },
    {
      points: 390,
      pointsSpent: 200,
      streakFreezes: 0,
      expected: { ok: false, reason: "INSUFFICIENT_POINTS" },
    },
    {
      points: 9999,
      pointsSpent: 0,
      streakFreezes: 2,
      expected: { ok: false, reason: "STREAK_FREEZE_LIMIT" },
    },
  ])(
    "$points earned, $pointsSpent spent, $streakFreezes held → $expected",
    ({ expected, ...account }) => {
      expect(buyFreeze(account)).toEqual(expected);
    },
  );

  it("prices a freeze at STREAK_FREEZE_PRICE and caps holdings at MAX_STREAK_FREEZES", () => {
    expect([STREAK_FREEZE_PRICE, MAX_STREAK_FREEZES]).toEqual([200, 2]);
  });
});
