import { findRefreshTokenForUpdate, revokeFamily } from "../db/refresh-tokens.repo.ts";
import { hashRefreshToken } from "../domain/refresh-token.ts";
import type { MutationResolvers } from "../generated/graphql.ts";

export const logout: MutationResolvers["logout"] = (_, args, ctx) => {
  return ctx.db.transaction(async (tx) => {
    const stored = await findRefreshTokenForUpdate(tx, hashRefreshToken(args.refreshToken));
    if (!stored || stored.revokedAt) return false;
    await revokeFamily(tx, stored.familyId);
    return true;
  });
};
