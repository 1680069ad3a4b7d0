import { randomUUID } from "node:crypto";
import { errorCode, graphqlFailure } from "@kai/runtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AccountsHarness, startAccountsHarness } from "../testing/accounts-harness.ts";
import type { Account, AuthPayload } from "../testing/users-harness.ts";

let harness: AccountsHarness;

beforeAll(async () => {
  harness = await startAccountsHarness();
});

afterAll(() => harness?.dispose());

interface SessionView {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  userAgent: string | null;
  current: boolean;
}

const PHONE = "KaiPhone/2.0 (iOS 18)";
const LAPTOP = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0";

async function sessionsOf(accessToken: string): Promise<SessionView[]> {
  const { me } = await harness
    .client(accessToken)
    .request<{ me: { sessions: SessionView[] } }>(
      "{ me { sessions { id createdAt lastUsedAt userAgent current } } }",
    );
  return me.sessions;
}

async function loginFrom(account: Account, userAgent: string): Promise<AuthPayload> {
  const { login } = await harness
    .clientWith({ "user-agent": userAgent })
    .request<{ login: AuthPayload }>(
      "mutation ($input: LoginInput!) { login(input: $input) { accessToken refreshToken expiresIn user { id email name } } }",
      { input: { email: account.email, password: account.password } },
    );
  return login;
}

const revoke = (accessToken: string, id: string) =>
  harness
    .client(accessToken)
    .request<{ revokeSession: boolean }>("mutation ($id: ID!) { revokeSession(id: $id) }", { id })
    .then((data) => data.revokeSession);

describe("User.sessions", () => {
  it("lists each sign-in with its user agent, newest use first, marking the caller's current", async () => {
    const ada = await harness.register("Ada");
    const phone = await loginFrom(ada, PHONE);
    const laptop = await loginFrom(ada, LAPTOP);

    const seen = await sessionsOf(laptop.accessToken);
    expect(seen.map(({ userAgent, current }) => ({ userAgent, current }))).toEqual([
      { userAgent: LAPTOP, current: true },
      { userAgent: PHONE, current: false },
      { userAgent: expect.any(String), current: false },
    ]);
    const fromPhone = await sessionsOf(phone.accessToken);
    expect(fromPhone.find((session) => session.current)?.userAgent).toBe(PHONE);
  });

  it("records the time and user agent of each refresh on the session it continues", async () => {
    const bo = await harness.register("Bo");
    const phone = await loginFrom(bo, PHONE);
    const [before] = (await sessionsOf(phone.accessToken)).filter((s) => s.current);
    const { refreshToken } = await harness
      .clientWith({ "user-agent": `${PHONE} updated` })
      .request<{ refreshToken: AuthPayload }>(
        "mutation ($token: String!) { refreshToken(token: $token) { accessToken refreshToken expiresIn user { id email name } } }",
        { token: phone.refreshToken },
      );
    const after = (await sessionsOf(refreshToken.accessToken)).find((s) => s.current);
    expect(after).toMatchObject({ id: before?.id, createdAt: before?.createdAt });
    expect(after?.userAgent).toBe(`${PHONE} updated`);
    expect(Date.parse(after?.lastUsedAt ?? "")).toBeGreaterThan(
      Date.parse(before?.lastUsedAt ?? ""),
    );
  });

  it("leaves out sessions that ended: logged out, revoked", async () => {
    const cy = await harness.register("Cy");
    const phone = await loginFrom(cy, PHONE);
    await harness.logout(phone.refreshToken);
    expect((await sessionsOf(cy.accessToken)).map((s) => s.userAgent)).not.toContain(PHONE);
  });

  it("is private: another user's sessions are NOT_FOUND, as their email is", async () => {
    const [di, eve] = await Promise.all([harness.register("Di"), harness.register("Eve")]);
    const fieldOfDi = (field: string) =>
      graphqlFailure(
        eve.client.request(
          `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { ${field} } } }`,
          { reps: [{ __typename: "User", id: di.user.id }] },
        ),
      );
    const sessions = await fieldOfDi("sessions { id }");
    const email = await fieldOfDi("email");
    expect(sessions.code).toBe("NOT_FOUND");
    expect(sessions.message).toBe(email.message);
  });
});

describe("revokeSession", () => {
  it("ends a session at once: its refresh token is refused and it leaves the list", async () => {
    const ada = await harness.register("Ada");
    const phone = await loginFrom(ada, PHONE);
    const target = (await sessionsOf(phone.accessToken)).find((s) => s.current);

    expect(await revoke(ada.accessToken, target?.id ?? "")).toBe(true);
    expect(await errorCode(harness.refresh(phone.refreshToken))).toBe("UNAUTHENTICATED");
    expect((await sessionsOf(ada.accessToken)).map((s) => s.id)).not.toContain(target?.id);
    expect((await harness.refresh(ada.refreshToken)).user.id).toBe(ada.user.id);
    expect(await revoke(ada.accessToken, target?.id ?? "")).toBe(false);
  });

  it("answers another user's session exactly like a missing one, and leaves it alone", async () => {
    const [bo, cy] = await Promise.all([harness.register("Bo"), harness.register("Cy")]);
    const [cySession] = await sessionsOf(cy.accessToken);
    const foreign = await graphqlFailure(revoke(bo.accessToken, cySession?.id ?? ""));
    const missingId = randomUUID();
    const missing = await graphqlFailure(revoke(bo.accessToken, missingId));
    expect(foreign.code).toBe("NOT_FOUND");
    expect(foreign.message.replace(cySession?.id ?? "", "<id>")).toBe(
      missing.message.replace(missingId, "<id>"),
    );
    expect(await errorCode(revoke(bo.accessToken, "not-a-uuid"))).toBe("NOT_FOUND");
    expect((await harness.refresh(cy.refreshToken)).user.id).toBe(cy.user.id);
  });

  it("needs a signed-in user", async () => {
    expect(
      await errorCode(
        harness.client().request(`mutation { revokeSession(id: "${randomUUID()}") }`),
      ),
    ).toBe("UNAUTHENTICATED");
  });
});
