import type { TokenVerifier, Viewer } from "@kai/auth";
import { describe, expect, it } from "vitest";
import { authenticate, REFUSALS } from "./authenticate.ts";

const NOW = Date.parse("2026-01-01T00:00:00Z");
const ada: Viewer = { id: "ada", role: "USER", expiresAt: new Date(NOW + 60_000) };
const lapsed: Viewer = { id: "old", role: "USER", expiresAt: new Date(NOW) };

/** Knows two tokens; refuses the rest as the real verifier does, by throwing. */
const verifier: TokenVerifier = {
  async verify(token) {
    const viewer = { "ada-token": ada, "lapsed-token": lapsed }[token];
    if (!viewer) throw new Error("Invalid or expired access token");
    return viewer;
  },
};

describe("authenticate", () => {
  it.each([
    ["authorization: Bearer …", { authorization: "Bearer ada-token" }],
    ["Authorization: Bearer …", { Authorization: "Bearer ada-token" }],
    ["a bare authorization", { authorization: "ada-token" }],
    ["token", { token: "ada-token" }],
  ])("accepts a valid token sent as %s", async (_, params) => {
    expect(await authenticate(params, verifier, NOW)).toEqual({
      viewer: ada,
      token: "ada-token",
      resumeAfter: undefined,
    });
  });

  it.each([
    ["no params", undefined],
    ["no token", { lastEventAt: "2026-01-01T00:00:00Z" }],
    ["a token that is not a string", { authorization: 42 }],
    ["a token the verifier refuses", { authorization: "Bearer forged" }],
  ])("refuses %s as unauthenticated", async (_, params) => {
    expect(await authenticate(params, verifier, NOW)).toBe(REFUSALS.unauthenticated);
  });

  it("refuses a token that has run out by the core's clock", async () => {
    expect(await authenticate({ token: "lapsed-token" }, verifier, NOW)).toBe(REFUSALS.expired);
  });

  it("reads lastEventAt as the resume point, and ignores one that is not an instant", async () => {
    const resuming = await authenticate(
      { token: "ada-token", lastEventAt: "2025-12-31T23:00:00.000Z" },
      verifier,
      NOW,
    );
    expect(resuming).toMatchObject({ resumeAfter: new Date("2025-12-31T23:00:00.000Z") });
    const garbled = await authenticate(
      { token: "ada-token", lastEventAt: "yesterday" },
      verifier,
      NOW,
    );
    expect(garbled).toMatchObject({ resumeAfter: undefined });
  });
});
