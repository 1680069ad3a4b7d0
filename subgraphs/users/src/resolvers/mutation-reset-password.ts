import { badUserInput } from "@kai/errors";
import { parseInput } from "@kai/service";
import { z } from "zod";
import { afterPasswordChange } from "../accounts/password-changed.ts";
import { discardAccountTokens, spendAccountToken } from "../db/account-tokens.repo.ts";
import { updateCredentials } from "../db/users.repo.ts";
import { hashAccountToken } from "../domain/account-token.ts";
import { hashPassword } from "../domain/password.ts";
import { newPassword } from "../domain/password-policy.ts";
import type { MutationResolvers } from "../generated/graphql.ts";
import { startSession } from "../sessions/start-session.ts";
import { accountToken, INVALID_LINK } from "./account-inputs.ts";

const resetPasswordInput = z.object({ token: accountToken, newPassword });

/**
 * Whoever holds the link owns the mailbox: they get a new password, and everyone else is out —
 * refresh tokens ended, access tokens revoked. The revocation comes last before the new
 * session: NATS refusing it rolls the reset back rather than leave old tokens working.
 */
export const resetPassword: MutationResolvers["resetPassword"] = async (_, args, ctx) => {
  const input = parseInput(resetPasswordInput, args.input);
  const payload = await ctx.db.transaction(async (tx) => {
    const userId = await spendAccountToken(tx, "RESET_PASSWORD", hashAccountToken(input.token));
    if (!userId) throw badUserInput(INVALID_LINK, "token");
    // Hashed only for a good token, so garbage tokens cost no argon2 work.
    const passwordHash = await hashPassword(input.newPassword);
    const user = await updateCredentials(tx, userId, { passwordHash, emailVerified: true });
    if (!user) throw badUserInput(INVALID_LINK, "token");
    await discardAccountTokens(tx, user.id, "RESET_PASSWORD");
    await afterPasswordChange(tx, ctx.env, user, undefined);
    // Access tokens from before stop working everywhere at once; the one signed next is newer.
    await ctx.revocations.revoke(user.id);
    return startSession(tx, ctx.env, user, { userAgent: ctx.userAgent });
  });
  ctx.accountMail.kick();
  ctx.log.info({ userId: payload.user.id }, "password reset; every other session ended");
  return payload;
};
