import { describe, expect, it } from "vitest";
import { VerifiedTokens } from "./verified-tokens.ts";

const claims = (exp: number) => ({ sub: "u", iat: 0, exp, role: "USER", sid: undefined });

describe("VerifiedTokens", () => {
  it("forgets a token at its expiry, even within the trusted age", () => {
    const tokens = new VerifiedTokens(10, 60_000);
    tokens.remember("t", claims(100), 90_000);
    expect(tokens.get("t", 99_999)).toBeDefined();
    expect(tokens.get("t", 100_000)).toBeUndefined();
  });

  it("trusts one verification no longer than its maximum age", () => {
    const tokens = new VerifiedTokens(10, 1_000);
    tokens.remember("t", claims(10_000), 0);
    expect(tokens.get("t", 999)).toBeDefined();
    expect(tokens.get("t", 1_000)).toBeUndefined();
  });

  it("forgets the oldest token when full", () => {
    const tokens = new VerifiedTokens(2, 60_000);
    for (const token of ["a", "b", "c"]) tokens.remember(token, claims(1_000), 0);
    expect(tokens.get("a", 1)).toBeUndefined();
    expect(tokens.get("b", 1)).toBeDefined();
    expect(tokens.get("c", 1)).toBeDefined();
  });
});
