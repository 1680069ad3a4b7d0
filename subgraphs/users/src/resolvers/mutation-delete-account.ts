import { notFound } from "@kai/errors";
import { parseInput, requireViewer } from "@kai/service";
import { z } from "zod";
import { confirmPassword } from "../accounts/confirm-password.ts";
import { deleteAccount as deleteAccountOf } from "../accounts/delete-account.ts";
import { MAX_PASSWORD_LENGTH } from "../domain/password-policy.ts";
import type { MutationResolvers } from "../generated/graphql.ts";

const password = z.string().min(1, "must not be empty").max(MAX_PASSWORD_LENGTH);

export const deleteAccount: MutationResolvers["deleteAccount"] = async (_, args, ctx) => {
  const viewer = requireViewer(ctx);
  const { password: typed } = parseInput(z.object({ password }), args);
  const user = await ctx.loaders.userById.load(viewer.id);
  if (!user) throw notFound("User", viewer.id);
  await confirmPassword(ctx.loginAttempts, user, typed, "password");
  if (!(await deleteAccountOf(ctx.db, ctx.revocations, user.id))) throw notFound("User", user.id);
  ctx.log.info({ userId: user.id }, "account deleted; its tokens revoked");
  return true;
};
