import { rateLimited, unauthenticated } from "@kai/errors";
import { parseInput } from "@kai/service";
import { z } from "zod";
import { findUserByEmail } from "../db/users.repo.ts";
import { burnPasswordCheck, verifyPassword } from "../domain/password.ts";
import type { MutationResolvers } from "../generated/graphql.ts";
import { startSession } from "../sessions/start-session.ts";
import { email } from "./inputs.ts";

const loginInput = z.object({ email, password: z.string().min(1, "must not be empty").max(128) });

/** One message for an unknown email and a wrong password, so neither is revealed. */
const INVALID_CREDENTIALS = "Invalid email or password";
/** Said only after the right email and no password: the account signs in elsewhere. */
const NO_PASSWORD =
  "This account has no password: sign in with its identity provider, or reset the password";

export const login: MutationResolvers["login"] = async (_, args, ctx) => {
  const input = parseInput(loginInput, args.input);
  const wait = await ctx.loginAttempts.blockedFor(input.email);
  if (wait > 0) throw rateLimited(`Too many failed sign-ins; try again in ${wait} seconds`, wait);
  const user = await findUserByEmail(ctx.db, input.email);
  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, input.password)
    : await burnPasswordCheck(input.password);
  if (!user || !valid) {
    await ctx.loginAttempts.recordFailure(input.email);
    throw unauthenticated(user && !user.passwordHash ? NO_PASSWORD : INVALID_CREDENTIALS);
  }
  return ctx.db.transaction((tx) => startSession(tx, ctx.env, user, { userAgent: ctx.userAgent }));
};
