import type { UsersContext } from "../context.ts";
import { findRefreshTokenForUpdate, revokeFamily } from "../db/refresh-tokens.repo.ts";
import { hashRefreshToken } from "../domain/refresh-token.ts";

export function logout(
  _: unknown,
  args: { refreshToken: string },
  ctx: UsersContext,
): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const stored = await findRefreshTokenForUpdate(tx, hashRefreshToken(args.refreshToken));
    if (!stored || stored.revokedAt) return false;
    await revokeFamily(tx, stored.familyId);
    return true;
  });
}
