import { randomUUID } from "node:crypto";
import { createTokenVerifier, RevocationList, TOKEN_AUDIENCE, TOKEN_ISSUER } from "@kai/auth";
import { errorCode } from "@kai/runtime/testing";
import { createRemoteJWKSet, decodeProtectedHeader, type JWK, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSigningKey, signAccessToken } from "./domain/signing-keys.ts";
import { type Account, startUsersHarness, type UsersHarness } from "./testing/users-harness.ts";

let harness: UsersHarness;
let ada: Account;
let jwksUrl: URL;

beforeAll(async () => {
  harness = await startUsersHarness();
  ada = await harness.register("Ada");
  jwksUrl = new URL("/.well-known/jwks.json", harness.subgraph.url);
});

afterAll(() => harness?.dispose());

async function servedKeys(): Promise<JWK[]> {
  const response = await fetch(jwksUrl);
  expect(response.status).toBe(200);
  return ((await response.json()) as { keys: JWK[] }).keys;
}

/** What every other subgraph and the gateway do with a bearer token: check it against the JWKS. */
const verifyAgainstJwks = (token: string) =>
  jwtVerify(token, createRemoteJWKSet(jwksUrl), {
    issuer: TOKEN_ISSUER,
    audience: TOKEN_AUDIENCE,
    algorithms: ["EdDSA"],
  });

describe("the JWKS users serves", () => {
  it("lists public Ed25519 keys for EdDSA, without their private part", async () => {
    const keys = await servedKeys();
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig" });
      expect(key.kid).toEqual(expect.any(String));
      expect(key).not.toHaveProperty("d");
    }
  });

  it("verifies the access token register issued, signed with EdDSA under a served kid", async () => {
    const kids = (await servedKeys()).map((key) => key.kid);
    const header = decodeProtectedHeader(ada.accessToken);
    expect(header.alg).toBe("EdDSA");
    expect(kids).toContain(header.kid);
    const { payload } = await verifyAgainstJwks(ada.accessToken);
    expect(payload).toMatchObject({ sub: ada.user.id, role: "USER" });
    const viewer = await createTokenVerifier(jwksUrl, new RevocationList()).verify(ada.accessToken);
    expect(viewer).toMatchObject({ id: ada.user.id, role: "USER" });
  });

  it.each([
    {
      forged: "under the served kid",
      sameKid: true,
      code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
    },
    { forged: "under a kid of its own", sameKid: false, code: "ERR_JWKS_NO_MATCHING_KEY" },
  ])("refuses a token signed by another key $forged", async ({ sameKid, code }) => {
    const [served] = await servedKeys();
    const other = await generateSigningKey();
    const key = sameKid ? { ...other, kid: served?.kid ?? "" } : other;
    const forged = await signAccessToken(key, {
      userId: ada.user.id,
      role: "ADMIN",
      ttlSeconds: 900,
      sessionId: randomUUID(),
    });

    await expect(verifyAgainstJwks(forged)).rejects.toMatchObject({ code });
    await expect(createTokenVerifier(jwksUrl, new RevocationList()).verify(forged)).rejects.toThrow(
      "Invalid or expired access token",
    );
    // Users verifies its own callers with the same keys.
    expect(await errorCode(harness.client(forged).request("{ me { id } }"))).toBe(
      "UNAUTHENTICATED",
    );
  });
});
