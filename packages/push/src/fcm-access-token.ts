import { importPKCS8, SignJWT } from "jose";
import { z } from "zod";
import type { ServiceAccount } from "./env.ts";

/** The OAuth2 scope FCM HTTP v1 requires. */
export const FCM_SCOPE = "https://www.googleapis.com/auth/firebase.messaging";

/** An access token could not be had; `retryable` when the token endpoint may recover. */
export class AccessTokenError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "AccessTokenError";
  }
}

export interface AccessTokenSourceOptions {
  serviceAccount: ServiceAccount;
  /** Default FCM_SCOPE. */
  scope?: string;
  /** A cached token is replaced this long before it expires, so none expires mid-request. Default 5 min. */
  refreshMarginMs?: number;
  /** A token request slower than this fails (retryable). Default 10 s. */
  timeoutMs?: number;
  /** Default `() => new Date()`; tests move time. */
  now?: () => Date;
}

export interface AccessTokenSource {
  /** A valid bearer token, from the cache or freshly exchanged. */
  token(): Promise<string>;
  /** Forgets the cached token, e.g. after the API answered 401 to it. */
  invalidate(): void;
}

const tokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive(),
});

/**
 * Google's service-account flow (RFC 7523 JWT bearer grant): a JWT signed with the account's
 * key, POSTed to its `token_uri`, buys an access token for about an hour. The token is cached
 * and one exchange serves all concurrent callers.
 */
export function createAccessTokenSource(options: AccessTokenSourceOptions): AccessTokenSource {
  const { serviceAccount } = options;
  const scope = options.scope ?? FCM_SCOPE;
  const refreshMarginMs = options.refreshMarginMs ?? 5 * 60 * 1000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const now = options.now ?? (() => new Date());
  let cached: { token: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;

  const assertion = async () => {
    const key = await importPKCS8(serviceAccount.private_key, "RS256");
    const header = serviceAccount.private_key_id
      ? { alg: "RS256", typ: "JWT", kid: serviceAccount.private_key_id }
      : { alg: "RS256", typ: "JWT" };
    const iat = Math.floor(now().getTime() / 1000);
    return new SignJWT({ scope })
      .setProtectedHeader(header)
      .setIssuer(serviceAccount.client_email)
      .setAudience(serviceAccount.token_uri)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 3600)
      .sign(key);
  };

  const exchange = async (): Promise<string> => {
    const body = new URLSearchParams({
      grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      assertion: await assertion(),
    });
    let response: Response;
    try {
      response = await fetch(serviceAccount.token_uri, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new AccessTokenError(`token endpoint unreachable: ${String(error)}`, true);
    }
    const text = await response.text();
    if (!response.ok) {
      // A 4xx (invalid_grant: a revoked key, a wrong clock) needs a person, not a retry.
      throw new AccessTokenError(
        `token endpoint answered ${response.status}: ${text.slice(0, 300)}`,
        response.status === 429 || response.status >= 500,
      );
    }
    const parsed = tokenResponse.safeParse(JSON.parse(text));
    if (!parsed.success) throw new AccessTokenError("token endpoint sent no access_token", true);
    const { access_token, expires_in } = parsed.data;
    cached = {
      token: access_token,
      refreshAt: now().getTime() + expires_in * 1000 - refreshMarginMs,
    };
    return access_token;
  };

  return {
    token() {
      if (cached && now().getTime() < cached.refreshAt) return Promise.resolve(cached.token);
      pending ??= exchange().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
