import { TOKEN_AUDIENCE, TOKEN_ISSUER } from "@kai/auth";
import { decodeProtectedHeader, importJWK, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { ALGORITHM, generateSigningKey, signAccessToken } from "./signing-keys.ts";

const claims = {
  userId: "0b7e6c1a-2f4d-4e8b-9a1c-3d5e7f9b1c2d",
  role: "USER",
  ttlSeconds: 900,
  sessionId: "5f0c2a4e-8d1b-4c3a-9e7f-1a2b3c4d5e6f",
} as const;

const verifyWith = async (publicJwk: object, token: string) =>
  jwtVerify(token, await importJWK(publicJwk, ALGORITHM), {
    issuer: TOKEN_ISSUER,
    audience: TOKEN_AUDIENCE,
    algorithms: [ALGORITHM],
  });

describe("generateSigningKey", () => {
  it("makes an Ed25519 pair for EdDSA whose public half carries no private part", async () => {
    const key = await generateSigningKey();
    const meta = { kid: key.kid, alg: "EdDSA", use: "sig", kty: "OKP", crv: "Ed25519" };
    expect(key.publicJwk).toMatchObject(meta);
    expect(key.publicJwk).not.toHaveProperty("d");
    expect(key.privateJwk).toMatchObject({ ...meta, x: key.publicJwk.x });
    expect(key.privateJwk.d).toEqual(expect.any(String));
  });

  it("names every key uniquely", async () => {
    const kids = await Promise.all([1, 2, 3].map(async () => (await generateSigningKey()).kid));
    expect(new Set(kids).size).toBe(3);
  });
});

describe("signAccessToken", () => {
  it("signs with EdDSA under the key's kid", async () => {
    const key = await generateSigningKey();
    const token = await signAccessToken(key, claims);
    expect(decodeProtectedHeader(token)).toEqual({ alg: "EdDSA", kid: key.kid });
  });

  it("carries the user, role, session, issuer, audience and a lifetime of ttlSeconds", async () => {
    const key = await generateSigningKey();
    const { payload } = await verifyWith(key.publicJwk, await signAccessToken(key, claims));
    expect(payload).toMatchObject({
      sub: claims.userId,
      role: "USER",
      sid: claims.sessionId,
      iss: TOKEN_ISSUER,
      aud: TOKEN_AUDIENCE,
    });
    // iat has milliseconds (revocations compare instants), exp whole seconds: within a second.
    const lifetime = (payload.exp ?? 0) - (payload.iat ?? 0);
    expect(lifetime).toBeGreaterThan(899);
    expect(lifetime).toBeLessThan(901);
  });

  it.each([
    {
      refused: "a token checked against another key",
      ttlSeconds: 900,
      checkedWith: "other",
      code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
    },
    {
      refused: "a token past its lifetime",
      ttlSeconds: 0,
      checkedWith: "own",
      code: "ERR_JWT_EXPIRED",
    },
  ])("makes $refused fail", async ({ ttlSeconds, checkedWith, code }) => {
    const [key, other] = await Promise.all([generateSigningKey(), generateSigningKey()]);
    const token = await signAccessToken(key, { ...claims, ttlSeconds });
    const publicJwk = checkedWith === "own" ? key.publicJwk : other.publicJwk;
    await expect(verifyWith(publicJwk, token)).rejects.toMatchObject({ code });
  });
});
