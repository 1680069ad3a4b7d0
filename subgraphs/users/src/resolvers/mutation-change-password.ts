import { notFound } from "@kai/errors";
import { parseInput, requireViewer } from "@kai/service";
import { z } from "zod";
import { confirmPassword } from "../accounts/confirm-password.ts";
import { afterPasswordChange } from "../accounts/password-changed.ts";
import { updateCredentials } from "../db/users.repo.ts";
import { hashPassword } from "../domain/password.ts";
import { MAX_PASSWORD_LENGTH, newPassword } from "../domain/password-policy.ts";
import type { MutationResolvers } from "../generated/graphql.ts";

const changePasswordInput = z
  .object({
    currentPassword: z.string().min(1, "must not be empty").max(MAX_PASSWORD_LENGTH),
    newPassword,
  })
  .refine((input) => input.newPassword !== input.currentPassword, {
    path: ["newPassword"],
    message: "must differ from the current password",
  });

/**
 * A wrong current password is BAD_USER_INPUT and counts as a failed sign-in (confirmPassword).
 * Other sessions lose their refresh tokens; their access tokens run out within minutes, as
 * revoking the user's access tokens would sign out this session too.
 */
export const changePassword: MutationResolvers["changePassword"] = async (_, args, ctx) => {
  const viewer = requireViewer(ctx);
  const input = parseInput(changePasswordInput, args.input);
  const user = await ctx.loaders.userById.load(viewer.id);
  if (!user) throw notFound("User", viewer.id);
  await confirmPassword(ctx.loginAttempts, user, input.currentPassword, "currentPassword");
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    const updated = await updateCredentials(tx, user.id, { passwordHash });
    if (!updated) throw notFound("User", user.id);
    await afterPasswordChange(tx, ctx.env, updated, viewer.sessionId);
  });
  ctx.accountMail.kick();
  ctx.log.info({ userId: user.id }, "password changed; other sessions ended");
  return true;
};
