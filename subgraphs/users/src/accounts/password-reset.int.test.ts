import { errorCode, graphqlFailure } from "@kai/runtime/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountTokens, mailOutbox } from "../db/schema.ts";
import { hashAccountToken } from "../domain/account-token.ts";
import {
  type AccountsHarness,
  APP_URL,
  startAccountsHarness,
} from "../testing/accounts-harness.ts";

let harness: AccountsHarness;

beforeAll(async () => {
  harness = await startAccountsHarness({ ACCOUNT_MAILS_PER_ADDRESS: "3" });
});

afterAll(() => harness?.dispose());

const NEW_PASSWORD = "a much better passphrase";

const requestReset = (email: string, headers: Record<string, string> = {}) =>
  harness
    .clientWith(headers)
    .request<{ requestPasswordReset: boolean }>(
      "mutation ($email: String!) { requestPasswordReset(email: $email) }",
      { email },
    )
    .then((data) => data.requestPasswordReset);

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work;
  return { value, ms: performance.now() - started };
}

describe("requestPasswordReset", () => {
  it("mails a known email a link to reset-password that works for an hour", async () => {
    const ada = await harness.register("Ada");
    expect(await requestReset(ada.email.toUpperCase())).toBe(true);
    const mail = await harness.mailTo(ada.email, /reset your kai password/i);
    const token = harness.tokenIn(mail, "reset-password");
    expect(mail.text).toContain(`${APP_URL}/reset-password?token=${token}`);
    const [row] = await harness.subgraph.deps.db
      .select()
      .from(accountTokens)
      .where(eq(accountTokens.tokenHash, hashAccountToken(token)));
    expect(row).toMatchObject({ userId: ada.user.id, purpose: "RESET_PASSWORD", usedAt: null });
    const lifetime = (row?.expiresAt.getTime() ?? 0) - (row?.createdAt.getTime() ?? 0);
    expect(Math.abs(lifetime - 3_600_000)).toBeLessThan(60_000);
  });

  it("answers an unknown email the same, in about the same time, and mails nothing", async () => {
    const bo = await harness.register("Bo");
    const nobody = `nobody-${bo.user.id}@example.com`;
    // Warm both paths once, so neither pays for a first connection or a first render.
    await Promise.all([requestReset(bo.email), requestReset(`warm-${nobody}`)]);
    const known = await timed(requestReset(bo.email));
    const unknown = await timed(requestReset(nobody));
    expect(unknown.value).toBe(known.value);
    expect(Math.abs(known.ms - unknown.ms)).toBeLessThan(100);
    const outbox = await harness.subgraph.deps.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.to, nobody));
    expect(outbox).toEqual([]);
  });

  it("refuses a malformed email with BAD_USER_INPUT, known or not", async () => {
    const failure = await graphqlFailure(requestReset("not an email"));
    expect(failure).toMatchObject({ code: "BAD_USER_INPUT", extensions: { field: "email" } });
  });

  it("is RATE_LIMITED after ACCOUNT_MAILS_PER_ADDRESS asks for one email, known or not", async () => {
    const cy = await harness.register("Cy");
    const nobody = `nobody-${cy.user.id}@example.com`;
    for (const email of [cy.email, nobody]) {
      for (let i = 0; i < 3; i++) expect(await requestReset(email)).toBe(true);
      const failure = await graphqlFailure(requestReset(email));
      expect(failure.code).toBe("RATE_LIMITED");
      expect(failure.extensions.retryAfterSeconds).toEqual(expect.any(Number));
    }
    expect(harness.mailsTo(cy.email)).toHaveLength(3);
  });
});

describe("requestPasswordReset per client", () => {
  let limited: AccountsHarness;

  beforeAll(async () => {
    limited = await startAccountsHarness({ ACCOUNT_MAIL_REQUESTS_PER_CLIENT: "2" });
  });

  afterAll(() => limited?.dispose());

  const ask = (email: string, client: string) =>
    limited
      .clientWith({ "x-forwarded-for": client })
      .request("mutation ($email: String!) { requestPasswordReset(email: $email) }", { email });

  it("is RATE_LIMITED for a client after its share, whatever the emails; other clients go on", async () => {
    await ask("one@example.com", "203.0.113.7");
    await ask("two@example.com", "203.0.113.7");
    expect(await errorCode(ask("three@example.com", "203.0.113.7"))).toBe("RATE_LIMITED");
    await expect(ask("three@example.com", "198.51.100.4")).resolves.toEqual({
      requestPasswordReset: true,
    });
  });
});

