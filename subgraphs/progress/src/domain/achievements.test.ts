import { describe, expect, it } from "vitest";
import {
  ACHIEVEMENTS,
  achievementByKey,
  newlyUnlocked,
  type ProgressSnapshot,
} from "./achievements.ts";

const empty: ProgressSnapshot = {
  points: 0,
  level: 1,
  streak: 0,
  longestStreak: 0,
  reviews: 0,
  topicsCompleted: 0,
};

function snapshot(overrides: Partial<ProgressSnapshot>): ProgressSnapshot {
  return { ...empty, ...overrides };
}

function keys(after: ProgressSnapshot, already: string[] = []) {
  return newlyUnlocked(after, new Set(already)).map((a) => a.key);
}

describe("ACHIEVEMENTS", () => {
  it("has unique keys", () => {
    const all = ACHIEVEMENTS.map((a) => a.key);
    expect(new Set(all).size).toBe(all.length);
  });

  it.each([
    ["first-review", { reviews: 1 }, { reviews: 0 }],
    ["reviews-100", { reviews: 100 }, { reviews: 99 }],
    ["streak-3", { streak: 3, longestStreak: 3 }, { streak: 2, longestStreak: 2 }],
    ["streak-7", { streak: 7, longestStreak: 7 }, { streak: 6, longestStreak: 6 }],
    ["streak-30", { streak: 30, longestStreak: 30 }, { streak: 29, longestStreak: 29 }],
    ["first-topic-completed", { topicsCompleted: 1 }, { topicsCompleted: 0 }],
    ["level-5", { level: 5, points: 1600 }, { level: 4, points: 1599 }],
  ])("%s unlocks at its threshold and not just below", (key, at, below) => {
    const achievement = ACHIEVEMENTS.find((a) => a.key === key);
    expect(achievement?.unlocked(snapshot(at))).toBe(true);
    expect(achievement?.unlocked(snapshot(below))).toBe(false);
  });

  it("keeps streak achievements after the streak breaks", () => {
    const broken = snapshot({ streak: 1, longestStreak: 30 });
    const unlocked = ACHIEVEMENTS.filter((a) => a.unlocked(broken)).map((a) => a.key);
    expect(unlocked).toEqual(["streak-3", "streak-7", "streak-30"]);
  });

  it("unlocks nothing for an empty snapshot", () => {
    expect(ACHIEVEMENTS.filter((a) => a.unlocked(empty))).toEqual([]);
  });
});

describe("newlyUnlocked", () => {
  it.each([
    {
      name: "the first review",
      after: snapshot({ reviews: 1, points: 10 }),
      already: [],
      expected: ["first-review"],
    },
    {
      name: "nothing when no threshold is crossed",
      after: snapshot({ reviews: 6 }),
      already: ["first-review"],
      expected: [],
    },
    {
      name: "only what is not already unlocked",
      after: snapshot({ reviews: 100, streak: 3, longestStreak: 3 }),
      already: ["first-review"],
      expected: ["reviews-100", "streak-3"],
    },
    {
      name: "several at once",
      after: snapshot({ level: 5, streak: 7, longestStreak: 7, reviews: 1, topicsCompleted: 1 }),
      already: [],
      expected: ["first-review", "streak-3", "streak-7", "first-topic-completed", "level-5"],
    },
    {
      name: "one qualified for earlier but never recorded",
      after: snapshot({ topicsCompleted: 2, reviews: 1 }),
      already: [],
      expected: ["first-review", "first-topic-completed"],
    },
    {
      name: "nothing when everything is already unlocked",
      after: snapshot({ level: 9, longestStreak: 40, reviews: 500, topicsCompleted: 3 }),
      already: ACHIEVEMENTS.map((a) => a.key),
      expected: [],
    },
    {
      name: "and ignores unknown keys in the ledger",
      after: snapshot({ reviews: 1 }),
      already: ["retired-achievement"],
      expected: ["first-review"],
    },
  ])("returns $name", ({ after, already, expected }) => {
    expect(keys(after, already)).toEqual(expected);
  });

  it("returns full achievement records", () => {
    const [first] = newlyUnlocked(snapshot({ reviews: 1 }), new Set());
    expect(first).toMatchObject({ key: "first-review", title: expect.any(String) });
    expect(first?.description).not.toBe("");
  });
});

describe("achievementByKey", () => {
  it.each([
    ["first-review", "First Review"],
    ["level-5", "Rising Star"],
    ["retired-achievement", undefined],
    ["toString", undefined],
  ])("%s → %s", (key, title) => {
    expect(achievementByKey(key)?.title).toBe(title);
  });
});
