import { describe, expect, it } from "vitest";
import { outcomeForStatus } from "./outcome.ts";

describe("outcomeForStatus", () => {
  it.each([
    [201, undefined, { outcome: "sent" }],
    [404, undefined, { outcome: "gone", reason: "404: x" }],
    [410, undefined, { outcome: "gone", reason: "410: x" }],
    [429, "30", { outcome: "retry", afterMs: 30_000, reason: "429: x" }],
    [429, undefined, { outcome: "retry", reason: "429: x" }],
    [500, undefined, { outcome: "retry", reason: "500: x" }],
    [503, "2", { outcome: "retry", afterMs: 2_000, reason: "503: x" }],
    [400, undefined, { outcome: "failed", reason: "400: x" }],
    [403, undefined, { outcome: "failed", reason: "403: x" }],
    [413, undefined, { outcome: "failed", reason: "413: x" }],
  ])("%i (Retry-After %s) → %o", (status, retryAfter, result) => {
    expect(outcomeForStatus(status, retryAfter, "x")).toEqual(result);
  });
});
