import { describe, expect, it } from "vitest";
import { levelFor, pointsForLevel, progressToNextLevel } from "./levels.ts";

describe("levelFor", () => {
  it.each([
    [0, 1],
    [0.5, 1],
    [99, 1],
    [99.999, 1],
    [100, 2],
    [101, 2],
    [399, 2],
    [400, 3],
    [899, 3],
    [900, 4],
    [1599, 4],
    [1600, 5],
    [2500, 6],
    [9_999, 10],
    [10_000, 11],
    [1_000_000, 101],
    [999_999_999_999, 100_000],
    [1_000_000_000_000, 100_001],
    [Number.MAX_SAFE_INTEGER, 9_490_627],
  ])("%d points → level %i", (points, level) => {
    expect(levelFor(points)).toBe(level);
  });

  it("agrees with pointsForLevel at every boundary up to level 2000", () => {
    for (let level = 1; level <= 2000; level++) {
      const start = pointsForLevel(level);
      expect(levelFor(start)).toBe(level);
      if (start > 0) expect(levelFor(start - 1)).toBe(level - 1);
    }
  });

  it.each([-1, -0.0001, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    "rejects %d",
    (points) => {
      expect(() => levelFor(points)).toThrow(RangeError);
    },
  );
});

describe("pointsForLevel", () => {
  it.each([
    [1, 0],
    [2, 100],
    [3, 400],
    [4, 900],
    [5, 1600],
    [11, 10_000],
    [101, 1_000_000],
  ])("level %i starts at %d points", (level, points) => {
    expect(pointsForLevel(level)).toBe(points);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("rejects level %d", (level) => {
    expect(() => pointsForLevel(level)).toThrow(RangeError);
  });
});

describe("progressToNextLevel", () => {
  it.each([
    [0, { level: 1, currentLevelPoints: 0, nextLevelPoints: 100 }],
    [99, { level: 1, currentLevelPoints: 0, nextLevelPoints: 100 }],
    [100, { level: 2, currentLevelPoints: 100, nextLevelPoints: 400 }],
    [450, { level: 3, currentLevelPoints: 400, nextLevelPoints: 900 }],
    [1_000_000, { level: 101, currentLevelPoints: 1_000_000, nextLevelPoints: 1_020_100 }],
  ])("%d points", (points, expected) => {
    expect(progressToNextLevel(points)).toEqual(expected);
  });

  it.each([-5, Number.NaN])("rejects %d", (points) => {
    expect(() => progressToNextLevel(points)).toThrow(RangeError);
  });
});
