import { randomUUID } from "node:crypto";
import { graphqlFailure } from "@kai/runtime/testing";
import { freePort, startTestIdentityProvider, type TestIdentityProvider } from "@kai/testkit";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, outbox, refreshTokens, sessions, users } from "../db/schema.ts";
import type { AuthPayload } from "../testing/users-harness.ts";
import { startUsersHarness, type UsersHarness } from "../testing/users-harness.ts";

let idp: TestIdentityProvider;
let harness: UsersHarness;

beforeAll(async () => {
  idp = await startTestIdentityProvider();
  // "down" names a provider where nothing listens, as when a provider has an outage.
  const down = { issuer: `http://127.0.0.1:${await freePort()}`, clientId: idp.clientId };
  harness = await startUsersHarness({
    OIDC_PROVIDERS: JSON.stringify({
      test: { issuer: idp.issuer, clientId: idp.clientId },
      down,
    }),
    // A rotated key is fetched at the first token that names it, not 30 s later.
    OIDC_JWKS_COOLDOWN_SECONDS: "0",
  });
});

afterAll(async () => {
  await harness?.dispose();
  await idp?.dispose();
});

const LOGIN_WITH_ID_TOKEN = `mutation ($input: LoginWithIdTokenInput!) {
  loginWithIdToken(input: $input) {
    accessToken refreshToken expiresIn user { id email name emailVerified }
  }
}`;

type IdTokenPayload = AuthPayload & {
  user: AuthPayload["user"] & { emailVerified: boolean };
};

async function loginWithIdToken(
  idToken: string,
  options: { provider?: string; nonce?: string } = {},
): Promise<IdTokenPayload> {
  const { loginWithIdToken } = await harness
    .client()
    .request<{ loginWithIdToken: IdTokenPayload }>(LOGIN_WITH_ID_TOKEN, {
      input: { provider: options.provider ?? "test", idToken, nonce: options.nonce },
    });
  return loginWithIdToken;
}

/** A person at the provider no test has seen before. */
function person(claims: Record<string, unknown> = {}) {
  const id = randomUUID();
  return { sub: `sub-${id}`, email: `pat-${id}@example.com`, email_verified: true, ...claims };
}

/** Rows of every table a sign-in writes to, to show a refusal wrote none. */
async function rowCounts() {
  const db = harness.subgraph.deps.db;
  const tables = { users, identities, sessions, refreshTokens, outbox };
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) {
    const [row] = await db.select({ n: count() }).from(table);
    counts[name] = row?.n ?? -1;
  }
  return counts;
}

async function userRow(id: string) {
  const [row] = await harness.subgraph.deps.db.select().from(users).where(eq(users.id, id));
  return row;
}

const identitiesOf = (userId: string) =>
  harness.subgraph.deps.db.select().from(identities).where(eq(identities.userId, userId));

