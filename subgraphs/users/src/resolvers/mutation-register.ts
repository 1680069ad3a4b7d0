import { badUserInput } from "@kai/errors";
import { parseInput } from "@kai/service";
import { z } from "zod";
import { createAccount } from "../accounts/create-account.ts";
import { hashPassword } from "../domain/password.ts";
import { newPassword } from "../domain/password-policy.ts";
import type { MutationResolvers } from "../generated/graphql.ts";
import { startSession } from "../sessions/start-session.ts";
import { displayName, email, timeZone } from "./inputs.ts";

const registerInput = z.object({
  email,
  password: newPassword,
  name: displayName,
  timezone: timeZone.nullish().transform((zone) => zone ?? "UTC"),
});

export const register: MutationResolvers["register"] = async (_, args, ctx) => {
  const input = parseInput(registerInput, args.input);
  const passwordHash = await hashPassword(input.password);
  const payload = await ctx.db.transaction(async (tx) => {
    const user = await createAccount(tx, ctx.env, {
      email: input.email,
      name: input.name,
      passwordHash,
      timezone: input.timezone,
      emailVerified: false,
    });
    if (!user) throw badUserInput("An account with this email already exists", "email");
    return startSession(tx, ctx.env, user, { userAgent: ctx.userAgent });
  });
  ctx.log.info({ userId: payload.user.id }, "user registered");
  return payload;
};
