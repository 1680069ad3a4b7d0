import type { DbOrTx } from "@kai/db";
import { insertRefreshToken } from "../db/refresh-tokens.repo.ts";
import type { UserRow } from "../db/schema.ts";
import { insertSession, touchSession } from "../db/sessions.repo.ts";
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

/** Where a sign-in comes from, so the user's list of sessions can tell them apart. */
export interface SessionOrigin {
  /** The session (refresh-token family) a refresh continues; without it a new one starts. */
  sessionId?: string;
  /** The client's User-Agent header, if it sent one. */
  userAgent?: string | undefined;
}

/**
 * Issues an access token and a refresh token, in a new session or (a refresh) in the one it
 * continues, which is marked used now.
 */
export async function startSession(
  db: DbOrTx<UsersSchema>,
  env: UsersEnv,
  user: UserRow,
  origin: SessionOrigin = {},
): Promise<IssuedSession> {
  const userAgent = origin.userAgent ?? null;
  const familyId = origin.sessionId ?? (await insertSession(db, { userId: user.id, userAgent }));
  if (origin.sessionId) await touchSession(db, origin.sessionId, userAgent);
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
