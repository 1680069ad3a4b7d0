import { describe, expect, it } from "vitest";
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from "./retry-after.ts";

describe("parseRetryAfter", () => {
  const now = new Date("2026-11-29T12:00:00Z");

  it.each([
    ["120", 120_000],
    [" 0 ", 0],
    ["Sun, 29 Nov 2026 12:01:30 GMT", 90_000],
    ["Sun, 29 Nov 2026 11:00:00 GMT", 0], // a date in the past: now
    ["9999999", MAX_RETRY_AFTER_MS],
    ["soon", undefined],
    ["-5", undefined],
    ["", undefined],
    [undefined, undefined],
    [null, undefined],
  ])("%j → %s ms", (header, ms) => {
    expect(parseRetryAfter(header, now)).toBe(ms);
  });

  it("reads the first of repeated headers", () => {
    expect(parseRetryAfter(["3", "9"], now)).toBe(3_000);
  });
});
