export { bearerToken } from "./bearer-token.ts";
export { PUBLIC_ROOT_FIELDS } from "./public-fields.ts";
export { createTokenVerifier, type TokenVerifier } from "./verify-token.ts";
export { type Role, TOKEN_AUDIENCE, TOKEN_ISSUER, type Viewer } from "./viewer.ts";
