import { badUserInput } from "@kai/errors";
import { parseInput } from "@kai/service";
import { z } from "zod";
import { spendAccountToken } from "../db/account-tokens.repo.ts";
import { updateCredentials } from "../db/users.repo.ts";
import { hashAccountToken } from "../domain/account-token.ts";
import type { MutationResolvers } from "../generated/graphql.ts";
import { accountToken, INVALID_LINK } from "./account-inputs.ts";

export const verifyEmail: MutationResolvers["verifyEmail"] = async (_, args, ctx) => {
  const { token } = parseInput(z.object({ token: accountToken }), args);
  const user = await ctx.db.transaction(async (tx) => {
    const userId = await spendAccountToken(tx, "VERIFY_EMAIL", hashAccountToken(token));
    return userId && updateCredentials(tx, userId, { emailVerified: true });
  });
  if (!user) throw badUserInput(INVALID_LINK, "token");
  ctx.log.info({ userId: user.id }, "email verified");
  // Not a sign-in: the link may be opened anywhere, so the private fields still need the
  // user's own access token.
  return user;
};
