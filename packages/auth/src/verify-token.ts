import { refusing, unauthenticated } from "@kai/errors";
import { createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from "jose";
import { REVOCATION_RETENTION_MS, type Revocations } from "./revocations/revocation-list.ts";
import { type VerifiedClaims, VerifiedTokens } from "./verified-tokens.ts";
import { type Role, TOKEN_AUDIENCE, TOKEN_ISSUER, type Viewer } from "./viewer.ts";

const ROLES: readonly Role[] = ["USER", "ANALYST", "ADMIN"];
const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);

// A bad token refuses the whole request, before anything runs: HTTP 401, not a 500.
const invalid = (message: string) => refusing(unauthenticated(message), 401);

/** Where the verifier finds the public key a token names: a JWKS, or users' own key store. */
export type VerificationKeys = JWTVerifyGetKey;

export interface TokenVerifier {
  /** The viewer of a valid access token; a GraphQL UNAUTHENTICATED error otherwise. */
  verify(token: string): Promise<Viewer>;
}

/**
 * Verifies access tokens against the users subgraph's JWKS, and refuses those `revocations`
 * voided (a deleted account's) before they expire. jose caches the key set and refetches it
 * when a token names a key it has not seen, so key rotation needs no restart.
 */
export function createTokenVerifier(
  keys: URL | JWTVerifyGetKey,
  revocations: Revocations,
): TokenVerifier {
  const getKey = keys instanceof URL ? createRemoteJWKSet(keys, { cooldownDuration: 5_000 }) : keys;
  const verified = new VerifiedTokens();
  const claimsOf = async (token: string): Promise<VerifiedClaims> => {
    const known = verified.get(token);
    if (known) return known;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, getKey, {
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        algorithms: ["EdDSA"],
      }));
    } catch {
      throw invalid("Invalid or expired access token");
    }
    if (!payload.sub || !payload.exp || payload.iat === undefined) {
      throw invalid("Invalid access token");
    }
    const claims = {
      sub: payload.sub,
      iat: payload.iat,
      exp: payload.exp,
      role: payload.role,
      sid: payload.sid,
    };
    verified.remember(token, claims);
    return claims;
  };
  return {
    async verify(token) {
      const payload = await claimsOf(token);
      // Revocations are remembered this long: a token living longer could outlive its own.
      if ((payload.exp - payload.iat) * 1000 > REVOCATION_RETENTION_MS) {
        throw invalid("Access token lives too long");
      }
      if (revocations.isRevoked(payload.sub, new Date(payload.iat * 1000))) {
        throw invalid("Access token revoked; sign in again");
      }
      return {
        id: payload.sub,
        role: isRole(payload.role) ? payload.role : "USER",
        expiresAt: new Date(payload.exp * 1000),
        ...(typeof payload.sid === "string" ? { sessionId: payload.sid } : {}),
      };
    },
  };
}
