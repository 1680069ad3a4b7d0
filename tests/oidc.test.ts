import { randomUUID } from "node:crypto";
import { graphqlFailure } from "@kai/runtime/testing";
import { startTestIdentityProvider, type TestIdentityProvider } from "@kai/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Stack, startStack } from "./support/stack.ts";

let idp: TestIdentityProvider;
let stack: Stack;

beforeAll(async () => {
  idp = await startTestIdentityProvider();
  stack = await startStack({
    env: {
      OIDC_PROVIDERS: JSON.stringify({ google: { issuer: idp.issuer, clientId: idp.clientId } }),
      // A rotated key is fetched at the first token that names it, not 30 s later.
      OIDC_JWKS_COOLDOWN_SECONDS: "0",
    },
  });
});

afterAll(async () => {
  await stack?.stop();
  await idp?.dispose();
});

interface SignedIn {
  accessToken: string;
  user: { id: string; email: string; name: string; emailVerified: boolean };
}

/** Signs in through the gateway, anonymously, as a client app would after the provider's sign-in. */
async function loginWithIdToken(
  idToken: string,
  options: { provider?: string; nonce?: string } = {},
): Promise<SignedIn> {
  const { loginWithIdToken } = await stack.client().request<{ loginWithIdToken: SignedIn }>(
    `mutation ($input: LoginWithIdTokenInput!) {
      loginWithIdToken(input: $input) { accessToken user { id email name emailVerified } }
    }`,
    { input: { provider: options.provider ?? "google", idToken, nonce: options.nonce } },
  );
  return loginWithIdToken;
}

function person(claims: Record<string, unknown> = {}) {
  const id = randomUUID();
  return { sub: `sub-${id}`, email: `pat-${id}@example.com`, email_verified: true, ...claims };
}

async function registerWithPassword(name: string) {
  const email = `${name.toLowerCase()}-${randomUUID()}@example.com`;
  const password = "correct horse battery";
  const { register } = await stack
    .client()
    .request<{ register: { user: { id: string } } }>(
      "mutation ($input: RegisterInput!) { register(input: $input) { user { id } } }",
      { input: { email, password, name } },
    );
  return { id: register.user.id, email, password };
}

const passwordLogin = (email: string, password: string) =>
  stack
    .client()
    .request<{ login: { user: { id: string } } }>(
      "mutation ($input: LoginInput!) { login(input: $input) { user { id } } }",
      { input: { email, password } },
    );

describe("sign-in with an identity provider, through the gateway", () => {
  it("makes and signs in a new account, whose access token works across the supergraph", async () => {
    const pat = person({ name: "Pat" });
    const signedIn = await loginWithIdToken(await idp.idToken(pat));
    expect(signedIn.user).toMatchObject({ email: pat.email, name: "Pat", emailVerified: true });

    const { me } = await stack
      .client(signedIn.accessToken)
      .request<{ me: { id: string; progress: { points: number } } }>(
        "{ me { id progress { points } } }",
      );
    expect(me).toEqual({ id: signedIn.user.id, progress: { points: 0 } });
  });

  it("signs the same person into the same account again", async () => {
    const pat = person();
    const first = await loginWithIdToken(await idp.idToken(pat));
    expect((await loginWithIdToken(await idp.idToken(pat))).user.id).toBe(first.user.id);
  });

  it("links a password account by the email the provider verified", async () => {
    const ada = await registerWithPassword("Ada");
    const signedIn = await loginWithIdToken(await idp.idToken(person({ email: ada.email })));
    expect(signedIn.user.id).toBe(ada.id);
    expect((await passwordLogin(ada.email, ada.password)).login.user.id).toBe(ada.id);
  });

  it("refuses an unverified email of an existing account, and links nothing", async () => {
    const bo = await registerWithPassword("Bo");
    const mallory = person({ email: bo.email, email_verified: false });
    const refusal = await graphqlFailure(loginWithIdToken(await idp.idToken(mallory)));
    expect(refusal).toMatchObject({
      code: "FORBIDDEN",
      extensions: { reason: "EMAIL_NOT_VERIFIED" },
    });

    // Had the refusal linked Mallory's sub to Bo, this would sign into Bo's account.
    const later = await loginWithIdToken(await idp.idToken({ ...mallory, email: person().email }));
    expect(later.user.id).not.toBe(bo.id);
  });

  it.each([
    ["another client's token", { aud: "another-app" }, {}, "AUDIENCE"],
    ["another issuer's token", { iss: "https://issuer.example.com" }, {}, "ISSUER"],
    ["an expired token", {}, { expiresIn: -300 }, "EXPIRED"],
    ["a forged token", {}, { signer: "attacker" as const }, "SIGNATURE"],
  ])("refuses %s with UNAUTHENTICATED (%s)", async (_, claims, options, reason) => {
    const refusal = await graphqlFailure(
      loginWithIdToken(await idp.idToken(person(claims), options)),
    );
    expect(refusal).toMatchObject({ code: "UNAUTHENTICATED", extensions: { reason } });
  });

  it("refuses a token whose nonce is not the sign-in's", async () => {
    const token = await idp.idToken(person({ nonce: "expected" }));
    const refusal = await graphqlFailure(loginWithIdToken(token, { nonce: "other" }));
    expect(refusal).toMatchObject({ code: "UNAUTHENTICATED", extensions: { reason: "NONCE" } });
  });

  it("refuses an unknown provider with BAD_USER_INPUT on provider", async () => {
    const refusal = await graphqlFailure(
      loginWithIdToken(await idp.idToken(person()), { provider: "apple" }),
    );
    expect(refusal).toMatchObject({ code: "BAD_USER_INPUT", extensions: { field: "provider" } });
  });

  it("keeps working when the provider rotates its key", async () => {
    const pat = person();
    const first = await loginWithIdToken(await idp.idToken(pat));
    await idp.rotateKey();
    expect((await loginWithIdToken(await idp.idToken(pat))).user.id).toBe(first.user.id);
  });

  it("refuses password sign-in to an account the provider made, saying why", async () => {
    const pat = person();
    await loginWithIdToken(await idp.idToken(pat));
    const refusal = await graphqlFailure(passwordLogin(pat.email, "a guess at a password"));
    expect(refusal.code).toBe("UNAUTHENTICATED");
    expect(refusal.message).toMatch(/no password/);
  });
});
