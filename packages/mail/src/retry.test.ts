import { describe, expect, it } from "vitest";
import { failureReason, isPermanentFailure, retryDelayMs } from "./retry.ts";

describe("retryDelayMs", () => {
  it.each([
    [1, 10_000],
    [2, 20_000],
    [3, 40_000],
    [6, 320_000],
    [7, 600_000],
    [9, 600_000],
  ])("after %i failures waits %i ms (base 10 s, cap 10 min)", (attempt, delay) => {
    expect(retryDelayMs(attempt, 10_000, 600_000)).toBe(delay);
  });

  it("the default attempts span about 40 minutes", () => {
    const waits = Array.from({ length: 9 }, (_, i) => retryDelayMs(i + 1, 10_000, 600_000));
    expect(waits.reduce((sum, ms) => sum + ms, 0) / 60_000).toBeCloseTo(40.5, 1);
  });
});

describe("failure records", () => {
  const smtpError = (fields: Record<string, unknown>) =>
    Object.assign(new Error("550 no such user"), fields);

  it("a 5xx reply is permanent; a refused connection is not", () => {
    expect(isPermanentFailure(smtpError({ code: "EENVELOPE", permanent: true }))).toBe(true);
    expect(isPermanentFailure(smtpError({ code: "ESOCKET" }))).toBe(false);
    expect(isPermanentFailure(undefined)).toBe(false);
  });

  it("the reason names nodemailer's code once and stays short", () => {
    expect(failureReason(smtpError({ code: "EENVELOPE" }))).toBe("EENVELOPE: 550 no such user");
    expect(failureReason(new Error("connect ECONNREFUSED 127.0.0.1:1"))).toBe(
      "connect ECONNREFUSED 127.0.0.1:1",
    );
    expect(failureReason(new Error("x".repeat(5_000)))).toHaveLength(1_000);
    expect(failureReason("thrown text")).toBe("thrown text");
  });
});
