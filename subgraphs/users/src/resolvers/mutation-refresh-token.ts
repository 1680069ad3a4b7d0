import { unauthenticated } from "@kai/errors";
import {
  findRefreshTokenForUpdate,
  markRefreshTokenUsed,
  revokeFamily,
} from "../db/refresh-tokens.repo.ts";
import { findUsersByIds } from "../db/users.repo.ts";
import { hashRefreshToken } from "../domain/refresh-token.ts";
import type { MutationResolvers } from "../generated/graphql.ts";
import { startSession } from "../sessions/start-session.ts";

const INVALID = "Invalid or expired refresh token";

export const refreshToken: MutationResolvers["refreshToken"] = async (_, args, ctx) => {
  const outcome = await ctx.db.transaction(async (tx) => {
    const stored = await findRefreshTokenForUpdate(tx, hashRefreshToken(args.token));
    if (!stored || stored.revokedAt || stored.expiresAt <= new Date()) return undefined;
    if (stored.usedAt) {
      // A spent token came back: someone holds a copy. End the whole sign-in.
      await revokeFamily(tx, stored.familyId);
      return "reused" as const;
    }
    await markRefreshTokenUsed(tx, stored.id);
    const [user] = await findUsersByIds(tx, [stored.userId]);
    return (
      user &&
      startSession(tx, ctx.env, user, {
        sessionId: stored.familyId,
        userAgent: ctx.userAgent,
      })
    );
  });
  if (outcome === "reused") ctx.log.warn("refresh token reused; sign-in revoked");
  if (!outcome || outcome === "reused") throw unauthenticated(INVALID);
  return outcome;
};
