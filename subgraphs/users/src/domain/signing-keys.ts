import { randomUUID } from "node:crypto";
import { type Role, TOKEN_AUDIENCE, TOKEN_ISSUER } from "@kai/auth";
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from "jose";

export const ALGORITHM = "EdDSA";

export interface KeyPairJwk {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

export async function generateSigningKey(): Promise<KeyPairJwk> {
  const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, {
    crv: "Ed25519",
    extractable: true,
  });
  const kid = randomUUID();
  const meta = { kid, alg: ALGORITHM, use: "sig" };
  return {
    kid,
    privateJwk: { ...(await exportJWK(privateKey)), ...meta },
    publicJwk: { ...(await exportJWK(publicKey)), ...meta },
  };
}

export interface AccessTokenClaims {
  userId: string;
  role: Role;
  ttlSeconds: number;
  /** The session the token belongs to (`sid`), so the user's session list can mark it current. */
  sessionId: string;
}

export async function signAccessToken(key: KeyPairJwk, claims: AccessTokenClaims): Promise<string> {
  const privateKey = await importJWK(key.privateJwk, ALGORITHM);
  return (
    new SignJWT({ role: claims.role, sid: claims.sessionId })
      .setProtectedHeader({ alg: ALGORITHM, kid: key.kid })
      .setSubject(claims.userId)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      // In milliseconds, not whole seconds (NumericDate may be fractional): a revocation voids
      // tokens issued before an instant, and a sign-in in the same second after it must survive.
      .setIssuedAt(Date.now() / 1000)
      .setExpirationTime(`${claims.ttlSeconds}s`)
      .sign(privateKey)
  );
}
