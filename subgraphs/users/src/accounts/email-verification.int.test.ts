import { graphqlFailure } from "@kai/runtime/testing";
import { waitFor } from "@kai/testkit";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountTokens, mailOutbox } from "../db/schema.ts";
import { hashAccountToken } from "../domain/account-token.ts";
import {
  type AccountsHarness,
  APP_URL,
  startAccountsHarness,
} from "../testing/accounts-harness.ts";
import type { Account } from "../testing/users-harness.ts";

let harness: AccountsHarness;

beforeAll(async () => {
  harness = await startAccountsHarness({ ACCOUNT_MAILS_PER_ADDRESS: "3" });
});

afterAll(() => harness?.dispose());

const SUBJECT = /confirm your email/i;

async function requestVerification(account: Account): Promise<boolean> {
  const { requestEmailVerification } = await account.client.request<{
    requestEmailVerification: boolean;
  }>("mutation { requestEmailVerification }");
  return requestEmailVerification;
}

const verify = (token: string) =>
  harness
    .client()
    .request<{ verifyEmail: { id: string; emailVerified: boolean } }>(
      "mutation ($token: String!) { verifyEmail(token: $token) { id emailVerified } }",
      { token },
    );

async function verificationToken(account: Account): Promise<string> {
  const before = harness.mailsTo(account.email).length;
  expect(await requestVerification(account)).toBe(true);
  const mail = await waitFor(() => harness.mailsTo(account.email)[before], {
    what: `mail ${before + 1} to ${account.email}`,
  });
  expect(mail.subject).toMatch(SUBJECT);
  return harness.tokenIn(mail, "verify-email");
}

const emailVerified = async (account: Account) => {
  const { me } = await account.client.request<{ me: { emailVerified: boolean } }>(
    "{ me { emailVerified } }",
  );
  return me.emailVerified;
};

describe("email verification", () => {
  it("mails a single-use link that marks the email verified", async () => {
    const ada = await harness.register("Ada");
    expect(await emailVerified(ada)).toBe(false);
    const token = await verificationToken(ada);
    const mail = await harness.mailTo(ada.email, SUBJECT);
    expect(mail.text).toContain(`${APP_URL}/verify-email?token=${token}`);
    expect(mail.html).toContain(`${APP_URL}/verify-email?token=${token}`);

    const { verifyEmail } = await verify(token);
    expect(verifyEmail).toEqual({ id: ada.user.id, emailVerified: true });
    expect(await emailVerified(ada)).toBe(true);
  });

  it("is no sign-in: whoever opens the link sees no private field of the account", async () => {
    const ada = await harness.register("Ada");
    const token = await verificationToken(ada);
    const failure = await graphqlFailure(
      harness
        .client()
        .request("mutation ($token: String!) { verifyEmail(token: $token) { id email } }", {
          token,
        }),
    );
    expect(failure.code).toBe("UNAUTHENTICATED");
  });

  it("keeps only the token's SHA-256, valid for 24 hours, and clears the sent mail's body", async () => {
    const bo = await harness.register("Bo");
    const token = await verificationToken(bo);
    const rows = await harness.subgraph.deps.db
      .select()
      .from(accountTokens)
      .where(eq(accountTokens.userId, bo.user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ purpose: "VERIFY_EMAIL", tokenHash: hashAccountToken(token) });
    const lifetime = (rows[0]?.expiresAt.getTime() ?? 0) - (rows[0]?.createdAt.getTime() ?? 0);
    expect(Math.abs(lifetime - 24 * 3_600_000)).toBeLessThan(60_000);
    const outbox = await harness.subgraph.deps.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.to, bo.email));
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.sentAt).toBeInstanceOf(Date);
    expect(JSON.stringify([rows, outbox])).not.toContain(token);
  });

  it("answers false and mails nothing when the email is verified already", async () => {
    const cy = await harness.register("Cy");
    await verify(await verificationToken(cy));
    expect(await requestVerification(cy)).toBe(false);
    expect(await harness.stateOf(cy.user.id, cy.email)).toMatchObject({
      mails: [expect.anything()],
    });
  });

  it("honours only the newest link", async () => {
    const di = await harness.register("Di");
    const older = await verificationToken(di);
    const newer = await verificationToken(di);
    expect(older).not.toBe(newer);
    expect((await graphqlFailure(verify(older))).code).toBe("BAD_USER_INPUT");
    expect((await verify(newer)).verifyEmail.emailVerified).toBe(true);
  });

  it.each([
    { what: "a used token", spoil: async (token: string) => void (await verify(token)) },
    {
      what: "an expired token",
      spoil: async (token: string) => {
        await harness.subgraph.deps.db
          .update(accountTokens)
          .set({ expiresAt: new Date(Date.now() - 1_000) })
          .where(eq(accountTokens.tokenHash, hashAccountToken(token)));
      },
    },
    { what: "a garbage token", spoil: async () => {}, token: "not-a-token" },
    { what: "an empty token", spoil: async () => {}, token: "" },
    { what: "a token longer than any Kai makes", spoil: async () => {}, token: "x".repeat(600) },
  ])("refuses $what with BAD_USER_INPUT on `token`, writing nothing", async ({ spoil, token }) => {
    const eve = await harness.register("Eve");
    const issued = await verificationToken(eve);
    await spoil(issued);
    const before = await harness.stateOf(eve.user.id, eve.email);
    const failure = await graphqlFailure(verify(token ?? issued));
    expect(failure).toMatchObject({ code: "BAD_USER_INPUT", extensions: { field: "token" } });
    expect(failure.message).toMatch(/invalid, used or expired|token/);
    expect(await harness.stateOf(eve.user.id, eve.email)).toEqual(before);
  });

  it("does not take a password-reset token", async () => {
    const fay = await harness.register("Fay");
    const resetToken = await harness.resetTokenFor(fay.email);
    expect((await graphqlFailure(verify(resetToken))).code).toBe("BAD_USER_INPUT");
    expect(await emailVerified(fay)).toBe(false);
  });

  it("needs a signed-in user to ask for a link", async () => {
    const failure = await graphqlFailure(
      harness.client().request("mutation { requestEmailVerification }"),
    );
    expect(failure.code).toBe("UNAUTHENTICATED");
  });

  it("is RATE_LIMITED after ACCOUNT_MAILS_PER_ADDRESS mails to one address", async () => {
    const gus = await harness.register("Gus");
    for (let i = 0; i < 3; i++) expect(await requestVerification(gus)).toBe(true);
    const before = await harness.stateOf(gus.user.id, gus.email);
    expect((await graphqlFailure(requestVerification(gus))).code).toBe("RATE_LIMITED");
    expect(await harness.stateOf(gus.user.id, gus.email)).toEqual(before);
  });
});
