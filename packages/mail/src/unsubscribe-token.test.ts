import { describe, expect, it } from "vitest";
import { signUnsubscribeToken, verifyUnsubscribeToken } from "./unsubscribe-token.ts";

const SECRET = "s".repeat(32);
const OTHER_SECRET = "o".repeat(40);
const claim = { userId: "6f1c1f7e-4f1e-4c36-9d0e-0f6f1b7d2a11", kind: "STREAK_AT_RISK" };

/** The token with one character of its payload or signature changed. */
function tampered(token: string, part: 0 | 1): string {
  const parts = token.split(".");
  const text = parts[part] ?? "";
  const i = Math.floor(text.length / 2);
  parts[part] = `${text.slice(0, i)}${text[i] === "A" ? "B" : "A"}${text.slice(i + 1)}`;
  return parts.join(".");
}

/** A well-formed token for another claim, its payload spliced onto this token's MAC. */
function spliced(token: string): string {
  const [, signature] = token.split(".");
  const other = signUnsubscribeToken({ ...claim, kind: "DUE_CARDS" }, SECRET);
  return `${other.split(".")[0]}.${signature}`;
}

describe("unsubscribe tokens", () => {
  it("round-trip the user and kind, and fit a URL as they are", () => {
    const token = signUnsubscribeToken(claim, SECRET);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyUnsubscribeToken(token, SECRET)).toEqual(claim);
  });

  it("pass with any of several secrets, so a key can be rotated out", () => {
    const token = signUnsubscribeToken(claim, OTHER_SECRET);
    expect(verifyUnsubscribeToken(token, [SECRET, OTHER_SECRET])).toEqual(claim);
    expect(verifyUnsubscribeToken(token, SECRET)).toBeUndefined();
  });

  const token = signUnsubscribeToken(claim, SECRET);
  it.each([
    ["a changed payload", tampered(token, 0)],
    ["a changed MAC", tampered(token, 1)],
    ["another claim's payload on this MAC", spliced(token)],
    ["a MAC with a stray character (base64url would skip it)", `${token}!`],
    ["no MAC", token.split(".")[0] ?? ""],
    ["an extra part", `${token}.x`],
    ["an empty string", ""],
    ["garbage", "not-a-token"],
    ["something huge", `${token}${"A".repeat(1_000)}`],
  ])("fail for %s", (_case, candidate) => {
    expect(verifyUnsubscribeToken(candidate, SECRET)).toBeUndefined();
  });

  it("fail when signed with another secret", () => {
    expect(
      verifyUnsubscribeToken(signUnsubscribeToken(claim, OTHER_SECRET), SECRET),
    ).toBeUndefined();
  });

  it("refuse a short secret and a claim that is not a user and kind", () => {
    expect(() => signUnsubscribeToken(claim, "short")).toThrow(/32/);
    expect(() => signUnsubscribeToken({ ...claim, userId: "ada" }, SECRET)).toThrow();
    expect(() => signUnsubscribeToken({ ...claim, kind: "streak at risk" }, SECRET)).toThrow();
  });
});
