import { describe, expect, it } from "vitest";
import { DEFAULT_PRICES, estimateCost } from "./ai-cost.ts";

describe("estimateCost", () => {
  it.each([
    ["gemini-2.5-flash", 1_000_000, 0, 0.3],
    ["gemini-2.5-flash", 0, 1_000_000, 2.5],
    ["gemini-2.5-flash-lite", 2_000, 500, (2_000 * 0.1 + 500 * 0.4) / 1e6],
    ["some-new-model", 1_000_000, 1_000_000, 2.8],
    ["gemini-2.5-flash", 0, 0, 0],
  ])(
    "%s with %i prompt and %i output tokens costs %d USD",
    (model, promptTokens, outputTokens, usd) => {
      expect(estimateCost(DEFAULT_PRICES, model, { promptTokens, outputTokens })).toBeCloseTo(
        usd,
        12,
      );
    },
  );

  it("prices an unknown model at nothing when the table has no default", () => {
    const prices = { "m-1": { input: 1, output: 1 } };
    expect(estimateCost(prices, "m-2", { promptTokens: 10, outputTokens: 10 })).toBe(0);
  });
});
