import { createRemoteJWKSet, type JWTPayload, jwtVerify } from "jose";
import { z } from "zod";
import { discoverJwksUrl, ProviderUnavailable } from "./discovery.ts";
import { IdTokenRejected, problemOf } from "./id-token-rejected.ts";
import type { OidcProviders } from "./providers.ts";

/**
 * Asymmetric only: with a symmetric algorithm (HS256) the "key" would be a secret shared with
 * the provider, and a token forged with the public client id as its secret must never pass.
 */
export const ID_TOKEN_ALGORITHMS = ["RS256", "ES256", "EdDSA"];

/** What a verified ID token says about the person who signed in. */
export interface VerifiedIdentity {
  /** The provider's `sub`: stable for this person at this provider. */
  subject: string;
  /** As the provider wrote it, not normalised. */
  email: string | undefined;
  /** True only when the provider says it verified that the person controls `email`. */
  emailVerified: boolean;
  name: string | undefined;
}

export interface IdTokenVerifierOptions {
  /** Seconds of clock skew accepted on `exp`, `nbf` and `iat`. Default 30: phones drift. */
  clockToleranceSeconds?: number;
  /**
   * Seconds after a JWKS fetch before a token with an unknown `kid` may trigger another one.
   * Default 30 (jose's): a flood of made-up kids costs the provider one request per window,
   * while a real key rotation is picked up within it.
   */
  jwksCooldownSeconds?: number;
  /** Milliseconds a discovery or JWKS request may take. Default 5000. */
  timeoutMs?: number;
}

export interface IdTokenVerifier {
  /** The configured provider names. */
  readonly providers: readonly string[];
  /**
   * Verifies an ID token of the named provider: signature against its JWKS, issuer,
   * audience (the client id), expiry, and the nonce when one is given. Throws
   * IdTokenRejected for a bad token and ProviderUnavailable when the keys cannot be had.
   */
  verify(provider: string, idToken: string, nonce?: string): Promise<VerifiedIdentity>;
}

/**
 * `email_verified` is a boolean in the spec; some providers (Apple, for years) send the
 * strings "true" and "false". Anything else counts as not verified.
 */
const verifiedFlag = z
  .unknown()
  .transform((value) => value === true || value === "true")
  .optional();

const identityClaims = z.object({
  sub: z.string().min(1).max(255),
  email: z.string().max(254).optional().catch(undefined),
  email_verified: verifiedFlag,
  name: z.string().optional().catch(undefined),
});

/**
 * One verifier per process. Each provider's JWKS location is discovered on first use and its
 * keys cached by jose's remote key set, which refetches when a token names a `kid` it has not
 * seen (the provider rotated its keys). A failed discovery is forgotten, so the next sign-in
 * tries again instead of the process needing a restart.
 */
export function createIdTokenVerifier(
  providers: OidcProviders,
  options: IdTokenVerifierOptions = {},
): IdTokenVerifier {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const keySets = new Map<string, Promise<ReturnType<typeof createRemoteJWKSet>>>();

  const keysOf = (name: string) => {
    const known = keySets.get(name);
    if (known) return known;
    const provider = providers[name];
    if (!provider) throw new RangeError(`unknown identity provider ${name}`);
    const keys = (
      provider.jwksUrl
        ? Promise.resolve(new URL(provider.jwksUrl))
        : discoverJwksUrl(provider.issuer, timeoutMs)
    ).then((url) =>
      createRemoteJWKSet(url, {
        timeoutDuration: timeoutMs,
        cooldownDuration: (options.jwksCooldownSeconds ?? 30) * 1_000,
      }),
    );
    keys.catch(() => keySets.delete(name));
    keySets.set(name, keys);
    return keys;
  };

  return {
    providers: Object.keys(providers),
    async verify(name, idToken, nonce) {
      const provider = providers[name];
      if (!provider) throw new RangeError(`unknown identity provider ${name}`);
      const keys = await keysOf(name);
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(idToken, keys, {
          algorithms: ID_TOKEN_ALGORITHMS,
          issuer: provider.issuer,
          audience: provider.clientId,
          clockTolerance: options.clockToleranceSeconds ?? 30,
          requiredClaims: ["sub", "exp", "iat"],
        }));
      } catch (error) {
        const problem = problemOf(error);
        if (problem) throw new IdTokenRejected(problem, { cause: error });
        throw new ProviderUnavailable(`the keys of ${name} could not be fetched`, { cause: error });
      }
      // OpenID Connect Core §3.1.3.7: a token for several audiences names the one it was
      // issued to in `azp`; it must be us.
      if (payload.azp !== undefined && payload.azp !== provider.clientId) {
        throw new IdTokenRejected("AUDIENCE");
      }
      if (nonce !== undefined && payload.nonce !== nonce) throw new IdTokenRejected("NONCE");
      const claims = identityClaims.safeParse(payload);
      if (!claims.success) throw new IdTokenRejected("MALFORMED", { cause: claims.error });
      return {
        subject: claims.data.sub,
        email: claims.data.email,
        emailVerified: claims.data.email_verified ?? false,
        name: claims.data.name,
      };
    },
  };
}
