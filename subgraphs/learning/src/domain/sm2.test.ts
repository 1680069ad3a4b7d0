import { describe, expect, it } from "vitest";
import { isQuality, MAX_INTERVAL_DAYS, NEW_CARD, review, type Sm2State } from "./sm2.ts";

const AT = new Date("2024-03-01T12:00:00.000Z");
const DAY_MS = 86_400_000;

describe("isQuality", () => {
  it.each([
    [0, true],
    [3, true],
    [5, true],
    [-1, false],
    [6, false],
    [2.5, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
  ])("isQuality(%s) is %s", (q, expected) => {
    expect(isQuality(q)).toBe(expected);
  });
});

describe("review of a new card", () => {
  it.each([
    { q: 0, repetitions: 0, interval: 1, easeFactor: 1.7 },
    { q: 1, repetitions: 0, interval: 1, easeFactor: 1.96 },
    { q: 2, repetitions: 0, interval: 1, easeFactor: 2.18 },
    { q: 3, repetitions: 1, interval: 1, easeFactor: 2.36 },
    { q: 4, repetitions: 1, interval: 1, easeFactor: 2.5 },
    { q: 5, repetitions: 1, interval: 1, easeFactor: 2.6 },
  ])("quality $q", ({ q, repetitions, interval, easeFactor }) => {
    const next = review(NEW_CARD, q, AT);
    expect(next.repetitions).toBe(repetitions);
    expect(next.interval).toBe(interval);
    expect(next.easeFactor).toBeCloseTo(easeFactor, 10);
  });
});

describe("review of a card with history", () => {
  it.each<{ name: string; state: Sm2State; q: number; expected: Sm2State }>([
    {
      name: "second successful review schedules 6 days",
      state: { repetitions: 1, interval: 1, easeFactor: 2.5 },
      q: 4,
      expected: { repetitions: 2, interval: 6, easeFactor: 2.5 },
    },
    {
      name: "third review multiplies by the ease factor before this review",
      state: { repetitions: 2, interval: 6, easeFactor: 2.6 },
      q: 3,
      expected: { repetitions: 3, interval: 16, easeFactor: 2.46 },
    },
    {
      name: "interval is rounded",
      state: { repetitions: 3, interval: 16, easeFactor: 2.36 },
      q: 5,
      expected: { repetitions: 4, interval: 38, easeFactor: 2.46 },
    },
    {
      name: "failure after a long streak resets repetitions and interval",
      state: { repetitions: 12, interval: 400, easeFactor: 2.8 },
      q: 2,
      expected: { repetitions: 0, interval: 1, easeFactor: 2.48 },
    },
    {
      name: "total blackout after a long streak also resets",
      state: { repetitions: 8, interval: 180, easeFactor: 2.5 },
      q: 0,
      expected: { repetitions: 0, interval: 1, easeFactor: 1.7 },
    },
  ])("$name", ({ state, q, expected }) => {
    const next = review(state, q, AT);
    expect(next.repetitions).toBe(expected.repetitions);
    expect(next.interval).toBe(expected.interval);
    expect(next.easeFactor).toBeCloseTo(expected.easeFactor, 10);
  });
});

describe("ease factor", () => {
  it.each([
    { q: 5, delta: 0.1 },
    { q: 4, delta: 0 },
    { q: 3, delta: -0.14 },
  ])("quality $q changes it by $delta", ({ q, delta }) => {
    const state: Sm2State = { repetitions: 3, interval: 10, easeFactor: 2.2 };
    expect(review(state, q, AT).easeFactor).toBeCloseTo(2.2 + delta, 10);
  });

  it("never drops below 1.3 after repeated blackouts", () => {
    let state: Sm2State = NEW_CARD;
    for (let i = 0; i < 5; i++) {
      state = review(state, 0, AT);
      expect(state.easeFactor).toBeGreaterThanOrEqual(1.3);
    }
    expect(state.easeFactor).toBe(1.3);
  });
});

describe("nextReview", () => {
  it.each([
    { state: NEW_CARD, q: 4, days: 1 },
    { state: { repetitions: 1, interval: 1, easeFactor: 2.5 }, q: 5, days: 6 },
    { state: { repetitions: 2, interval: 6, easeFactor: 2.5 }, q: 4, days: 15 },
    { state: { repetitions: 5, interval: 100, easeFactor: 2.5 }, q: 1, days: 1 },
  ])("is reviewedAt + $days days", ({ state, q, days }) => {
    const next = review(state, q, AT);
    expect(next.interval).toBe(days);
    expect(next.nextReview.getTime()).toBe(AT.getTime() + days * DAY_MS);
  });

  it("caps the interval at MAX_INTERVAL_DAYS, so a drilled card stays storable", () => {
    let state: Sm2State = NEW_CARD;
    for (let i = 0; i < 20; i++) state = review(state, 5, AT);
    expect(state.interval).toBe(MAX_INTERVAL_DAYS);
    expect(review({ repetitions: 5, interval: 20_000, easeFactor: 2.5 }, 4, AT).interval).toBe(
      MAX_INTERVAL_DAYS,
    );
  });

  it("does not mutate the input date or state", () => {
    const at = new Date(AT);
    const state: Sm2State = { repetitions: 2, interval: 6, easeFactor: 2.5 };
    review(state, 5, at);
    expect(at.getTime()).toBe(AT.getTime());
    expect(state).toEqual({ repetitions: 2, interval: 6, easeFactor: 2.5 });
  });
});

describe("invalid quality", () => {
  it.each([-1, 6, 2.5, Number.NaN])("review rejects %s with a RangeError", (q) => {
    expect(() => review(NEW_CARD, q, AT)).toThrow(RangeError);
  });
});
