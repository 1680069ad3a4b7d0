/** What a verified access token says, kept so the same token is not verified again. */
export interface VerifiedClaims {
  sub: string;
  iat: number;
  exp: number;
  role: unknown;
  sid: unknown;
}

/**
 * The claims of tokens whose signature already checked out, by token. A page sends the same
 * token with every request, and the gateway and every subgraph of a plan verify it, so an
 * Ed25519 verification per request and process is mostly repeated work. An entry is kept at
 * most `maxAgeMs` (so a signing key withdrawn from the JWKS stops being honoured soon after)
 * and never past the token's expiry; revocations are still checked on every use by the caller.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { claims: VerifiedClaims; until: number }>();

  /**
   * @param capacity tokens remembered at once; the oldest is forgotten first. Default 10,000
   *   (about 5 MB of tokens and claims).
   * @param maxAgeMs how long one verification is trusted. Default 60 s.
   */
  constructor(
    private readonly capacity = 10_000,
    private readonly maxAgeMs = 60_000,
  ) {}

  get(token: string, now = Date.now()): VerifiedClaims | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.until > now) return entry.claims;
    this.entries.delete(token);
    return undefined;
  }

  remember(token: string, claims: VerifiedClaims, now = Date.now()): void {
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(token, { claims, until: Math.min(now + this.maxAgeMs, claims.exp * 1000) });
  }
}
