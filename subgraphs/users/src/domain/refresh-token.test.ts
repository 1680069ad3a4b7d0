import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashRefreshToken, newRefreshToken } from "./refresh-token.ts";

describe("newRefreshToken", () => {
  it("is 256 random bits, URL-safe", () => {
    const token = newRefreshToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
  });

  it("never repeats", () => {
    const tokens = new Set(Array.from({ length: 1_000 }, newRefreshToken));
    expect(tokens.size).toBe(1_000);
  });
});

describe("hashRefreshToken", () => {
  it.each([
    ["a new token", newRefreshToken()],
    ["an empty string", ""],
    ["text", "refresh-me"],
  ])("is the SHA-256 of %s, base64url", (_, token) => {
    const expected = createHash("sha256").update(token).digest("base64url");
    expect(hashRefreshToken(token)).toBe(expected);
  });

  it("is stable, so a presented token finds its row", () => {
    const token = newRefreshToken();
    expect(hashRefreshToken(token)).toBe(hashRefreshToken(token));
  });

  it("differs from the token and between tokens", () => {
    const [a, b] = [newRefreshToken(), newRefreshToken()];
    expect(hashRefreshToken(a)).not.toBe(a);
    expect(hashRefreshToken(a)).not.toBe(hashRefreshToken(b));
  });
});
