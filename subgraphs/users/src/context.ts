import type { AccessTokenRevocations } from "@kai/auth";
import type { Db } from "@kai/db";
import type { AttemptLimiter } from "@kai/redis";
import type { BaseContext } from "@kai/service";
import type { AccountMail } from "./accounts/account-mail.ts";
import type { UsersSchema } from "./db/tables.ts";
import type { UsersEnv } from "./env.ts";
import type { createLoaders } from "./loaders.ts";
import type { IdTokenVerifier } from "./oidc/id-token-verifier.ts";

export interface UsersContext extends BaseContext {
  db: Db<UsersSchema>;
  loaders: ReturnType<typeof createLoaders>;
  env: UsersEnv;
  /** Counts failed sign-ins per email. */
  loginAttempts: AttemptLimiter;
  /** Verifies ID tokens of the OIDC_PROVIDERS; one per process, so provider keys stay cached. */
  identityProviders: IdTokenVerifier;
  /** Limits on mailed links, and the nudge that sends a committed mail at once. */
  accountMail: AccountMail;
  /** Voids a user's access tokens on every verifier at once (a deleted account's). */
  revocations: Pick<AccessTokenRevocations, "revoke">;
}
