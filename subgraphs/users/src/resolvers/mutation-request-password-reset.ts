import { parseInput } from "@kai/service";
import { z } from "zod";
import { spendAccountMailAllowance } from "../accounts/mail-limits.ts";
import { sendAccountLink } from "../accounts/send-account-link.ts";
import { answerNoSoonerThan } from "../accounts/steady-answer.ts";
import { findUserByEmail } from "../db/users.repo.ts";
import type { MutationResolvers } from "../generated/graphql.ts";
import { email } from "./inputs.ts";

/**
 * Every answer takes at least this long: well above the few milliseconds writing a token and
 * a mail takes, so a known email answers no later than an unknown one.
 */
const ANSWER_MS = 250;

export const requestPasswordReset: MutationResolvers["requestPasswordReset"] = async (
  _,
  args,
  ctx,
) => {
  const startedAt = performance.now();
  const input = parseInput(z.object({ email }), args);
  await spendAccountMailAllowance(ctx.accountMail.limits, {
    address: input.email,
    client: ctx.clientAddress,
  });
  const user = await findUserByEmail(ctx.db, input.email);
  if (user) {
    await ctx.db.transaction((tx) => sendAccountLink(tx, ctx.env, user, "RESET_PASSWORD"));
    ctx.accountMail.kick();
  }
  await answerNoSoonerThan(startedAt, ANSWER_MS);
  return true;
};
