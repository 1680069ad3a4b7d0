export { bearerToken } from "./bearer-token.ts";
export { PUBLIC_ROOT_FIELDS } from "./public-fields.ts";
export {
  type AccessTokenRevocations,
  type OpenRevocationsOptions,
  openRevocations,
  REVOCATIONS_BUCKET,
} from "./revocations/nats-revocations.ts";
export {
  REVOCATION_RETENTION_MS,
  RevocationList,
  type Revocations,
} from "./revocations/revocation-list.ts";
export {
  createTokenVerifier,
  type TokenVerifier,
  type VerificationKeys,
} from "./verify-token.ts";
export { type Role, TOKEN_AUDIENCE, TOKEN_ISSUER, type Viewer } from "./viewer.ts";
