import { describe, expect, it } from "vitest";
import { backoffDelayMs } from "./backoff.ts";

describe("backoffDelayMs", () => {
  const exact = { jitter: 0 };

  it.each([
    // attempt, Retry-After, delay (base 30 s, cap 1 h)
    [1, undefined, 30_000],
    [2, undefined, 60_000],
    [3, undefined, 120_000],
    [7, undefined, 1_920_000],
    [8, undefined, 3_600_000],
    [20, undefined, 3_600_000],
    [1, 120_000, 120_000], // the server asked for longer: honoured
    [3, 5_000, 120_000], // the server asked for less: backoff still grows
    [20, 7_200_000, 7_200_000], // Retry-After beyond the cap: still honoured
    [0, undefined, 30_000], // attempt 0 is read as the first
  ])("attempt %i with Retry-After %s waits %i ms", (attempt, retryAfter, delay) => {
    expect(backoffDelayMs(attempt, retryAfter, exact)).toBe(delay);
  });

  it.each([
    [0, 27_000],
    [0.5, 30_000],
    [0.999_999, 33_000],
  ])("jitter spreads by ±10%% (random %f → %i ms)", (random, delay) => {
    expect(backoffDelayMs(1, undefined, { random: () => random })).toBe(delay);
  });

  it("takes its base and cap from the options", () => {
    expect(backoffDelayMs(3, undefined, { baseMs: 1_000, maxMs: 3_000, jitter: 0 })).toBe(3_000);
  });
});