describe("loginWithIdToken", () => {
  it("makes a new account for a new person, signed in: me answers with its access token", async () => {
    const pat = person({ name: "Pat Doe", email: `Pat.Doe-${randomUUID()}@Example.com` });
    const signedIn = await loginWithIdToken(await idp.idToken(pat));

    expect(signedIn.user).toMatchObject({
      email: pat.email.toLowerCase(),
      name: "Pat Doe",
      emailVerified: true,
    });
    const { me } = await harness
      .client(signedIn.accessToken)
      .request<{ me: { id: string } }>("{ me { id } }");
    expect(me.id).toBe(signedIn.user.id);

    const row = await userRow(signedIn.user.id);
    expect(row).toMatchObject({ passwordHash: null, emailVerified: true, role: "USER" });
    expect(await identitiesOf(signedIn.user.id)).toMatchObject([
      { provider: "test", subject: pat.sub, email: pat.email.toLowerCase() },
    ]);
    // Like register: the other subgraphs learn of the account from the same event.
    const events = await harness.subgraph.deps.db
      .select()
      .from(outbox)
      .where(eq(outbox.subject, `users.user_created.${signedIn.user.id}`));
    expect(events.map((event) => event.payload)).toMatchObject([
      {
        type: "users.user_created",
        userId: signedIn.user.id,
        data: { email: pat.email.toLowerCase(), name: "Pat Doe", timezone: "UTC", role: "USER" },
      },
    ]);
  });

  it("names an account without a name claim after the email, unverified when the provider says so", async () => {
    const pat = person({ email_verified: false });
    const signedIn = await loginWithIdToken(await idp.idToken(pat));
    expect(signedIn.user.name).toBe(pat.email.split("@")[0]);
    expect(signedIn.user.emailVerified).toBe(false);
  });

  it("signs the same person (same sub) into the same account again, even with a new email", async () => {
    const pat = person();
    const first = await loginWithIdToken(await idp.idToken(pat));
    const before = await rowCounts();
    const again = await loginWithIdToken(
      await idp.idToken({ ...pat, email: `new-${randomUUID()}@example.com` }),
    );
    expect(again.user.id).toBe(first.user.id);
    const after = await rowCounts();
    expect(after.users).toBe(before.users);
    expect(after.identities).toBe(before.identities);
    expect(after.outbox).toBe(before.outbox);
  });

  it("makes one account when the same person's first sign-ins race", async () => {
    const token = await idp.idToken(person());
    const signIns = await Promise.all([1, 2, 3].map(() => loginWithIdToken(token)));
    expect(new Set(signIns.map((signIn) => signIn.user.id)).size).toBe(1);
    expect(await identitiesOf(signIns[0]?.user.id ?? "")).toHaveLength(1);
  });

  it("links an existing password account by a verified email; both ways then sign in", async () => {
    const ada = await harness.register("Ada");
    expect((await userRow(ada.user.id))?.emailVerified).toBe(false);
    const token = await idp.idToken(person({ email: ada.email.toUpperCase() }));
    const linked = await loginWithIdToken(token);
    expect(linked.user).toMatchObject({ id: ada.user.id, emailVerified: true });
    expect((await userRow(ada.user.id))?.emailVerified).toBe(true);
    expect(await identitiesOf(ada.user.id)).toHaveLength(1);
    expect((await loginWithIdToken(token)).user.id).toBe(ada.user.id);
    expect((await harness.login(ada.email, ada.password)).user.id).toBe(ada.user.id);
  });

  it("refuses an unverified email of an existing account: no takeover, nothing written", async () => {
    const ada = await harness.register("Ada");
    const before = await rowCounts();
    const refusal = await graphqlFailure(
      loginWithIdToken(await idp.idToken(person({ email: ada.email, email_verified: false }))),
    );
    expect(refusal).toMatchObject({
      code: "FORBIDDEN",
      extensions: { reason: "EMAIL_NOT_VERIFIED" },
    });
    expect(refusal.message).toMatch(/not verified/);
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses a token without an email, which a new account needs", async () => {
    const before = await rowCounts();
    const refusal = await graphqlFailure(
      loginWithIdToken(await idp.idToken({ sub: randomUUID() })),
    );
    expect(refusal).toMatchObject({ code: "BAD_USER_INPUT", extensions: { field: "idToken" } });
    expect(await rowCounts()).toEqual(before);
  });

  const refusals: [string, () => Promise<IdTokenPayload>, string, RegExp][] = [
    [
      "a token for another client (audience)",
      async () => loginWithIdToken(await idp.idToken(person({ aud: "someone-elses-app" }))),
      "AUDIENCE",
      /another client/,
    ],
    [
      "a token from another issuer",
      async () => loginWithIdToken(await idp.idToken(person({ iss: "https://evil.example.com" }))),
      "ISSUER",
      /another issuer/,
    ],
    [
      "an expired token",
      async () => loginWithIdToken(await idp.idToken(person(), { expiresIn: -300 })),
      "EXPIRED",
      /expired/,
    ],
    [
      "a token forged with a key the provider never published",
      async () => loginWithIdToken(await idp.idToken(person(), { signer: "attacker" })),
      "SIGNATURE",
      /signature/,
    ],
    [
      "a token whose nonce is not the sign-in's",
      async () => loginWithIdToken(await idp.idToken(person({ nonce: "n-1" })), { nonce: "n-2" }),
      "NONCE",
      /nonce/,
    ],
  ];
  it.each(refusals)(
    "refuses %s with UNAUTHENTICATED, saying which, writing nothing",
    async (_, attempt, reason, message) => {
      const before = await rowCounts();
      const refusal = await graphqlFailure(attempt());
      expect(refusal).toMatchObject({ code: "UNAUTHENTICATED", extensions: { reason } });
      expect(refusal.message).toMatch(message);
      expect(await rowCounts()).toEqual(before);
    },
  );

  it("accepts the token when its nonce is the one the client passes", async () => {
    const signedIn = await loginWithIdToken(await idp.idToken(person({ nonce: "n-3" })), {
      nonce: "n-3",
    });
    expect(signedIn.accessToken).toBeTruthy();
  });

  it("refuses an unknown provider with BAD_USER_INPUT on provider, writing nothing", async () => {
    const before = await rowCounts();
    const refusal = await graphqlFailure(
      loginWithIdToken(await idp.idToken(person()), { provider: "myspace" }),
    );
    expect(refusal).toMatchObject({ code: "BAD_USER_INPUT", extensions: { field: "provider" } });
    expect(refusal.message).toMatch(/Unknown identity provider "myspace": use one of test, down/);
    expect(await rowCounts()).toEqual(before);
  });

  it("answers SERVICE_UNAVAILABLE when the provider's keys cannot be fetched, writing nothing", async () => {
    const before = await rowCounts();
    const refusal = await graphqlFailure(
      loginWithIdToken(await idp.idToken(person()), { provider: "down" }),
    );
    expect(refusal.code).toBe("SERVICE_UNAVAILABLE");
    expect(refusal.message).toMatch(/identity provider down could not be reached/);
    expect(await rowCounts()).toEqual(before);
  });

  it("picks up a key the provider rotated to, without a restart", async () => {
    const pat = person();
    const first = await loginWithIdToken(await idp.idToken(pat));
    const fetched = idp.requests.jwks;
    await idp.rotateKey();
    const after = await loginWithIdToken(await idp.idToken(pat));
    expect(after.user.id).toBe(first.user.id);
    expect(idp.requests.jwks).toBe(fetched + 1);
  });

  it("leaves password sign-in refusing an account that has no password, saying so", async () => {
    const pat = person();
    await loginWithIdToken(await idp.idToken(pat));
    const refusal = await graphqlFailure(harness.login(pat.email, "any password at all"));
    expect(refusal.code).toBe("UNAUTHENTICATED");
    expect(refusal.message).toMatch(/no password.*identity provider/);
  });
});
