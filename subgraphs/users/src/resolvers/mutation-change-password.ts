import { badUserInput, notFound, rateLimited } from "@kai/errors";
import { parseInput, requireViewer } from "@kai/service";
import { z } from "zod";
import { afterPasswordChange } from "../accounts/password-changed.ts";
import { updateCredentials } from "../db/users.repo.ts";
import { hashPassword, verifyPassword } from "../domain/password.ts";
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
 * A wrong current password is a password guess like a failed sign-in, so it counts against
 * the same per-email limit: a stolen access token gives no faster way to find the password.
 */
export const changePassword: MutationResolvers["changePassword"] = async (_, args, ctx) => {
  const viewer = requireViewer(ctx);
  const input = parseInput(changePasswordInput, args.input);
  const user = await ctx.loaders.userById.load(viewer.id);
  if (!user) throw notFound("User", viewer.id);
  const wait = await ctx.loginAttempts.blockedFor(user.email);
  if (wait > 0) throw rateLimited(`Too many wrong passwords; try again in ${wait} seconds`, wait);
  if (!user.passwordHash) {
    throw badUserInput(
      "This account has no password yet: set one with a password reset",
      "currentPassword",
    );
  }
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await ctx.loginAttempts.recordFailure(user.email);
    throw badUserInput("The current password is wrong", "currentPassword");
  }
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
