import { createEmptyCard, fsrs, Rating } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import { fsrsReview, gradeOf, newMemory, replayMemory } from "./fsrs.ts";

const T0 = new Date("2026-01-10T09:00:00Z");
const later = (days: number) => new Date(T0.getTime() + days * 86_400_000);

describe("gradeOf", () => {
  it.each([
    [0, Rating.Again],
    [1, Rating.Again],
    [2, Rating.Again],
    [3, Rating.Hard],
    [4, Rating.Good],
    [5, Rating.Easy],
  ])("quality %i → grade %i", (quality, grade) => {
    expect(gradeOf(quality)).toBe(grade);
  });
});

describe("fsrsReview", () => {
  it.each([0.8, 0.9, 0.95])("schedules a sequence exactly as ts-fsrs does at retention %d", (r) => {
    const answers = [
      { quality: 4, at: T0 },
      { quality: 5, at: later(1) },
      { quality: 1, at: later(9) },
      { quality: 3, at: later(10) },
      { quality: 4, at: later(20) },
    ];
    const reference = fsrs({ request_retention: r });
    let expected = createEmptyCard(T0);
    let memory = newMemory(T0);
    for (const { quality, at } of answers) {
      expected = reference.next(expected, at, gradeOf(quality)).card;
      const outcome = fsrsReview(memory, quality, at, r);
      memory = outcome.memory;
      expect(outcome.due).toEqual(expected.due);
      expect(outcome.scheduledDays).toBe(expected.scheduled_days);
      expect(memory.stability).toBe(expected.stability);
      expect(memory.difficulty).toBe(expected.difficulty);
      expect(memory.state).toBe(expected.state);
    }
  });

  it("asks a higher retention to come back sooner", () => {
    const memory = replayMemory(T0, [
      { quality: 4, reviewedAt: T0 },
      { quality: 4, reviewedAt: later(1) },
    ]);
    const relaxed = fsrsReview(memory, 4, later(5), 0.8).scheduledDays;
    const strict = fsrsReview(memory, 4, later(5), 0.97).scheduledDays;
    expect(strict).toBeLessThan(relaxed);
  });
});

describe("replayMemory", () => {
  it("rebuilds the memory the same answers would have left", () => {
    const log = [
      { quality: 5, reviewedAt: T0 },
      { quality: 2, reviewedAt: later(3) },
    ];
    const direct = fsrsReview(fsrsReview(newMemory(T0), 5, T0, 0.9).memory, 2, later(3), 0.9);
    expect(replayMemory(T0, log)).toEqual(direct.memory);
    expect(replayMemory(T0, [])).toEqual(newMemory(T0));
  });
});
