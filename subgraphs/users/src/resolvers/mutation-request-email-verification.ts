import { notFound } from "@kai/errors";
import { requireViewer } from "@kai/service";
import { spendAccountMailAllowance } from "../accounts/mail-limits.ts";
import { sendAccountLink } from "../accounts/send-account-link.ts";
import type { MutationResolvers } from "../generated/graphql.ts";

export const requestEmailVerification: MutationResolvers["requestEmailVerification"] = async (
  _,
  __,
  ctx,
) => {
  const viewer = requireViewer(ctx);
  const user = await ctx.loaders.userById.load(viewer.id);
  if (!user) throw notFound("User", viewer.id);
  if (user.emailVerified) return false;
  await spendAccountMailAllowance(ctx.accountMail.limits, { address: user.email });
  await ctx.db.transaction((tx) => sendAccountLink(tx, ctx.env, user, "VERIFY_EMAIL"));
  ctx.accountMail.kick();
  return true;
};
