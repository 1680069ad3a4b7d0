import type { DbOrTx } from "@kai/db";
import { insertRefreshToken } from "../db/refresh-tokens.repo.ts";
import type { UserRow } from "../db/schema.ts";
import { insertSession } from "../db/sessions.repo.ts";
import { activeSigningKey } from "../db/signing-keys.repo.ts";
import type { UsersSchema } from "../db/tables.ts";
import { hashRefreshToken, newRefreshToken } from "../domain/refresh-token.ts";
import { signAccessToken } from "../domain/signing-keys.ts";
import type { UsersEnv } from "../env.ts";
import { type SignedInUser, signedIn } from "./signed-in.ts";

export interface IssuedSession {
  user: SignedInUser;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/**
 * Issues an access token and a refresh token. A rotation passes the session (refresh-token
 * family) it continues; otherwise a new session starts.
 */
export async function startSession(
  db: DbOrTx<UsersSchema>,
  env: UsersEnv,
  user: UserRow,
  existingSessionId?: string,
): Promise<IssuedSession> {
  const familyId =
    existingSessionId ?? (await insertSession(db, { userId: user.id, userAgent: null }));
  const refreshToken = newRefreshToken();
  await insertRefreshToken(db, {
    tokenHash: hashRefreshToken(refreshToken),
    familyId,
    userId: user.id,
    expiresAt: new Date(Date.now() + env.REFRESH_TOKEN_TTL_DAYS * 86_400_000),
  });
  const accessToken = await signAccessToken(await activeSigningKey(db), {
    userId: user.id,
    role: user.role,
    ttlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    sessionId: familyId,
  });
  return {
    user: signedIn(user),
    accessToken,
    refreshToken,
    expiresIn: env.ACCESS_TOKEN_TTL_SECONDS,
  };
}
