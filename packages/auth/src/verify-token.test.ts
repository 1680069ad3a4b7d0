import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  type JWK,
  type JWTVerifyGetKey,
  SignJWT,
} from "jose";
import { describe, expect, it } from "vitest";
import { RevocationList } from "./revocations/revocation-list.ts";
import { createTokenVerifier } from "./verify-token.ts";
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from "./viewer.ts";

async function signer() {
  const { privateKey, publicKey } = await generateKeyPair("EdDSA", { crv: "Ed25519" });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: "k1", alg: "EdDSA" };
  const keySet = createLocalJWKSet({ keys: [jwk] });
  let keyLookups = 0;
  const getKey: JWTVerifyGetKey = (header, token) => {
    keyLookups++;
    return keySet(header, token);
  };
  const sign = (sub: string, expiresIn = "15m", iat = Math.floor(Date.now() / 1000)) =>
    new SignJWT({ role: "USER" })
      .setProtectedHeader({ alg: "EdDSA", kid: "k1" })
      .setSubject(sub)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(expiresIn)
      .sign(privateKey);
  return { getKey, sign, lookups: () => keyLookups };
}

describe("createTokenVerifier", () => {
  it("checks a token's signature once, and the same token again from memory", async () => {
    const { getKey, sign, lookups } = await signer();
    const verifier = createTokenVerifier(getKey, new RevocationList());
    const token = await sign("user-1");
    const first = await verifier.verify(token);
    const second = await verifier.verify(token);
    expect(second).toEqual(first);
    expect(first.id).toBe("user-1");
    expect(lookups()).toBe(1);
  });

  it("refuses a remembered token once its user's tokens are revoked", async () => {
    const { getKey, sign } = await signer();
    const revocations = new RevocationList();
    const verifier = createTokenVerifier(getKey, revocations);
    const token = await sign("user-2", "15m", Math.floor(Date.now() / 1000) - 10);
    await verifier.verify(token);
    revocations.revoke("user-2", new Date());
    await expect(verifier.verify(token)).rejects.toMatchObject({
      extensions: { code: "UNAUTHENTICATED" },
    });
  });

  it("does not remember a token whose signature fails", async () => {
    const { getKey, sign, lookups } = await signer();
    const verifier = createTokenVerifier(getKey, new RevocationList());
    const token = await sign("user-3");
    const forged = `${token.slice(0, -4)}AAAA`;
    await expect(verifier.verify(forged)).rejects.toMatchObject({
      extensions: { code: "UNAUTHENTICATED" },
    });
    await expect(verifier.verify(forged)).rejects.toMatchObject({
      extensions: { code: "UNAUTHENTICATED" },
    });
    expect(lookups()).toBe(2);
  });
});