describe("resetPassword", () => {
  it("sets the password, ends every session, signs in anew and mails that it changed", async () => {
    const ada = await harness.register("Ada");
    const otherDevice = await harness.login(ada.email, ada.password);
    const token = await harness.resetTokenFor(ada.email);

    const signedIn = await harness.resetPassword(token, NEW_PASSWORD);
    expect(signedIn.user).toMatchObject({ id: ada.user.id, email: ada.email });

    // Every refresh token from before is refused; the new sign-in works.
    for (const old of [ada.refreshToken, otherDevice.refreshToken]) {
      expect(await errorCode(harness.refresh(old))).toBe("UNAUTHENTICATED");
    }
    expect((await harness.refresh(signedIn.refreshToken)).user.id).toBe(ada.user.id);
    // Access tokens from before are revoked too; the one from the reset works.
    for (const old of [ada.accessToken, otherDevice.accessToken]) {
      expect(await errorCode(harness.client(old).request("{ me { id } }"))).toBe("UNAUTHENTICATED");
    }
    await expect(harness.client(signedIn.accessToken).request("{ me { id } }")).resolves.toEqual({
      me: { id: ada.user.id },
    });
    expect(await errorCode(harness.login(ada.email, ada.password))).toBe("UNAUTHENTICATED");
    expect((await harness.login(ada.email, NEW_PASSWORD)).user.id).toBe(ada.user.id);

    const mail = await harness.mailTo(ada.email, /password was changed/i);
    expect(mail.text).toContain(`${APP_URL}/forgot-password`);
    const { me } = await harness
      .client(signedIn.accessToken)
      .request<{ me: { emailVerified: boolean } }>("{ me { emailVerified } }");
    // Opening a link mailed to the address proves it, as a verification link would.
    expect(me.emailVerified).toBe(true);
  });

  it("works once: the same link again is BAD_USER_INPUT", async () => {
    const bo = await harness.register("Bo");
    const token = await harness.resetTokenFor(bo.email);
    await harness.resetPassword(token, NEW_PASSWORD);
    const failure = await graphqlFailure(harness.resetPassword(token, `${NEW_PASSWORD}!`));
    expect(failure).toMatchObject({ code: "BAD_USER_INPUT", extensions: { field: "token" } });
    expect((await harness.login(bo.email, NEW_PASSWORD)).user.id).toBe(bo.user.id);
  });

  it("ends the other links a user was sent once one is used", async () => {
    const cy = await harness.register("Cy");
    const first = await harness.resetTokenFor(cy.email);
    const second = await harness.resetTokenFor(cy.email);
    expect(await errorCode(harness.resetPassword(first, NEW_PASSWORD))).toBe("BAD_USER_INPUT");
    await harness.resetPassword(second, NEW_PASSWORD);
  });

  it.each([
    { what: "a weak password", password: "password123", field: "newPassword" },
    { what: "a short password", password: "short", field: "newPassword" },
    { what: "a password over 128 characters", password: "long ".repeat(26), field: "newPassword" },
    { what: "a garbage token", token: "garbage", field: "token" },
    { what: "an empty token", token: "", field: "token" },
    { what: "an expired token", expire: true, field: "token" },
  ])("refuses $what with BAD_USER_INPUT on $field, writing and mailing nothing", async (bad) => {
    const di = await harness.register("Di");
    const otherDevice = await harness.login(di.email, di.password);
    const token = await harness.resetTokenFor(di.email);
    if (bad.expire) {
      await harness.subgraph.deps.db
        .update(accountTokens)
        .set({ expiresAt: new Date(Date.now() - 1_000) })
        .where(eq(accountTokens.tokenHash, hashAccountToken(token)));
    }
    const before = await harness.stateOf(di.user.id, di.email);

    const failure = await graphqlFailure(
      harness.resetPassword(bad.token ?? token, bad.password ?? NEW_PASSWORD),
    );
    expect(failure).toMatchObject({ code: "BAD_USER_INPUT", extensions: { field: bad.field } });
    expect(await harness.stateOf(di.user.id, di.email)).toEqual(before);
    expect((await harness.refresh(otherDevice.refreshToken)).user.id).toBe(di.user.id);
    // A refused new password leaves the link usable for a better one.
    if (bad.password) await harness.resetPassword(token, NEW_PASSWORD);
  });
});
