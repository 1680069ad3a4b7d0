import { errorCode } from "@kai/runtime/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshTokens } from "../db/schema.ts";
import { hashRefreshToken, newRefreshToken } from "../domain/refresh-token.ts";
import { startUsersHarness, type UsersHarness } from "../testing/users-harness.ts";

const DAY_MS = 86_400_000;
let harness: UsersHarness;

beforeAll(async () => {
  harness = await startUsersHarness();
});

afterAll(() => harness?.dispose());

/** The stored row of a refresh token, found the way users finds it: by the token's hash. */
async function rowOf(token: string) {
  const [row] = await harness.subgraph.deps.db
    .select()
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, hashRefreshToken(token)));
  return row;
}

async function familyOf(token: string) {
  const row = await rowOf(token);
  if (!row) throw new Error("no row for the token");
  return harness.subgraph.deps.db
    .select()
    .from(refreshTokens)
    .where(eq(refreshTokens.familyId, row.familyId));
}

const refused = (token: string) => errorCode(harness.refresh(token));

describe("refresh tokens", () => {
  it("are stored as their SHA-256 only, and expire REFRESH_TOKEN_TTL_DAYS after issue", async () => {
    const { user, refreshToken } = await harness.register();
    const rows = await harness.subgraph.deps.db
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).toBe(hashRefreshToken(refreshToken));
    expect(JSON.stringify(rows)).not.toContain(refreshToken);
    const lifetime = (rows[0]?.expiresAt.getTime() ?? 0) - (rows[0]?.createdAt.getTime() ?? 0);
    expect(Math.abs(lifetime - harness.env.REFRESH_TOKEN_TTL_DAYS * DAY_MS)).toBeLessThan(60_000);
  });

  it("are rotated on use: a new pair in the same family, the old token spent", async () => {
    const ada = await harness.register();
    const next = await harness.refresh(ada.refreshToken);
    expect(next.refreshToken).not.toBe(ada.refreshToken);
    expect(next.user.id).toBe(ada.user.id);
    const { me } = await harness
      .client(next.accessToken)
      .request<{ me: { id: string } }>("{ me { id } }");
    expect(me.id).toBe(ada.user.id);
    expect((await rowOf(ada.refreshToken))?.usedAt).toBeInstanceOf(Date);
    expect((await rowOf(next.refreshToken))?.familyId).toBe(
      (await rowOf(ada.refreshToken))?.familyId,
    );
  });

  it("revoke the whole family when a spent one comes back, and only that family", async () => {
    const ada = await harness.register();
    const second = await harness.refresh(ada.refreshToken);
    const third = await harness.refresh(second.refreshToken);
    const otherSignIn = await harness.login(ada.email, ada.password);

    // The first token again: someone holds a copy, so every token of that sign-in ends.
    expect(await refused(ada.refreshToken)).toBe("UNAUTHENTICATED");
    expect(await refused(third.refreshToken)).toBe("UNAUTHENTICATED");
    const family = await familyOf(ada.refreshToken);
    expect(family).toHaveLength(3);
    expect(family.every((row) => row.revokedAt instanceof Date)).toBe(true);

    // The sign-in on another device is another family and goes on.
    const renewed = await harness.refresh(otherSignIn.refreshToken);
    expect(renewed.user.id).toBe(ada.user.id);
  });

  it("let exactly one of two concurrent refreshes with one token through", async () => {
    const ada = await harness.register();
    const outcomes = await Promise.allSettled([
      harness.refresh(ada.refreshToken),
      harness.refresh(ada.refreshToken),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
  });

  it.each([
    {
      refusal: "an expired token, without rotating it",
      spoil: async (token: string) => {
        const row = await rowOf(token);
        await harness.subgraph.deps.db
          .update(refreshTokens)
          .set({ expiresAt: new Date(Date.now() - 1_000) })
          .where(eq(refreshTokens.id, row?.id ?? ""));
      },
    },
    { refusal: "a token of a logged-out sign-in", spoil: (token: string) => harness.logout(token) },
    { refusal: "a token users never issued", spoil: async () => {}, token: newRefreshToken() },
    { refusal: "an empty token", spoil: async () => {}, token: "" },
  ])("refuse $refusal with UNAUTHENTICATED", async ({ spoil, token }) => {
    const ada = await harness.register();
    const presented = token ?? ada.refreshToken;
    await spoil(presented);
    expect(await refused(presented)).toBe("UNAUTHENTICATED");
    if (token === undefined) expect((await rowOf(presented))?.usedAt).toBeNull();
  });

  it("end with logout, which answers false once the sign-in is over", async () => {
    const ada = await harness.register();
    expect(await harness.logout(ada.refreshToken)).toBe(true);
    expect(await harness.logout(ada.refreshToken)).toBe(false);
    expect((await familyOf(ada.refreshToken)).every((row) => row.revokedAt)).toBe(true);
  });
});
