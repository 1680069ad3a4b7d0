import { describe, expect, it } from "vitest";
import { ManualClock } from "./manual-clock.ts";
import { whenExpired } from "./token-expiry.ts";

const DAY = 24 * 60 * 60 * 1_000;

describe("whenExpired", () => {
  it("fires once, when the token's expiry passes and not before", () => {
    const clock = new ManualClock();
    let expired = 0;
    whenExpired(new Date(clock.now() + 3_000), clock, () => expired++);
    clock.advance(2_999);
    expect(expired).toBe(0);
    clock.advance(1);
    expect(expired).toBe(1);
    clock.advance(DAY);
    expect(expired).toBe(1);
  });

  it("waits in steps for a token that outlives one Node timer", () => {
    const clock = new ManualClock();
    let expired = 0;
    whenExpired(new Date(clock.now() + 60 * DAY), clock, () => expired++);
    clock.advance(59 * DAY);
    expect(expired).toBe(0);
    clock.advance(DAY);
    expect(expired).toBe(1);
  });

  it("leaves no timer behind once cancelled", () => {
    const clock = new ManualClock();
    let expired = 0;
    const cancel = whenExpired(new Date(clock.now() + 1_000), clock, () => expired++);
    cancel();
    expect(clock.pending).toBe(0);
    clock.advance(2_000);
    expect(expired).toBe(0);
  });
});
