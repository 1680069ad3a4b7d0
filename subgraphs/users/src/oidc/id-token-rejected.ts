import { errors } from "jose";

/** Why an ID token was refused; the client learns which, never how our checks work inside. */
export type IdTokenProblem =
  | "MALFORMED"
  | "ALGORITHM"
  | "SIGNATURE"
  | "ISSUER"
  | "AUDIENCE"
  | "EXPIRED"
  | "NOT_YET_VALID"
  | "NONCE";

const MESSAGES: Record<IdTokenProblem, string> = {
  MALFORMED: "The ID token is not a well-formed OpenID Connect ID token",
  ALGORITHM: "The ID token is signed with an algorithm Kai does not accept (RS256, ES256, EdDSA)",
  SIGNATURE: "The ID token's signature does not match the provider's published keys",
  ISSUER: "The ID token was issued by another issuer than the provider's",
  AUDIENCE: "The ID token was issued for another client, not for Kai",
  EXPIRED: "The ID token has expired; sign in with the provider again",
  NOT_YET_VALID: "The ID token is not valid yet; check the device's clock",
  NONCE: "The ID token's nonce does not match the nonce of this sign-in",
};

/** A token that fails verification: the caller's fault, answered with UNAUTHENTICATED. */
export class IdTokenRejected extends Error {
  override name = "IdTokenRejected";
  constructor(
    readonly problem: IdTokenProblem,
    options?: ErrorOptions,
  ) {
    super(MESSAGES[problem], options);
  }
}

/**
 * The problem a jose verification error reports about the token itself, or undefined when
 * the error is not the token's fault (the provider's keys could not be fetched or read).
 * jose checks the signature before any claim, so a claim problem comes from a genuine token.
 */
export function problemOf(error: unknown): IdTokenProblem | undefined {
  if (error instanceof errors.JWTExpired) return "EXPIRED";
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "iss") return "ISSUER";
    if (error.claim === "aud") return "AUDIENCE";
    if (error.claim === "nbf") return "NOT_YET_VALID";
    return "MALFORMED";
  }
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    // No published key has the token's kid, even after refetching: not the provider's key.
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys
  ) {
    return "SIGNATURE";
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return "ALGORITHM";
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return "MALFORMED";
  return undefined;
}
